package dev.frontier.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.exec.cluster.ExecutorSettings;
import dev.frontier.exec.cluster.StageExecutors;
import dev.frontier.exec.store.StageStore;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark executor without a cluster: its job plan (levels) and its settings. */
class SparkStageExecutorTest {
    @TempDir Path dir;

    @Test
    void levels_groupTheStagesToRunByDepth_parentsFirst_skippingStoredAndMeasureStages()
            throws Exception {
        Plan plan = Planner.plan(SparkClusterSweepTest.sweep());
        Set<String> all = new HashSet<>();
        plan.stages().forEach(s -> all.add(s.key()));
        try (StageStore store = StageStore.open(dir.resolve("run"))) {
            TreeMap<Integer, List<Stage>> levels = SparkStageExecutor.levels(plan, store, all);
            // baseline; two prune ratios; two quantizations (measure stages are not Spark's)
            assertEquals(List.of(0, 1, 2), List.copyOf(levels.keySet()));
            assertEquals(List.of(1, 2, 2), levels.values().stream().map(List::size).toList());
            assertEquals(StageKind.TRAIN_BASELINE, levels.get(0).get(0).kind());
            for (Stage s : levels.get(2)) {
                String parent = s.parentKey().orElseThrow();
                assertTrue(
                        levels.get(1).stream().anyMatch(p -> p.key().equals(parent)),
                        s.label() + " runs after its parent");
            }
            // a stage no unfinished trial needs is not run
            Set<String> some = new HashSet<>(all);
            some.remove(levels.get(2).get(0).key());
            assertEquals(1, SparkStageExecutor.levels(plan, store, some).get(2).size());
        }
    }

    @Test
    void aMissingMaster_isOneClearError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new SparkStageExecutor(
                                        ExecutorSettings.spark(" ", Map.of()),
                                        1,
                                        new PrintStream(new ByteArrayOutputStream())));
        assertEquals(
                "executor.master: found nothing, expected a Spark master URL such as"
                        + " spark://host:7077",
                e.getMessage());
    }

    @Test
    void serviceLoader_findsTheSparkExecutor_whenThisModuleIsOnTheClassPath() {
        var ex =
                StageExecutors.find(
                        ExecutorSettings.spark("spark://127.0.0.1:7077", Map.of()),
                        2,
                        new PrintStream(new ByteArrayOutputStream()));
        assertTrue(ex instanceof SparkStageExecutor, ex.getClass().getName());
        assertEquals(
                "Spark spark://127.0.0.1:7077, 2 core(s) per stage, worker processes on the"
                        + " executors recycled after 20 stage(s)",
                ex.describe());
    }

    @Test
    void stagesPerWorker_comesFromTheSparkConf_andABadValueIsOneClearError() {
        assertEquals(
                3,
                SparkStageExecutor.stagesPerWorker(
                        ExecutorSettings.spark(
                                "spark://h:7077",
                                Map.of(SparkStageExecutor.STAGES_PER_WORKER, "3"))));
        for (String bad : List.of("0", "-1", "two", "")) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    new SparkStageExecutor(
                                            ExecutorSettings.spark(
                                                    "spark://h:7077",
                                                    Map.of(
                                                            SparkStageExecutor.STAGES_PER_WORKER,
                                                            bad)),
                                            1,
                                            new PrintStream(new ByteArrayOutputStream())));
            assertEquals(
                    "spark.frontier.stagesPerWorker: found '"
                            + bad
                            + "', expected a whole number >= 1",
                    e.getMessage());
        }
    }
}
