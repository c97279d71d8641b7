package dev.frontier.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Loads a {@link UserDataset} into seeded train/validation/test splits, and fingerprints its files
 * so that edited data is never mistaken for the data an earlier run trained on. Every problem in
 * the files is one {@link DataException} naming the file (and line for CSV), raised while loading,
 * before any training.
 */
public final class UserDatasets {
    /**
     * Salt of the seed of the held-out test split, so it is not the train/validation permutation.
     */
    private static final long TEST_SALT = 0x7E57_5EEDL;

    private static final List<String> IDX_FILES =
            List.of(
                    "train-images-idx3-ubyte",
                    "train-labels-idx1-ubyte",
                    "t10k-images-idx3-ubyte",
                    "t10k-labels-idx1-ubyte");

    private UserDatasets() {}

    /**
     * What a dataset's files are: how many, their total size, and a SHA-256 over the sorted listing
     * of relative names, sizes and modification times ({@code missing} when the path does not
     * exist).
     */
    public record Fingerprint(int files, long bytes, String digest) {
        /** One token for stage keys: {@code files:bytes:digest}. */
        @Override
        public String toString() {
            return files + ":" + bytes + ":" + digest;
        }
    }

    /**
     * The fingerprint of {@code u}'s files (and its test path's). Cheap: reads the listing, not the
     * contents.
     */
    public static Fingerprint fingerprint(UserDataset u) {
        List<String> lines = new ArrayList<>();
        long[] totals = new long[2];
        listing(u.path(), "", lines, totals);
        u.testPath().ifPresent(t -> listing(t, "test:", lines, totals));
        if (lines.isEmpty()) {
            return new Fingerprint(0, 0, "missing");
        }
        String digest = Checksums.sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        return new Fingerprint((int) totals[0], totals[1], digest.substring(0, 16));
    }

