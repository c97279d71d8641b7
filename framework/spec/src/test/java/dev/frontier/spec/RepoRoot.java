package dev.frontier.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

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

    /**
     * The bench sweeps ({@code experiments/bench/*.yaml}) whose passes are all registered on this
     * class path, sorted; a file using a pass another module provides (exec's {@code lowrank}) is
     * checked in that module's tests.
     */
    public static List<Path> benchFiles() throws IOException {
        try (Stream<Path> files = Files.list(experiments().resolve("bench"))) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(RepoRoot::passesRegisteredHere)
                    .sorted()
                    .toList();
        }
    }

    private static boolean passesRegisteredHere(Path file) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PassRegistry registry = PassRegistry.standard();
        if (!(doc instanceof Map<?, ?> m) || !(m.get("pipeline") instanceof List<?> steps)) {
            return true;
        }
        for (Object step : steps) {
            if (step instanceof Map<?, ?> pass) {
                for (Object key : pass.keySet()) {
                    if (registry.get(String.valueOf(key)).isEmpty()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean isRoot(Path p) {
        return Files.isRegularFile(p.resolve("pom.xml"))
                && Files.isDirectory(p.resolve("experiments"));
    }
}
