package dev.frontier.tracking.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the parent run of a sweep starts with.
 *
 * @param experimentName the MLflow experiment (one per Frontier experiment name)
 * @param sweepId the sweep execution's stable id; a rerun with the same id resumes the same parent
 *     run
 * @param runName the parent run's display name
 * @param specHash hash of the canonical spec, "" if unknown
 * @param gitCommit commit of the code, "" if unknown
 * @param frontierVersion Frontier's version
 * @param params top-level settings, in order
 * @param artifacts files to store on the parent at once, e.g. the canonical spec YAML
 * @param startedAtMillis when the sweep started (epoch milliseconds), the parent run's start time,
 *     so the run shows the sweep's real duration; 0 when the parent starts now
 */
public record SweepStart(
        String experimentName,
        String sweepId,
        String runName,
        String specHash,
        String gitCommit,
        String frontierVersion,
        Map<String, String> params,
        List<ArtifactFile> artifacts,
        long startedAtMillis) {

    /** A sweep start whose parent run starts now. */
    public SweepStart(
            String experimentName,
            String sweepId,
            String runName,
            String specHash,
            String gitCommit,
            String frontierVersion,
            Map<String, String> params,
            List<ArtifactFile> artifacts) {
        this(
                experimentName,
                sweepId,
                runName,
                specHash,
                gitCommit,
                frontierVersion,
                params,
                artifacts,
                0L);
    }

    /** Checks the names and freezes the collections. */
    public SweepStart {
        for (var field :
                new String[][] {
                    {"experimentName", experimentName},
                    {"sweepId", sweepId},
                    {"runName", runName},
                    {"frontierVersion", frontierVersion}
                }) {
            if (field[1] == null || field[1].isBlank()) {
                throw new IllegalArgumentException(
                        "sweep start: " + field[0] + " must not be blank");
            }
        }
        specHash = specHash == null ? "" : specHash.strip();
        gitCommit = gitCommit == null ? "" : gitCommit.strip();
        params =
                Collections.unmodifiableMap(
                        new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        artifacts = List.copyOf(artifacts);
        if (startedAtMillis < 0) {
            throw new IllegalArgumentException("sweep start: startedAtMillis must be >= 0");
        }
    }
}
