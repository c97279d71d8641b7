package dev.frontier.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a dataset's files, in order: an explicit path (the folder of the files, or a folder holding
 * {@code <name>/}; else the system property {@value #DATA_DIR_PROPERTY}), {@code
 * $FRONTIER_DATA/<name>}, {@code <repo>/datasets/<name>}, {@code /usr/share/datasets/<name>}. A
 * folder whose files are another dataset's (by checksum: Fashion-MNIST and MNIST share file names)
 * is reported, never used. Pure lookup; fetching is {@link DataFetcher}'s job.
 */
public final class DataLocator {
    /**
     * System property naming the explicit data folder when the caller passes none: how {@code
     * --data-dir} reaches code that loads data with the standard locator, worker processes included
     * (they need it as a {@code -D} flag).
     */
    public static final String DATA_DIR_PROPERTY = "frontier.data.dir";

    private static final String EXPLICIT = "explicit path";

    private final Optional<Path> explicit;
    private final Map<String, String> env;
    private final Path repoRoot;
    private final Path systemRoot;

    /** A locator for the given explicit path, environment and repository root. */
    public DataLocator(
            Optional<Path> explicit, Map<String, String> env, Path repoRoot, Path systemRoot) {
        this.explicit = explicit;
        this.env = Map.copyOf(env);
        this.repoRoot = repoRoot;
        this.systemRoot = systemRoot;
    }

    /**
     * The default locator: {@code explicit}, else the folder named by {@value #DATA_DIR_PROPERTY};
     * process environment; repository from {@code frontier.repo} or the working dir.
     */
    public static DataLocator standard(Optional<Path> explicit) {
        Optional<Path> dir =
                explicit.or(
                        () ->
                                Optional.ofNullable(System.getProperty(DATA_DIR_PROPERTY))
                                        .filter(p -> !p.isBlank())
                                        .map(Path::of));
        return new DataLocator(dir, System.getenv(), repoRoot(), Path.of("/usr/share/datasets"));
    }

    /** The repository root: system property {@code frontier.repo}, else the working directory. */
    public static Path repoRoot() {
        return Path.of(System.getProperty("frontier.repo", System.getProperty("user.dir")))
                .toAbsolutePath();
    }

    /** A place looked in, and how it was named. */
    public record Candidate(String origin, Path dir) {}

    /** Where the dataset's files were found. */
    public record Found(String origin, Path dir, Map<DatasetDescriptor.Role, Path> files) {}

    /**
     * What one place holds: the dataset's file names ({@code files}) and, when they are there,
     * which built-in dataset they are by checksum ({@code holds}; empty when unrecognised).
     */
    public record Look(Candidate where, Optional<Found> files, Optional<String> holds) {
        /** Whether the files are there but are another built-in dataset's than {@code name}. */
        public boolean holdsOther(String name) {
            return files.isPresent() && holds.isPresent() && !holds.get().equals(name);
        }
    }

    /** Every place looked for {@code name}, in order. */
    public List<Candidate> candidates(String name) {
        List<Candidate> c = new ArrayList<>();
        explicit.ifPresent(
                p -> {
                    c.add(new Candidate(EXPLICIT, p));
                    if (Files.isDirectory(p.resolve(name))) {
                        c.add(new Candidate(EXPLICIT, p.resolve(name)));
                    }
                });
        String fd = env.get("FRONTIER_DATA");
        if (fd != null && !fd.isBlank()) {
            c.add(new Candidate("$FRONTIER_DATA", Path.of(fd).resolve(name)));
        }
        c.add(new Candidate("repository", repoRoot.resolve("datasets").resolve(name)));
        c.add(new Candidate("system (Debian package)", systemRoot.resolve(name)));
        return c;
    }

    /**
     * The first place holding all four files, if any. An explicit path is never skipped silently,
     * and a place holding another dataset's files is an error naming that dataset.
     */
    public Optional<Found> locate(DatasetDescriptor d) {
        List<Candidate> all = candidates(d.name());
        for (int i = 0; i < all.size(); i++) {
            Candidate c = all.get(i);
            Look look = look(c, d);
            if (look.holdsOther(d.name())) {
                throw new DataException(wrongFolder(d, look));
            }
            if (look.files().isPresent()) {
                return look.files();
            }
            boolean lastExplicit =
                    c.origin().equals(EXPLICIT)
                            && (i + 1 == all.size() || !all.get(i + 1).origin().equals(EXPLICIT));
            if (lastExplicit) {
                throw new DataException(
                        "dataset "
                                + d.name()
                                + ": explicit path "
                                + explicit.orElseThrow()
                                + " does not hold its four IDX files ("
                                + expectedNames(d)
                                + "), nor does a folder "
                                + d.name()
                                + "/ in it");
            }
        }
        return Optional.empty();
    }

    /**
     * What every place looked in holds for {@code d}, in order (for listing; nothing is thrown).
     */
    public List<Look> looks(DatasetDescriptor d) {
        return candidates(d.name()).stream().map(c -> look(c, d)).toList();
    }

    /** What {@code c} holds for {@code d}; identifies the files by their test labels' checksum. */
    public static Look look(Candidate c, DatasetDescriptor d) {
        Optional<Found> f = filesIn(c, d);
        return new Look(c, f, f.flatMap(DataLocator::holds));
    }

    /**
     * The built-in dataset a found folder holds, by the checksum of its test labels (the smallest
     * file); empty when they match none (corrupt or unknown files: reading them reports what is
     * wrong).
     */
    public static Optional<String> holds(Found f) {
        Path labels = f.files().get(DatasetDescriptor.Role.TEST_LABELS);
        try {
            return DatasetCatalog.identify(
                    DatasetDescriptor.Role.TEST_LABELS, labels, IdxReader.readBytes(labels));
        } catch (DataException e) {
            return Optional.empty();
        }
    }

    /**
     * One line: {@code look}'s folder holds another dataset's files than {@code d}'s, and what to
     * do.
     */
    public static String wrongFolder(DatasetDescriptor d, Look look) {
        String other = look.holds().orElseThrow();
        Path dir = look.where().dir();
        return "dataset "
                + d.name()
                + ": "
                + dir
                + " ("
                + look.where().origin()
                + ") holds "
                + other
                + ", not "
                + d.name()
                + " (the checksum of its "
                + look.files()
                        .orElseThrow()
                        .files()
                        .get(DatasetDescriptor.Role.TEST_LABELS)
                        .getFileName()
                + " is "
                + other
                + "'s; the two datasets use the same file names). Its files are valid: "
                + "use them with dataset "
                + other
                + ". For "
                + d.name()
                + ", put "
                + d.name()
                + "'s files in another folder"
                + (look.where().origin().equals(EXPLICIT)
                        ? " and point --data-dir there"
                        : ", not " + dir)
                + " (./frontier data fetch "
                + d.name()
                + " writes them to datasets/"
                + d.name()
                + "/).";
    }

    /** The files of {@code d} in one directory, raw or gzipped, if all four are there. */
    public static Optional<Found> filesIn(Candidate c, DatasetDescriptor d) {
        Map<DatasetDescriptor.Role, Path> files =
                new java.util.EnumMap<>(DatasetDescriptor.Role.class);
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

    /** The four file names a folder of {@code d} holds, each raw or gzipped. */
    public static String expectedNames(DatasetDescriptor d) {
        List<String> n = new ArrayList<>();
        for (DatasetDescriptor.Role role : DatasetDescriptor.Role.values()) {
            n.add(d.file(role).file() + "[.gz]");
        }
        return String.join(", ", n);
    }
}