    private static void listing(Path root, String prefix, List<String> lines, long[] totals) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                lines.add(
                        prefix
                                + root.relativize(p)
                                + "\t"
                                + a.size()
                                + "\t"
                                + a.lastModifiedTime().toMillis());
                totals[0]++;
                totals[1] += a.size();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException(root + ": cannot list: " + e.getMessage(), e);
        }
    }

    /**
     * Loads {@code u} as {@code r} asks (limit, validation fraction, split seed, test limit);
     * {@code name} labels it.
     */
    public static DataSplits load(String name, UserDataset u, DataRequest r) {
        ImageSet pool;
        Optional<ImageSet> test;
        switch (u.format()) {
            case IMAGEFOLDER -> {
                pool = ImageFolderReader.read(u.path(), u.channels(), u.rows(), u.cols());
                ImageSet p = pool;
                test =
                        u.testPath()
                                .map(
                                        t ->
                                                ImageFolderReader.read(
                                                        t,
                                                        p.classes(),
                                                        p.channels(),
                                                        p.rows(),
                                                        p.cols()));
            }
            case CSV -> {
                CsvTableReader.Rows rows = CsvTableReader.read(u.path(), u.label());
                List<String> classes = rows.classes();
                pool = rows.toSet(classes);
                test =
                        u.testPath()
                                .map(
                                        t -> {
                                            CsvTableReader.Rows tr =
                                                    CsvTableReader.read(t, u.label());
                                            if (!tr.features().equals(rows.features())) {
                                                throw new DataException(
                                                        t
                                                                + ":1: feature columns "
                                                                + tr.features()
                                                                + " differ from "
                                                                + u.path()
                                                                + "'s "
                                                                + rows.features());
                                            }
                                            return tr.toSet(classes);
                                        });
            }
            case CIFAR -> {
                List<String> classes = CifarReader.classes(u.path());
                pool = CifarReader.read(CifarReader.trainBatches(u.path()), classes);
                Path tb = u.testPath().orElse(u.path().resolve(CifarReader.TEST_BATCH));
                if (!Files.isRegularFile(tb)) {
                    throw new DataException(tb + ": missing CIFAR-10 test batch");
                }
                test = Optional.of(CifarReader.read(List.of(tb), classes));
                pool = resized(pool, u);
                test = Optional.of(resized(test.get(), u));
            }
            case IDX -> {
                ImageSet[] both = idx(u.path());
                pool = resized(both[0], u);
                test = Optional.of(resized(both[1], u));
            }
            default -> throw new IllegalStateException(u.format().toString());
        }
        if (test.isEmpty()) {
            ImageSet[] pt = holdOut(pool, u.test(), r.splitSeed());
            pool = pt[0];
            test = Optional.of(pt[1]);
        }
        ImageSet[] tv =
                Splitter.trainValidation(pool, r.limit(), r.validationFraction(), r.splitSeed());
        ImageSet testSet = r.testLimit() > 0 ? test.get().head(r.testLimit()) : test.get();
        if (tv[0].size() == 0 || testSet.size() == 0) {
            throw new DataException(
                    u.path()
                            + ": too few examples: "
                            + tv[0].size()
                            + " to train on, "
                            + testSet.size()
                            + " to test on ("
                            + pool.size()
                            + " in the training pool)");
        }
        String source =
                u.format().yamlName()
                        + " "
                        + u.path()
                        + u.testPath().map(t -> " (test " + t + ")").orElse("");
        if (!u.format().isImage()) {
            float[][] ms = columnStats(tv[0]);
            return new DataSplits(
                    name,
                    tv[0].standardized(ms[0], ms[1]),
                    tv[1].standardized(ms[0], ms[1]),
                    testSet.standardized(ms[0], ms[1]),
                    0f,
                    1f,
                    source);
        }
        float mean = u.mean().map(Double::floatValue).orElseGet(() -> (float) stats(tv[0])[0]);
        float std = u.std().map(Double::floatValue).orElseGet(() -> (float) stats(tv[0])[1]);
        return new DataSplits(name, tv[0], tv[1], testSet, mean, std, source);
    }

    /** {@code pool} split into [rest, test] with {@code fraction} held out as test, seeded. */
    static ImageSet[] holdOut(ImageSet pool, double fraction, long seed) {
        int[] perm = Splitter.permutation(pool.size(), seed ^ TEST_SALT);
        int nTest = (int) Math.round(pool.size() * fraction);
        int[] test = java.util.Arrays.copyOfRange(perm, 0, nTest);
        int[] rest = java.util.Arrays.copyOfRange(perm, nTest, perm.length);
        java.util.Arrays.sort(test);
        java.util.Arrays.sort(rest);
        return new ImageSet[] {pool.select(rest), pool.select(test)};
    }

    /** The IDX folder's [train, test], classes 0..largest label. */
    private static ImageSet[] idx(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(
                    dir
                            + ": "
                            + (Files.exists(dir) ? "not a folder" : "does not exist")
                            + "; an idx dataset is a folder holding "
                            + String.join(", ", IDX_FILES)
                            + " (each raw or .gz)");
        }
        Path[] f = new Path[4];
        for (int i = 0; i < 4; i++) {
            Path raw = dir.resolve(IDX_FILES.get(i));
            Path gz = dir.resolve(IDX_FILES.get(i) + ".gz");
            f[i] = Files.isRegularFile(gz) ? gz : raw;
            if (!Files.isRegularFile(f[i])) {
                throw new DataException(dir + ": missing " + IDX_FILES.get(i) + "[.gz]");
            }
        }
        IdxReader.Images[] img = {IdxReader.readImages(f[0]), IdxReader.readImages(f[2])};
        int[][] lab = {IdxReader.readLabels(f[1]), IdxReader.readLabels(f[3])};
        for (int k = 0; k < 2; k++) {
            if (img[k].count() != lab[k].length) {
                throw new DataException(
                        "image/label count mismatch: "
                                + f[2 * k]
                                + " has "
                                + img[k].count()
                                + " images but "
                                + f[2 * k + 1]
                                + " has "
                                + lab[k].length
                                + " labels");
            }
        }
        if (img[0].rows() != img[1].rows() || img[0].cols() != img[1].cols()) {
            throw new DataException(
                    f[2]
                            + ": images are "
                            + img[1].rows()
                            + "x"
                            + img[1].cols()
                            + " but "
                            + f[0]
                            + "'s are "
                            + img[0].rows()
                            + "x"
                            + img[0].cols());
        }
        int max = IntStream.concat(IntStream.of(lab[0]), IntStream.of(lab[1])).max().orElse(0);
        List<String> classes = IntStream.rangeClosed(0, max).mapToObj(String::valueOf).toList();
        return new ImageSet[] {
            new ImageSet(img[0].pixels(), lab[0], 1, img[0].rows(), img[0].cols(), classes),
            new ImageSet(img[1].pixels(), lab[1], 1, img[1].rows(), img[1].cols(), classes)
        };
    }

    /**
     * {@code s} converted to the declared channels and size (formats read at their stored shape).
     */
    private static ImageSet resized(ImageSet s, UserDataset u) {
        int c = u.channels() > 0 ? u.channels() : s.channels();
        int h = u.resizes() ? u.rows() : s.rows();
        int w = u.resizes() ? u.cols() : s.cols();
        if (c == s.channels() && h == s.rows() && w == s.cols()) {
            return s;
        }
        int n = s.imageSize();
        int per = c * h * w;
        byte[] px = new byte[s.size() * per];
        for (int i = 0; i < s.size(); i++) {
            byte[] img = new byte[n];
            for (int p = 0; p < n; p++) {
                img[p] = (byte) s.pixel(i, p);
            }
            byte[] conv = ImageFolderReader.channels(img, s.channels(), c, s.rows() * s.cols());
            System.arraycopy(
                    ImageFolderReader.resize(conv, c, s.rows(), s.cols(), h, w),
                    0,
                    px,
                    i * per,
                    per);
        }
        return new ImageSet(px, s.labels(), c, h, w, s.classes());
    }

    /** Mean and standard deviation of pixel/255 over every pixel of {@code s}. */
    static double[] stats(ImageSet s) {
        double sum = 0;
        double sq = 0;
        long n = (long) s.size() * s.imageSize();
        for (int i = 0; i < s.size(); i++) {
            for (int p = 0; p < s.imageSize(); p++) {
                double v = s.value(i, p);
                sum += v;
                sq += v * v;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double var = n == 0 ? 0 : Math.max(0, sq / n - mean * mean);
        return new double[] {mean, var > 1e-12 ? Math.sqrt(var) : 1.0};
    }

    /** Per-feature mean and standard deviation (1 for a constant column) over {@code s}. */
    static float[][] columnStats(ImageSet s) {
        int f = s.imageSize();
        float[] mean = new float[f];
        float[] std = new float[f];
        for (int p = 0; p < f; p++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < s.size(); i++) {
                double v = s.value(i, p);
                sum += v;
                sq += v * v;
            }
            double m = sum / s.size();
            double var = Math.max(0, sq / s.size() - m * m);
            mean[p] = (float) m;
            std[p] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
        return new float[][] {mean, std};
    }
}
