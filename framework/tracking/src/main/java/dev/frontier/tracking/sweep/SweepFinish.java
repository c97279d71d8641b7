package dev.frontier.tracking.sweep;

import dev.frontier.tracking.RunStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a sweep ended: its status, summary metrics, report artifacts and each trial's Pareto rank.
 *
 * @param status FINISHED, FAILED or KILLED
 * @param metrics summary figures, e.g. {@code hypervolume}, {@code trials_ok}, {@code
 *     trials_failed}
 * @param paretoRanks front rank by trial id: 1 on the frontier, 2.. behind it, 0 not ranked
 *     (failed, infeasible, incomplete); becomes the children's {@code pareto} and {@code
 *     pareto_rank} tags
 * @param artifacts files for the parent run: results and frontier CSVs, charts, HTML report
 */
public record SweepFinish(
        RunStatus status,
        Map<String, Double> metrics,
        Map<String, Integer> paretoRanks,
        List<ArtifactFile> artifacts) {

    /** Checks that the status is terminal and ranks are not negative; freezes the collections. */
    public SweepFinish {
        Objects.requireNonNull(status, "status");
        if (!status.isTerminal()) {
            throw new IllegalArgumentException(
                    "a sweep ends FINISHED, FAILED or KILLED, not " + status);
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        paretoRanks.forEach(
                (trial, rank) -> {
                    if (rank == null || rank < 0) {
                        throw new IllegalArgumentException(
                                "trial "
                                        + trial
                                        + ": pareto rank must be 0 (not ranked) or more, got "
                                        + rank);
                    }
                });
        paretoRanks = Collections.unmodifiableMap(new LinkedHashMap<>(paretoRanks));
        artifacts = List.copyOf(artifacts);
    }

    /**
     * Returns a normally ended sweep.
     *
     * @param metrics summary figures
     * @param paretoRanks rank by trial id
     * @param artifacts report files
     * @return the finish record
     */
    public static SweepFinish finished(
            Map<String, Double> metrics,
            Map<String, Integer> paretoRanks,
            List<ArtifactFile> artifacts) {
        return new SweepFinish(RunStatus.FINISHED, metrics, paretoRanks, artifacts);
    }
}
