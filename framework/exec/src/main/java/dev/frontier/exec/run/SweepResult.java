package dev.frontier.exec.run;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.report.RunOutputs;
import dev.frontier.exec.store.StageStore;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.plan.Plan;
import dev.frontier.spec.Sweep;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep execution produced: the outcomes (baseline first), the Pareto analysis, the files
 * written, how much work was run vs reused, the per-repeat records, and warnings a reader of the
 * table must see (measured sparsity off its target, a trial that beats a possibly undertrained
 * baseline).
 */
public record SweepResult(
        Sweep sweep,
        Plan plan,
        Path runDirectory,
        List<TrialOutcome> outcomes,
        ParetoResult pareto,
        RunOutputs.Written files,
        Work work,
        double seconds,
        Provenance provenance,
        List<TrialRecord> baselineRecords,
        List<TrialRecord> trialRecords,
        Timing timing,
        List<String> warnings) {

    /**
     * Where the wall time went: loading data, running stages in this process, waiting for worker
     * processes, measuring trials. The rest of the wall time is framework overhead (planning,
     * caching, checkpoints, reports, tracking).
     */
    public record Timing(
            double dataSeconds, double stageSeconds, double workerSeconds, double measureSeconds) {
        /** Seconds not spent in data loading, stage computation or measurement. */
        public double overheadSeconds(double wall) {
            return wall - dataSeconds - stageSeconds - workerSeconds - measureSeconds;
        }
    }

    /**
     * The work of this run, counted honestly: unique stages run in this process, run on worker
     * processes, and reused from the run folder; trial repeats measured and reused; and the cache
     * entries that failed their check and were recomputed.
     */
    public record Work(
            int stagesHere,
            int stagesOnWorkers,
            int stagesReused,
            int trialsMeasured,
            int trialsReused,
            List<StageStore.CacheProblem> recomputed) {
        public Work {
            recomputed = List.copyOf(recomputed);
        }

        /** One line: "stages run 3 here + 4 on workers, reused 2; trials measured 5, reused 8". */
        public String describe() {
            return "stages run "
                    + stagesHere
                    + (stagesOnWorkers > 0 ? " here + " + stagesOnWorkers + " on workers" : "")
                    + ", reused "
                    + stagesReused
                    + "; trials measured "
                    + trialsMeasured
                    + ", reused "
                    + trialsReused
                    + (recomputed.isEmpty()
                            ? ""
                            : "; "
                                    + recomputed.size()
                                    + " corrupt cache entr"
                                    + (recomputed.size() == 1 ? "y" : "ies")
                                    + " recomputed");
        }
    }

    /** Unique stages run in this process. */
    public int stagesRun() {
        return work.stagesHere();
    }

    /** Unique stages reused from the run folder. */
    public int stagesReused() {
        return work.stagesReused();
    }

    /** Trial repeats (the baseline's included) reused from the run folder. */
    public int trialsReused() {
        return work.trialsReused();
    }

    public SweepResult {
        outcomes = List.copyOf(outcomes);
        baselineRecords = List.copyOf(baselineRecords);
        trialRecords = List.copyOf(trialRecords);
        warnings = List.copyOf(warnings);
    }

    /** Number of trials (excluding the baseline) that failed. */
    public long failedTrials() {
        return outcomes.stream()
                .skip(1)
                .filter(o -> o.status() == dev.frontier.analysis.TrialStatus.FAILED)
                .count();
    }

    /** Number of trials stopped early (they cannot reach the frontier). */
    public long stoppedTrials() {
        return outcomes.stream()
                .skip(1)
                .filter(o -> o.status() == dev.frontier.analysis.TrialStatus.STOPPED)
                .count();
    }

    /** A summary for {@code summary.yaml} and the parent run. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sweep", sweep.name());
        m.put("trials", plan.trialCount());
        m.put("repeats", sweep.repeats());
        m.put("failed", failedTrials());
        m.put("stopped", stoppedTrials());
        m.put("frontier", pareto.front().size());
        m.put("hypervolume", pareto.hypervolume());
        m.put("unique_stages", plan.uniqueStageCount());
        m.put("naive_stages", plan.naiveStageCount());
        m.put("stages_run", work.stagesHere());
        m.put("stages_on_workers", work.stagesOnWorkers());
        m.put("stages_reused", work.stagesReused());
        m.put("trials_measured", work.trialsMeasured());
        m.put("trials_reused", work.trialsReused());
        m.put(
                "cache_entries_recomputed",
                work.recomputed().stream().map(StageStore.CacheProblem::describe).toList());
        m.put("seconds", seconds);
        m.put("estimated_seconds", plan.estimatedSeconds());
        m.put("naive_estimated_seconds", plan.naiveEstimatedSeconds());
        m.put("data_seconds", timing.dataSeconds());
        m.put("stage_seconds", timing.stageSeconds());
        m.put("worker_seconds", timing.workerSeconds());
        m.put("measure_seconds", timing.measureSeconds());
        m.put("overhead_seconds", timing.overheadSeconds(seconds));
        m.put("warnings", warnings);
        m.put("provenance", new LinkedHashMap<>(provenance.values()));
        return m;
    }
}
