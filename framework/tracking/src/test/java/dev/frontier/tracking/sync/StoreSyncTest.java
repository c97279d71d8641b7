package dev.frontier.tracking.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.NewRun;
import dev.frontier.tracking.RunBatch;
import dev.frontier.tracking.RunStatus;
import dev.frontier.tracking.TrackedRun;
import dev.frontier.tracking.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreSyncTest {

  @TempDir
  Path dir;

  @Test
  void syncAll_twiceCreatesEachRunOnceAndMapsParents() throws Exception {
    FileStore source = FileStore.open(dir.resolve("src"), Clock.systemUTC(), "ana");
    String exp = source.getOrCreateExperiment("e");
    String parent = source.createRun(exp, NewRun.named("sweep", 1000));
    String child = source.createRun(exp, NewRun.named("T1", 1001).withParent(parent));
    source.logBatch(child, RunBatch.of(Map.of("bits", "4"),
        List.of(new MetricPoint("loss", 0.9, 5, 0), new MetricPoint("loss", 0.4, 6, 1)), Map.of("pareto", "true")));
    source.logArtifact(child, "model/m.bin", Files.writeString(dir.resolve("m.bin"), "w"));
    source.endRun(child, RunStatus.FINISHED, 2000);
    source.endRun(parent, RunStatus.FINISHED, 2001);
    FileStore target = FileStore.open(dir.resolve("dst"), Clock.systemUTC(), "ana");

    SyncReport first = new StoreSync(source, target).syncAll();
    SyncReport second = new StoreSync(source, target).syncAll();

    assertEquals(new SyncReport(2, 0, 0, 0), first);
    assertEquals(new SyncReport(0, 0, 0, 2), second);
    String targetExp = target.findExperiment("e").orElseThrow();
    List<TrackedRun> copies = target.searchRuns(targetExp, Map.of());
    assertEquals(2, copies.size());
    TrackedRun parentCopy = copies.stream().filter(r -> r.runName().equals("sweep")).findFirst().orElseThrow();
    TrackedRun childCopy = copies.stream().filter(r -> r.runName().equals("T1")).findFirst().orElseThrow();
    assertEquals(parentCopy.runId(), childCopy.parentRunId().orElseThrow());
    assertEquals(child, childCopy.tags().get("frontier.source_run_id"));
    assertEquals(2, target.metricHistory(childCopy.runId(), "loss").size());
    assertEquals(RunStatus.FINISHED, childCopy.status());
    assertEquals("w", Files.readString(target.artifacts(childCopy.runId()).get(0).file()));
  }

  @Test
  void syncAll_tagChangedAfterFirstSyncUpdatesOnlyTags() {
    FileStore source = FileStore.open(dir.resolve("src"), Clock.systemUTC(), "ana");
    String exp = source.getOrCreateExperiment("e");
    String run = source.createRun(exp, NewRun.named("T1", 1000));
    source.logBatch(run, RunBatch.ofMetrics(List.of(new MetricPoint("acc", 0.9, 5, 0))));
    source.endRun(run, RunStatus.FINISHED, 2000);
    FileStore target = FileStore.open(dir.resolve("dst"), Clock.systemUTC(), "ana");
    new StoreSync(source, target).syncAll();

    source.setTags(run, Map.of("pareto", "true"));
    SyncReport again = new StoreSync(source, target).syncAll();

    assertEquals(new SyncReport(0, 0, 1, 0), again);
    TrackedRun copy = target.searchRuns(target.findExperiment("e").orElseThrow(), Map.of()).get(0);
    assertEquals("true", copy.tags().get("pareto"));
    assertEquals(1, target.metricHistory(copy.runId(), "acc").size());
  }
}
