package dev.frontier.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a dataset's files, in order: an explicit path, {@code $FRONTIER_DATA/<name>},
 * {@code <repo>/datasets/<name>}, {@code /usr/share/datasets/<name>}. Pure lookup; fetching is
 * {@link DataFetcher}'s job.
 */
public final class DataLocator {
    private final Optional<Path> explicit;
    private final Map<String, String> env;
    private final Path repoRoot;
    private final Path systemRoot;

    /** A locator for the given explicit path, environment and repository root. */
    public DataLocator(Optional<Path> explicit, Map<String, String> env, Path repoRoot, Path systemRoot) {
        this.explicit = explicit;
        this.env = Map.copyOf(env);
        this.repoRoot = repoRoot;
        this.systemRoot = systemRoot;
    }

    /** The default locator: process environment, repository from {@code frontier.repo} or the working dir. */
    public static DataLocator standard(Optional<Path> explicit) {
        return new DataLocator(explicit, System.getenv(), repoRoot(), Path.of("/usr/share/datasets"));
    }

    /** The repository root: system property {@code frontier.repo}, else the working directory. */
    public static Path repoRoot() {
        return Path.of(System.getProperty("frontier.repo", System.getProperty("user.dir"))).toAbsolutePath();
    }

    /** A place looked in, and how it was named. */
    public record Candidate(String origin, Path dir) {
    }

    /** Where the dataset's files were found. */
    public record Found(String origin, Path dir, Map<DatasetDescriptor.Role, Path> files) {
    }

    /** Every place looked for {@code name}, in order. */
    public List<Candidate> candidates(String name) {
        List<Candidate> c = new ArrayList<>();
        explicit.ifPresent(p -> c.add(new Candidate("explicit path", p)));
        String fd = env.get("FRONTIER_DATA");
        if (fd != null && !fd.isBlank()) {
            c.add(new Candidate("$FRONTIER_DATA", Path.of(fd).resolve(name)));
        }
        c.add(new Candidate("repository", repoRoot.resolve("datasets").resolve(name)));
        c.add(new Candidate("system (Debian package)", systemRoot.resolve(name)));
        return c;
    }

    /** The first place holding all four files, if any. An explicit path is never skipped silently. */
    public Optional<Found> locate(DatasetDescriptor d) {
        for (Candidate c : candidates(d.name())) {
            Optional<Found> f = filesIn(c, d);
            if (f.isPresent()) {
                return f;
            }
            if (c.origin().equals("explicit path")) {
                throw new DataException("dataset " + d.name() + ": explicit path " + c.dir()
                        + " does not hold its four IDX files (" + expectedNames(d) + ")");
            }
        }
        return Optional.empty();
    }

    /** The files of {@code d} in one directory, raw or gzipped, if all four are there. */
    public static Optional<Found> filesIn(Candidate c, DatasetDescriptor d) {
        Map<DatasetDescriptor.Role, Path> files = new java.util.EnumMap<>(DatasetDescriptor.Role.class);
        for (DatasetDescriptor.Role role : DatasetDescriptor.Role.values()) {
            String base = d.file(role).file();
            Path gz = c.dir().resolve(base + ".gz");
            Path raw = c.dir().resolve(base);
            if (Files.isRegularFile(gz)) {
                files.put(role, gz);
            } else if (Files.isRegularFile(raw)) {
                files.put(role, raw);
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new Found(c.origin(), c.dir(), files));
    }

    static String expectedNames(DatasetDescriptor d) {
        List<String> n = new ArrayList<>();
        for (DatasetDescriptor.Role role : DatasetDescriptor.Role.values()) {
            n.add(d.file(role).file() + "[.gz]");
        }
        return String.join(", ", n);
    }
}
