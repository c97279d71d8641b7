package dev.frontier.tracking.sweep;

import dev.frontier.tracking.MlflowNames;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A local file to store as a run artifact.
 *
 * @param artifactPath where it goes under the run's artifact root, e.g. {@code charts/frontier.svg}
 * @param file the local file
 */
public record ArtifactFile(String artifactPath, Path file) {

    /** Checks that the artifact path is a plain relative path. */
    public ArtifactFile {
        if (artifactPath == null || !MlflowNames.isNormalRelativePath(artifactPath)) {
            throw new IllegalArgumentException(
                    "artifact path '"
                            + artifactPath
                            + "' must be a plain relative path like"
                            + " 'charts/frontier.svg'");
        }
        Objects.requireNonNull(file, () -> "artifact " + artifactPath + ": file");
    }

    /**
     * Returns an artifact.
     *
     * @param artifactPath its path under the artifact root
     * @param file the local file
     * @return the artifact
     */
    public static ArtifactFile of(String artifactPath, Path file) {
        return new ArtifactFile(artifactPath, file);
    }

    /**
     * Returns an artifact stored under its own file name in {@code folder} ("" for the root).
     *
     * @param folder the folder under the artifact root
     * @param file the local file
     * @return the artifact
     */
    public static ArtifactFile in(String folder, Path file) {
        String name = file.getFileName().toString();
        return new ArtifactFile(folder.isEmpty() ? name : folder + "/" + name, file);
    }
}
