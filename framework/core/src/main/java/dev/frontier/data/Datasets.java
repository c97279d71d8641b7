package dev.frontier.data;

import dev.frontier.limits.Limits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The front door to data: finds (or fetches) a dataset, reads and verifies its IDX files and
 * returns seeded train/validation/test splits. {@code synthetic} names the generated dataset.
 */
public final class Datasets {
    /** Name of the generated dataset (see {@link SyntheticData}). */
    public static final String SYNTHETIC = Limits.SYNTHETIC_DATASET;

    private final DataLocator locator;
    private final DataFetcher fetcher;

    /** Loads with the given locator and fetcher. */
    public Datasets(DataLocator locator, DataFetcher fetcher) {
        this.locator = locator;
        this.fetcher = fetcher;
    }

    /** The standard search order; progress and fetch lines go to {@code log}. */
    public static Datasets standard(DataRequest request, Consumer<String> log) {
        return new Datasets(
                DataLocator.standard(request.path()), new DataFetcher(log, DataLocator.repoRoot()));
    }

    /**
     * Loads the request's dataset (the user's own when it names one), fetching it first when
     * allowed and missing.
     */
    public DataSplits load(DataRequest r) {
        if (r.user().isPresent()) {
            return UserDatasets.load(r.name(), r.user().get(), r);
        }
        if (SYNTHETIC.equals(r.name())) {
            return synthetic(r);
        }
        DatasetDescriptor d = DatasetCatalog.descriptor(r.name());
        DataLocator.Found found = find(d, r.allowFetch());
        ImageSet trainPool =
                read(
                        d,
                        found,
                        DatasetDescriptor.Role.TRAIN_IMAGES,
                        DatasetDescriptor.Role.TRAIN_LABELS);
        ImageSet test =
                read(
                        d,
                        found,
                        DatasetDescriptor.Role.TEST_IMAGES,
                        DatasetDescriptor.Role.TEST_LABELS);
        ImageSet[] tv =
                Splitter.trainValidation(
                        trainPool, r.limit(), r.validationFraction(), r.splitSeed());
        if (r.testLimit() > 0) {
            test = test.head(r.testLimit());
        }
        return new DataSplits(
                d.name(),
                tv[0],
                tv[1],
                test,
                d.mean(),
                d.std(),
                found.origin() + " " + found.dir());
    }

    /** Finds the files, fetching when allowed; one error naming every place looked otherwise. */
    public DataLocator.Found find(DatasetDescriptor d, boolean allowFetch) {
        var found = locator.locate(d);
        if (found.isPresent()) {
            return found.get();
        }
        List<String> failures = allowFetch ? fetcher.fetch(d) : List.of("fetching not allowed");
        if (failures.isEmpty()) {
            found = locator.locate(d);
            if (found.isPresent()) {
                return found.get();
            }
            failures = List.of("fetch reported success but the files are still not found");
        }
        List<String> lines = new ArrayList<>();
        lines.add(
                "dataset '"
                        + d.name()
                        + "' not found. Looked for "
                        + DataLocator.expectedNames(d)
                        + " in:");
        for (DataLocator.Candidate c : locator.candidates(d.name())) {
            lines.add("  - " + c.dir() + " (" + c.origin() + ")");
        }
        for (String f : failures) {
            lines.add("  - tried " + f);
        }
        lines.add(
                d.debianPackage()
                        .map(
                                p ->
                                        "Fix: sudo apt-get install "
                                                + p
                                                + "   (or put the files in one of the places above)")
                        .orElse(
                                "Fix: download the four .gz files from "
                                        + d.baseUrls()
                                        + " into datasets/"
                                        + d.name()
                                        + "/"));
        throw new DataException(String.join("\n", lines));
    }

