package dev.frontier.tracking.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.file.FileStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RunsTableTest {

    @TempDir Path dir;

    @Test
    void trials_oneRowPerChildWithParamMetricAndTagColumns() {
        FileStore store = FileStore.open(dir);
        String exp = store.getOrCreateExperiment("e");
        String parent = store.createRun(exp, NewRun.named("sweep", 1));
        String a = store.createRun(exp, NewRun.named("T1", 2).withParent(parent));
        String b = store.createRun(exp, NewRun.named("T2", 3).withParent(parent));
        store.logBatch(
                a,
                RunBatch.of(
                        Map.of("bits", "8"),
                        List.of(new dev.frontier.tracking.MetricPoint("accuracy", 0.9, 1, 0)),
                        Map.of("pareto", "true")));
        store.logBatch(b, RunBatch.ofParams(Map.of("bits", "4")));

        Table table = RunsTable.trials(store, "e");

        assertEquals(2, table.rowCount());
        assertEquals(List.of("T1", "T2"), table.stringColumn("run_name").asList());
        assertEquals(List.of("8", "4"), table.stringColumn("params.bits").asList());
        assertEquals(0.9, table.doubleColumn("metrics.accuracy").get(0));
        assertTrue(table.doubleColumn("metrics.accuracy").isMissing(1));
        assertEquals(List.of("true", ""), table.stringColumn("tags.pareto").asList());
        assertEquals(parent, table.stringColumn("parent_run_id").get(0));
    }
}
