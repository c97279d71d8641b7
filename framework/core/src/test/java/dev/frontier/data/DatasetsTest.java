package dev.frontier.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir Path tmp;

    /**
     * A tiny 4-file dataset "tiny" with 6 train and 3 test images of 2x2, checksums of the raw
     * bytes.
     */
    DatasetDescriptor writeTiny(Path dir, boolean corruptTestLabels, int extraTestLabels)
            throws IOException {
        Files.createDirectories(dir);
        byte[] ti = IdxReaderTest.images(6, 2, 2);
        byte[] tl = IdxReaderTest.labels(0, 1, 0, 1, 0, 1);
        byte[] si = IdxReaderTest.images(3, 2, 2);
        int[] testLabels = new int[3 + extraTestLabels];
        byte[] sl = IdxReaderTest.labels(testLabels);
        Files.write(dir.resolve("ti"), ti);
        Files.write(dir.resolve("tl.gz"), IdxReaderTest.gzip(tl));
        Files.write(dir.resolve("si"), si);
        String slSha = Checksums.sha256(sl);
        if (corruptTestLabels) {
            sl = sl.clone();
            sl[sl.length - 1] = 1;
        }
        Files.write(dir.resolve("sl"), sl);
        String yaml =
                """
                name: tiny
                imageShape: [1, 2, 2]
                mean: 0.5
                std: 0.25
                classes: [a, b]
                files:
                  train-images: {file: ti, count: 6, sha256: %s}
                  train-labels: {file: tl, count: 6, sha256: %s}
                  test-images: {file: si, count: 3, sha256: %s}
                  test-labels: {file: sl, count: 3, sha256: %s}
                """
                        .formatted(
                                Checksums.sha256(ti),
                                Checksums.sha256(tl),
                                Checksums.sha256(si),
                                slSha);
        return DatasetCatalog.parse(yaml, "tiny.yaml");
    }

    Datasets datasets(Optional<Path> explicit, Map<String, String> env, List<String> fetchLog) {
        DataLocator loc =
                new DataLocator(explicit, env, tmp.resolve("repo"), tmp.resolve("system"));
        return new Datasets(loc, new DataFetcher(fetchLog::add, tmp.resolve("repo")));
    }

    @Test
    void locate_prefersFrontierDataOverSystemDir() throws IOException {
        DatasetDescriptor d = writeTiny(tmp.resolve("system/tiny"), false, 0);
        writeTiny(tmp.resolve("env/tiny"), false, 0);
        DataLocator.Found f =
                datasets(
                                Optional.empty(),
                                Map.of("FRONTIER_DATA", tmp.resolve("env").toString()),
                                new ArrayList<>())
                        .find(d, false);
        assertEquals("$FRONTIER_DATA", f.origin());
        assertEquals(
                tmp.resolve("env/tiny/tl.gz"), f.files().get(DatasetDescriptor.Role.TRAIN_LABELS));
    }

    @Test
    void locate_fallsBackToSystemDir() throws IOException {
        DatasetDescriptor d = writeTiny(tmp.resolve("system/tiny"), false, 0);
        assertEquals(
                "system (Debian package)",
                datasets(Optional.empty(), Map.of(), new ArrayList<>()).find(d, false).origin());
    }

    @Test
    void explicitPathWithoutFiles_isAnErrorNotASilentFallback() throws IOException {
        DatasetDescriptor d = writeTiny(tmp.resolve("system/tiny"), false, 0);
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                datasets(
                                                Optional.of(tmp.resolve("nowhere")),
                                                Map.of(),
                                                new ArrayList<>())
                                        .find(d, false));
        assertTrue(
                e.getMessage()
                        .contains("explicit path " + tmp.resolve("nowhere") + " does not hold"),
                e.getMessage());
    }

    @Test
    void notFound_namesEveryPlaceAndTheFix() throws IOException {
        DatasetDescriptor d = writeTiny(tmp.resolve("elsewhere"), false, 0);
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                datasets(
                                                Optional.empty(),
                                                Map.of("FRONTIER_DATA", "/fd"),
                                                new ArrayList<>())
                                        .find(d, false));
        String m = e.getMessage();
        assertTrue(m.contains("/fd/tiny ($FRONTIER_DATA)"), m);
        assertTrue(m.contains(tmp.resolve("repo/datasets/tiny") + " (repository)"), m);
        assertTrue(m.contains(tmp.resolve("system/tiny") + " (system (Debian package))"), m);
        assertTrue(m.contains("Fix: download the four .gz files"), m);
    }

    @Test
    void checksumMismatch_saysExpectedAndFound() throws IOException {
        DatasetDescriptor d = writeTiny(tmp.resolve("system/tiny"), true, 0);
        Datasets ds = datasets(Optional.empty(), Map.of(), new ArrayList<>());
        DataLocator.Found f = ds.find(d, false);
        DataException e = assertThrows(DataException.class, () -> Datasets.verify(d, f));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains(
                                "expected "
                                        + d.file(DatasetDescriptor.Role.TEST_LABELS)
                                                .sha256()
                                                .get()),
                e.getMessage());
        assertTrue(e.getMessage().contains("found "), e.getMessage());
    }

    @Test
    void builtInDescriptors_parseAndMatchTheRepositoryFolders() throws IOException {
        for (String name : DatasetCatalog.NAMES) {
            DatasetDescriptor d = DatasetCatalog.descriptor(name);
            assertEquals(name, d.name());
            assertEquals(10, d.classes().size());
            assertEquals(List.of(1, 28, 28), d.imageShape());
            assertEquals(60000, d.file(DatasetDescriptor.Role.TRAIN_IMAGES).count());
        }
        try (var dirs = Files.list(DataLocator.repoRoot().resolve("datasets"))) {
            List<String> folders =
                    dirs.filter(p -> Files.exists(p.resolve("dataset.yaml")))
                            .map(p -> p.getFileName().toString())
                            .sorted()
                            .toList();
            assertEquals(DatasetCatalog.NAMES.stream().sorted().toList(), folders);
        }
    }

    @Test
    void unknownDataset_listsTheKnownOnes() {
        DataException e =
                assertThrows(DataException.class, () -> DatasetCatalog.descriptor("cifar"));
        assertTrue(e.getMessage().contains("known datasets: fashion-mnist, mnist"), e.getMessage());
    }

    /**
     * The installed Fashion-MNIST (Debian's dataset-fashion-mnist; the integration tests read it
     * too).
     */
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    /**
     * A folder with Fashion-MNIST's four files: the test labels copied (5 KB), the others linked.
     */
    Path fashionCopy(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var files = Files.list(FASHION)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().startsWith("t10k-labels")) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                } else {
                    Files.createSymbolicLink(dir.resolve(f.getFileName()), f);
                }
            }
        }
        return dir;
    }

    @Test
    void check_reportsEveryBadFile_notJustTheFirst() throws IOException {
        DatasetDescriptor d = writeTiny(tmp.resolve("system/tiny"), true, 0);
        byte[] gz = Files.readAllBytes(tmp.resolve("system/tiny/tl.gz"));
        Files.write(
                tmp.resolve("system/tiny/tl.gz"),
                java.util.Arrays.copyOf(gz, gz.length - 6)); // truncated gzip
        Files.write(
                tmp.resolve("system/tiny/si"),
                IdxReaderTest.images(2, 2, 2)); // 2 images, not 3: checksum + count
        DataLocator.Found f =
                datasets(Optional.empty(), Map.of(), new ArrayList<>()).find(d, false);
        Datasets.Check c = Datasets.check(d, f);
        List<String> p = c.problems();
        assertEquals(4, p.size(), String.join("\n", p));
        assertTrue(
                p.get(0).startsWith(tmp.resolve("system/tiny/tl.gz") + ": truncated gzip"),
                p.get(0));
        assertTrue(
                p.get(1).startsWith(tmp.resolve("system/tiny/si") + ": checksum mismatch"),
                p.get(1));
        assertTrue(
                p.get(2).startsWith(tmp.resolve("system/tiny/sl") + ": checksum mismatch"),
                p.get(2));
        assertTrue(
                p.get(3)
                        .contains(
                                "has 2 images but "
                                        + tmp.resolve("system/tiny/sl")
                                        + " has 3 labels"),
                p.get(3));
        assertTrue(
                p.get(2)
                        .contains(
                                "not tiny's published test-labels file; delete it and run './frontier data fetch tiny'"),
                p.get(2));
        assertEquals(
                Checksums.Status.VERIFIED, c.status().get(DatasetDescriptor.Role.TRAIN_IMAGES));
        assertEquals(1, c.status().size(), c.status().toString());
        DataException e = assertThrows(DataException.class, () -> Datasets.verify(d, f));
        assertEquals(String.join("\n", p), e.getMessage());
    }

    @Test
    void fashionFolder_isRecognisedByChecksum_andRefusedAsMnist() throws IOException {
        Path dir = fashionCopy(tmp.resolve("fm"));
        DataLocator loc =
                new DataLocator(
                        Optional.of(dir), Map.of(), tmp.resolve("repo"), tmp.resolve("system"));
        DatasetDescriptor mnist = DatasetCatalog.descriptor("mnist");
        DatasetDescriptor fashion = DatasetCatalog.descriptor("fashion-mnist");
        assertEquals(dir, loc.locate(fashion).orElseThrow().dir());
        DataLocator.Look look = loc.looks(mnist).get(0);
        assertEquals(Optional.of("fashion-mnist"), look.holds());
        assertTrue(look.holdsOther("mnist"));
        DataException e = assertThrows(DataException.class, () -> loc.locate(mnist));
        String m = e.getMessage();
        assertTrue(
                m.startsWith(
                        "dataset mnist: "
                                + dir
                                + " (explicit path) holds fashion-mnist, not mnist"),
                m);
        assertTrue(m.contains("point --data-dir there"), m);
        assertTrue(!m.contains("<name>") && !m.contains("delete"), m);
    }

    @Test
    void fashionFile_readAsMnist_isNamedAsFashion_notCalledCorrupt() throws IOException {
        Path file = fashionCopy(tmp.resolve("fm")).resolve("t10k-labels-idx1-ubyte.gz");
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                Checksums.verify(
                                        DatasetCatalog.descriptor("mnist"),
                                        DatasetDescriptor.Role.TEST_LABELS,
                                        file,
                                        IdxReader.readBytes(file)));
        String m = e.getMessage();
        assertTrue(
                m.startsWith(
                        file
                                + " is fashion-mnist's test-labels file (its checksum is fashion-mnist's), not mnist's"),
                m);
        assertTrue(m.contains("Keep it"), m);
        assertTrue(!m.contains("<name>") && !m.contains("delete"), m);
        assertEquals(
                Checksums.Status.VERIFIED,
                Checksums.verify(
                        DatasetCatalog.descriptor("fashion-mnist"),
                        DatasetDescriptor.Role.TEST_LABELS,
                        file,
                        IdxReader.readBytes(file)));
    }

    @Test
    void corruptFashionLabels_matchNoDataset_andAreCalledCorrupt() throws IOException {
        Path file = fashionCopy(tmp.resolve("fm")).resolve("t10k-labels-idx1-ubyte.gz");
        byte[] content = IdxReader.readBytes(file);
        content[100] ^= 1;
        Files.write(file, IdxReaderTest.gzip(content));
        assertEquals(
                Optional.empty(),
                DatasetCatalog.identify(DatasetDescriptor.Role.TEST_LABELS, file, content));
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                Checksums.verify(
                                        DatasetCatalog.descriptor("fashion-mnist"),
                                        DatasetDescriptor.Role.TEST_LABELS,
                                        file,
                                        content));
        assertTrue(
                e.getMessage().contains("checksum mismatch")
                        && e.getMessage().contains("data fetch fashion-mnist'"),
                e.getMessage());
    }

    @Test
    void explicitParentFolder_findsTheDatasetsSubfolder() throws IOException {
        DatasetDescriptor d = writeTiny(tmp.resolve("parent/tiny"), false, 0);
        DataLocator.Found f =
                datasets(Optional.of(tmp.resolve("parent")), Map.of(), new ArrayList<>())
                        .find(d, false);
        assertEquals("explicit path", f.origin());
        assertEquals(tmp.resolve("parent/tiny"), f.dir());
    }

    @Test
    void dataDirProperty_isTheExplicitPathOfTheStandardLocator() {
        String before = System.getProperty(DataLocator.DATA_DIR_PROPERTY);
        System.setProperty(DataLocator.DATA_DIR_PROPERTY, tmp.resolve("d").toString());
        try {
            assertEquals(
                    new DataLocator.Candidate("explicit path", tmp.resolve("d")),
                    DataLocator.standard(Optional.empty()).candidates("mnist").get(0));
            assertEquals(
                    new DataLocator.Candidate("explicit path", tmp.resolve("e")),
                    DataLocator.standard(Optional.of(tmp.resolve("e"))).candidates("mnist").get(0));
        } finally {
            if (before == null) {
                System.clearProperty(DataLocator.DATA_DIR_PROPERTY);
            } else {
                System.setProperty(DataLocator.DATA_DIR_PROPERTY, before);
            }
        }
        if (before == null) {
            assertTrue(
                    DataLocator.standard(Optional.empty()).candidates("mnist").stream()
                            .noneMatch(c -> c.origin().equals("explicit path")));
        }
    }
}