    /**
     * The outcome of checking every file of a found dataset: the checksum status of each file that
     * passed, every problem.
     */
    public record Check(
            Map<DatasetDescriptor.Role, Checksums.Status> status, List<String> problems) {
        public Check {
            status = Map.copyOf(status);
            problems = List.copyOf(problems);
        }

        /** Whether no problem was found. */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks every file of a found dataset, each to the end whatever the others hold: readable
     * (gzip intact), checksum, IDX structure, image/label counts and image shape. Reports every
     * problem, not just the first.
     */
    public static Check check(DatasetDescriptor d, DataLocator.Found found) {
        Map<DatasetDescriptor.Role, Checksums.Status> status =
                new java.util.EnumMap<>(DatasetDescriptor.Role.class);
        List<String> problems = new ArrayList<>();
        checkPair(
                d,
                found,
                DatasetDescriptor.Role.TRAIN_IMAGES,
                DatasetDescriptor.Role.TRAIN_LABELS,
                status,
                problems);
        checkPair(
                d,
                found,
                DatasetDescriptor.Role.TEST_IMAGES,
                DatasetDescriptor.Role.TEST_LABELS,
                status,
                problems);
        return new Check(status, problems);
    }

    private static void checkPair(
            DatasetDescriptor d,
            DataLocator.Found f,
            DatasetDescriptor.Role images,
            DatasetDescriptor.Role labels,
            Map<DatasetDescriptor.Role, Checksums.Status> status,
            List<String> problems) {
        Path ip = f.files().get(images);
        Path lp = f.files().get(labels);
        byte[] ib = checked(d, images, ip, status, problems);
        byte[] lb = checked(d, labels, lp, status, problems);
        IdxReader.Images img = null;
        int[] lab = null;
        try {
            img = ib == null ? null : IdxReader.parseImages(ib, ip.toString());
        } catch (DataException e) {
            problems.add(e.getMessage());
        }
        try {
            lab = lb == null ? null : IdxReader.parseLabels(lb, lp.toString());
        } catch (DataException e) {
            problems.add(e.getMessage());
        }
        if (img != null && (img.rows() != d.rows() || img.cols() != d.cols())) {
            problems.add(
                    ip
                            + ": images are "
                            + img.rows()
                            + "x"
                            + img.cols()
                            + ", descriptor says "
                            + d.rows()
                            + "x"
                            + d.cols());
        }
        if (img != null && lab != null && img.count() != lab.length) {
            problems.add(
                    "image/label count mismatch: "
                            + ip
                            + " has "
                            + img.count()
                            + " images but "
                            + lp
                            + " has "
                            + lab.length
                            + " labels");
        }
    }

    /**
     * The file's uncompressed bytes (null when unreadable), its checksum status recorded or its
     * problem added.
     */
    private static byte[] checked(
            DatasetDescriptor d,
            DatasetDescriptor.Role role,
            Path file,
            Map<DatasetDescriptor.Role, Checksums.Status> status,
            List<String> problems) {
        byte[] bytes;
        try {
            bytes = IdxReader.readBytes(file);
        } catch (DataException e) {
            problems.add(e.getMessage());
            return null;
        }
        try {
            status.put(role, Checksums.verify(d, role, file, bytes));
        } catch (DataException e) {
            problems.add(e.getMessage());
        }
        return bytes;
    }

    /**
     * Reads every file of a found dataset once: checksums, IDX structure, image/label counts and
     * shape; returns the checksum status per file.
     *
     * @throws DataException listing every problem, one a line
     */
    public static Map<DatasetDescriptor.Role, Checksums.Status> verify(
            DatasetDescriptor d, DataLocator.Found found) {
        Check c = check(d, found);
        if (!c.ok()) {
            throw new DataException(String.join("\n", c.problems()));
        }
        return c.status();
    }

    private static ImageSet read(
            DatasetDescriptor d,
            DataLocator.Found f,
            DatasetDescriptor.Role images,
            DatasetDescriptor.Role labels) {
        Path ip = f.files().get(images);
        Path lp = f.files().get(labels);
        byte[] ib = IdxReader.readBytes(ip);
        byte[] lb = IdxReader.readBytes(lp);
        Checksums.verify(d, images, ip, ib);
        Checksums.verify(d, labels, lp, lb);
        IdxReader.Images img = IdxReader.parseImages(ib, ip.toString());
        int[] lab = IdxReader.parseLabels(lb, lp.toString());
        if (img.count() != lab.length) {
            throw new DataException(
                    "image/label count mismatch: "
                            + ip
                            + " has "
                            + img.count()
                            + " images but "
                            + lp
                            + " has "
                            + lab.length
                            + " labels");
        }
        if (img.rows() != d.rows() || img.cols() != d.cols()) {
            throw new DataException(
                    ip
                            + ": images are "
                            + img.rows()
                            + "x"
                            + img.cols()
                            + ", descriptor says "
                            + d.rows()
                            + "x"
                            + d.cols());
        }
        return new ImageSet(img.pixels(), lab, d.channels(), img.rows(), img.cols(), d.classes());
    }

    private static DataSplits synthetic(DataRequest r) {
        int n = r.limit() > 0 ? r.limit() : 2000;
        int nTest = r.testLimit() > 0 ? r.testLimit() : Math.max(200, n / 5);
        SyntheticData gen = new SyntheticData(1, 28, 28, 10);
        ImageSet pool = gen.generate(n, r.splitSeed());
        ImageSet test = gen.generate(nTest, r.splitSeed() ^ 0x5DEECE66DL);
        ImageSet[] tv = Splitter.trainValidation(pool, 0, r.validationFraction(), r.splitSeed());
        return new DataSplits(SYNTHETIC, tv[0], tv[1], test, 0.5f, 0.25f, "generated");
    }
}
