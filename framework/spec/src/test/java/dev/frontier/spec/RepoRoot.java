package dev.frontier.spec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root: the {@code frontier.repo} property set by surefire, else walking up
 * from user.dir.
 */
public final class RepoRoot {

    private RepoRoot() {}

    /** The repository root, holding pom.xml and experiments/. */
    public static Path find() {
        String property = System.getProperty("frontier.repo");
        if (property != null && isRoot(Path.of(property))) {
            return Path.of(property).toAbsolutePath();
        }
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
                p != null;
                p = p.getParent()) {
            if (isRoot(p)) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no repository root (pom.xml + experiments/) above "
                        + System.getProperty("user.dir"));
    }

    /** The experiments/ folder. */
    public static Path experiments() {
        return find().resolve("experiments");
    }

    private static boolean isRoot(Path p) {
        return Files.isRegularFile(p.resolve("pom.xml"))
                && Files.isDirectory(p.resolve("experiments"));
    }
}
