package dev.frontier.tracking.it;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Map;

/**
 * Writes batches of {@code args[1]} metric points (and one param each) to runs in the SQLite store
 * {@code args[0]} until it is killed, printing "batch N" after each commit.
 */
public final class SqliteWriterMain {

    private SqliteWriterMain() {}

    /**
     * Runs the writer.
     *
     * @param args the database file and the batch size
     */
    public static void main(String[] args) {
        int size = Integer.parseInt(args[1]);
        try (SqliteStore store = SqliteStore.open(Path.of(args[0]), Clock.systemUTC(), "kill")) {
            String exp = store.getOrCreateExperiment("kill");
            for (int batch = 0; ; batch++) {
                String run =
                        batch % 5 == 0
                                ? store.createRun(exp, NewRun.named("r" + batch, batch))
                                : store.searchRuns(exp, Map.of()).stream()
                                        .reduce((a, b) -> b)
                                        .orElseThrow()
                                        .runId();
                var points = new ArrayList<MetricPoint>();
                for (int i = 0; i < size; i++) {
                    points.add(new MetricPoint("m", i, batch, (long) batch * size + i));
                }
                store.logBatch(run, RunBatch.of(Map.of("p" + batch, "v"), points, Map.of()));
                System.out.println("batch " + batch);
                System.out.flush();
            }
        }
    }
}
