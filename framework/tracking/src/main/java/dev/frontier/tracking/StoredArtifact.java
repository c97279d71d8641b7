package dev.frontier.tracking;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One artifact file of a run in a local store.
 *
 * @param artifactPath its path under the run's artifact root, with {@code /} separators
 * @param file where the file is on disk
 */
public record StoredArtifact(String artifactPath, Path file) {

    /** Checks that the path is relative and normalised. */
    public StoredArtifact {
        if (artifactPath == null || !MlflowNames.isNormalRelativePath(artifactPath)) {
            throw new IllegalArgumentException(
                    "artifact path '" + artifactPath + "' must be a plain relative path");
        }
        Objects.requireNonNull(file, () -> "artifact " + artifactPath + ": file");
    }
}
