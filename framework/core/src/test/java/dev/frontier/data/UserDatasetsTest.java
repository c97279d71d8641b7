package dev.frontier.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDatasetsTest {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir Path tmp;

    /** The first {@code n} Fashion-MNIST training images and labels. */
    static ImageSet fashionHead(int n) {
        IdxReader.Images img = IdxReader.readImages(FASHION.resolve("train-images-idx3-ubyte.gz"));
        int[] labels = IdxReader.readLabels(FASHION.resolve("train-labels-idx1-ubyte.gz"));
        List<String> classes =
                java.util.stream.IntStream.range(0, 10).mapToObj(k -> "c" + k).toList();
        return new ImageSet(img.pixels(), labels, 1, 28, 28, classes).head(n);
    }

    /** Writes {@code s} as 8-bit gray PNG files {@code <dir>/c<label>/<index>.png}. */
    static void writePngFolder(ImageSet s, Path dir) throws IOException {
        for (int i = 0; i < s.size(); i++) {
            BufferedImage b = new BufferedImage(s.cols(), s.rows(), BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < s.rows(); y++) {
                for (int x = 0; x < s.cols(); x++) {
                    b.getRaster().setSample(x, y, 0, s.pixel(i, y * s.cols() + x));
                }
            }
            Path f = dir.resolve(s.classes().get(s.label(i))).resolve(String.format("%05d.png", i));
            Files.createDirectories(f.getParent());
            ImageIO.write(b, "png", f.toFile());
        }
    }

    @Test
    void pngFolderOfFashionMnist_roundTripsLabelsAndPixelsExactly() throws IOException {
        ImageSet original = fashionHead(300);
        writePngFolder(original, tmp.resolve("fm"));
        ImageSet read = ImageFolderReader.read(tmp.resolve("fm"), 0, 0, 0);
        assertEquals(300, read.size());
        assertEquals(1, read.channels());
        assertEquals(28, read.rows());
        assertEquals(28, read.cols());
        assertEquals(original.classes(), read.classes());
        // files are read class by class, each class in file-name (= original index) order
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            for (int i = 0; i < 300; i++) {
                if (original.label(i) == k) {
                    order.add(i);
                }
            }
        }
        for (int j = 0; j < 300; j++) {
            int i = order.get(j);
            assertEquals(original.label(i), read.label(j), "label of image " + i);
            for (int p = 0; p < 784; p++) {
                assertEquals(original.pixel(i, p), read.pixel(j, p), "image " + i + " pixel " + p);
            }
        }
    }

    @Test
    void load_pngFolder_holdsOutASeededTestSplit_andComputesNormalizationOnTrain()
            throws IOException {
        writePngFolder(fashionHead(300), tmp.resolve("fm"));
        UserDataset u = UserDataset.of(tmp.resolve("fm"), DataFormat.IMAGEFOLDER);
        DataRequest r =
                new DataRequest("fm", Optional.empty(), 0, 0, 0.1, 7, false, Optional.of(u));
        DataSplits d = new Datasets(null, null).load(r);
        assertEquals(60, d.test().size()); // 0.2 of 300
        assertEquals(24, d.validation().size()); // 0.1 of 240
        assertEquals(216, d.train().size());
        double[] ms = UserDatasets.stats(d.train());
        assertEquals(ms[0], d.mean(), 1e-6);
        assertEquals(ms[1], d.std(), 1e-6);
        assertTrue(
                d.mean() > 0.2 && d.mean() < 0.4,
                "Fashion-MNIST's mean pixel is about 0.29: " + d.mean());
        DataSplits again = UserDatasets.load("fm", u, r);
        assertArrayEquals(d.test().labels(), again.test().labels());
        DataSplits other = UserDatasets.load("fm", u, r.withSplit(0.1, 8));
        assertNotEquals(
                java.util.Arrays.toString(d.test().labels()),
                java.util.Arrays.toString(other.test().labels()));
        DataSplits declared =
                UserDatasets.load("fm", u.withNormalization(0.5, 0.25), r.withLimit(100));
        assertEquals(0.5f, declared.mean());
        assertEquals(0.25f, declared.std());
        assertEquals(90, declared.train().size());
    }

    @Test
    void testPath_isTheTestSplit_withTheTrainingClasses() throws IOException {
        ImageSet s = fashionHead(120);
        writePngFolder(
                s.select(java.util.stream.IntStream.range(0, 100).toArray()), tmp.resolve("train"));
        writePngFolder(
                s.select(java.util.stream.IntStream.range(100, 120).toArray()),
                tmp.resolve("test"));
        UserDataset u =
                UserDataset.of(tmp.resolve("train"), DataFormat.IMAGEFOLDER)
                        .withTestPath(tmp.resolve("test"));
        DataSplits d = UserDatasets.load("fm", u, DataRequest.of("fm", u));
        assertEquals(20, d.test().size());
        assertEquals(100, d.train().size() + d.validation().size());
        assertEquals(
                10, d.test().numClasses()); // a class missing from test/ keeps the training's label
        // indices
        int[] expected = s.select(java.util.stream.IntStream.range(100, 120).toArray()).labels();
        java.util.Arrays.sort(expected);
        assertArrayEquals(expected, d.test().labels());
        Files.createDirectories(tmp.resolve("test/extra"));
        writeRgb(tmp.resolve("test/extra/1.png"), 28, 28, Color.RED, "png");
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> UserDatasets.load("fm", u, DataRequest.of("fm", u)));
        assertTrue(
                e.getMessage()
                        .startsWith(tmp.resolve("test/extra") + ": class 'extra' is not one of"),
                e.getMessage());
    }

    private static void writeRgb(Path f, int w, int h, Color c, String format) throws IOException {
        BufferedImage b = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = b.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        Files.createDirectories(f.getParent());
        assertTrue(ImageIO.write(b, format, f.toFile()));
    }

    @Test
    void rgbJpegsOfMixedSizes_areResizedAndKeepTheirColour() throws IOException {
        writeRgb(tmp.resolve("rgb/red/a.jpg"), 40, 30, new Color(200, 30, 40), "jpg");
        writeRgb(tmp.resolve("rgb/red/b.JPEG"), 64, 64, new Color(200, 30, 40), "jpg");
        writeRgb(tmp.resolve("rgb/blue/c.jpg"), 33, 17, new Color(20, 40, 220), "jpg");
        writeRgb(tmp.resolve("rgb/blue/d.png"), 16, 16, new Color(20, 40, 220), "png");
        Files.writeString(tmp.resolve("rgb/blue/notes.txt"), "not an image, ignored");
        ImageSet s = ImageFolderReader.read(tmp.resolve("rgb"), 0, 16, 16);
        assertEquals(List.of("blue", "red"), s.classes());
        assertEquals(4, s.size());
        assertEquals(3, s.channels());
        assertEquals(16, s.rows());
        int n = 16 * 16;
        int[][] expected = {{20, 40, 220}, {20, 40, 220}, {200, 30, 40}, {200, 30, 40}};
        for (int i = 0; i < 4; i++) {
            assertEquals(i < 2 ? 0 : 1, s.label(i));
            for (int c = 0; c < 3; c++) {
                assertEquals(
                        expected[i][c],
                        s.pixel(i, c * n + 8 * 16 + 8),
                        4.0,
                        "image " + i + " channel " + c);
            }
        }
        ImageSet gray = ImageFolderReader.read(tmp.resolve("rgb"), 1, 8, 8);
        assertEquals(1, gray.channels());
        assertEquals(
                Math.round(0.299 * 200 + 0.587 * 30 + 0.114 * 40), gray.pixel(2, 4 * 8 + 4), 4.0);
    }

    @Test
    void mixedSizesWithoutResize_isOneErrorNamingTheFile() throws IOException {
        writeRgb(tmp.resolve("m/a/1.png"), 10, 10, Color.RED, "png");
        writeRgb(tmp.resolve("m/b/2.png"), 12, 10, Color.RED, "png");
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> ImageFolderReader.read(tmp.resolve("m"), 0, 0, 0));
        assertTrue(
                e.getMessage().contains(tmp.resolve("m/b/2.png").toString())
                        && e.getMessage().contains("resize"),
                e.getMessage());
    }

    @Test
    void badImageFolders_nameTheFileOrFolder() throws IOException {
        writeRgb(tmp.resolve("e/a/1.png"), 4, 4, Color.RED, "png");
        Files.createDirectories(tmp.resolve("e/b"));
        DataException empty =
                assertThrows(
                        DataException.class,
                        () -> ImageFolderReader.read(tmp.resolve("e"), 0, 0, 0));
        assertEquals(
                tmp.resolve("e/b") + ": empty class folder (no .png, .jpg or .jpeg files)",
                empty.getMessage());

        writeRgb(tmp.resolve("u/a/1.png"), 4, 4, Color.RED, "png");
        Files.write(tmp.resolve("u/a/2.png"), "this is not a PNG".getBytes(StandardCharsets.UTF_8));
        DataException bad =
                assertThrows(
                        DataException.class,
                        () -> ImageFolderReader.read(tmp.resolve("u"), 0, 0, 0));
        assertTrue(
                bad.getMessage().startsWith(tmp.resolve("u/a/2.png") + ": unreadable image"),
                bad.getMessage());

        DataException missing =
                assertThrows(
                        DataException.class,
                        () ->
                                UserDatasets.load(
                                        "x",
                                        UserDataset.of(tmp.resolve("nope"), DataFormat.IMAGEFOLDER),
                                        DataRequest.of(
                                                "x",
                                                UserDataset.of(
                                                        tmp.resolve("nope"),
                                                        DataFormat.IMAGEFOLDER))));
        assertEquals(tmp.resolve("nope") + ": image folder does not exist", missing.getMessage());

        Files.createDirectories(tmp.resolve("flat"));
        writeRgb(tmp.resolve("flat/1.png"), 4, 4, Color.RED, "png");
        DataException flat =
                assertThrows(
                        DataException.class,
                        () -> ImageFolderReader.read(tmp.resolve("flat"), 0, 0, 0));
        assertTrue(flat.getMessage().contains("no class sub-folders"), flat.getMessage());
    }

    @Test
    void csvOfFashionMnistRows_readsFeaturesAndStringLabels_andStandardizesOnTrain()
            throws IOException {
        ImageSet s = fashionHead(200);
        String[] names = {
            "tshirt",
            "trouser",
            "pullover",
            "dress",
            "coat",
            "sandal",
            "shirt",
            "sneaker",
            "bag",
            "boot"
        };
        StringBuilder b = new StringBuilder();
        for (int p = 0; p < 784; p++) {
            b.append('p').append(p).append(',');
        }
        b.append("item\n");
        for (int i = 0; i < 200; i++) {
            for (int p = 0; p < 784; p++) {
                b.append(s.pixel(i, p)).append(',');
            }
            b.append(names[s.label(i)]).append('\n');
        }
        Path csv = tmp.resolve("fm.csv");
        Files.writeString(csv, b);
        CsvTableReader.Rows rows = CsvTableReader.read(csv, "item");
        assertEquals(784, rows.features().size());
        List<String> classes = rows.classes();
        assertEquals(List.of(names).stream().sorted().toList(), classes);
        ImageSet t = rows.toSet(classes);
        assertEquals(200, t.size());
        assertEquals(784, t.cols());
        assertEquals(1, t.rows());
        for (int i = 0; i < 200; i++) {
            assertEquals(names[s.label(i)], classes.get(t.label(i)));
            for (int p = 0; p < 784; p += 97) {
                assertEquals(s.pixel(i, p), t.value(i, p), 0.0);
            }
        }
        UserDataset u = UserDataset.of(csv, DataFormat.CSV).withLabel("item");
        DataSplits d = UserDatasets.load("fm-csv", u, DataRequest.of("fm-csv", u));
        assertEquals(40, d.test().size());
        assertEquals(0f, d.mean());
        assertEquals(1f, d.std());
        double colMean = 0;
        for (int i = 0; i < d.train().size(); i++) {
            colMean += d.train().value(i, 400);
        }
        assertEquals(0.0, colMean / d.train().size(), 1e-4);
    }

    @Test
    void badCsv_namesTheFileAndLine() throws IOException {
        Path ragged = tmp.resolve("r.csv");
        Files.writeString(ragged, "a,b,label\n1,2,x\n3,4\n5,6,y\n");
        DataException e =
                assertThrows(DataException.class, () -> CsvTableReader.read(ragged, "label"));
        assertEquals(ragged + ":3: row has 2 columns, the header has 3", e.getMessage());

        Path text = tmp.resolve("t.csv");
        Files.writeString(text, "a,b,label\n1,2,x\n3,4,y\n5,abc,y\n");
        e = assertThrows(DataException.class, () -> CsvTableReader.read(text, "label"));
        assertTrue(
                e.getMessage()
                        .startsWith(text + ":4: column 'b' holds 'abc', expected a finite number"),
                e.getMessage());

        // blank lines do not shift the numbers: the line named is the line in the file
        Path blanks = tmp.resolve("b.csv");
        Files.writeString(blanks, "a,b,label\n\n1,2,x\n\n\n3,4\n");
        e = assertThrows(DataException.class, () -> CsvTableReader.read(blanks, "label"));
        assertEquals(blanks + ":6: row has 2 columns, the header has 3", e.getMessage());
        Files.writeString(blanks, "a,b,label\n\n1,2,x\n\n3,abc,y\n");
        e = assertThrows(DataException.class, () -> CsvTableReader.read(blanks, "label"));
        assertTrue(
                e.getMessage().startsWith(blanks + ":5: column 'b' holds 'abc'"), e.getMessage());

        e = assertThrows(DataException.class, () -> CsvTableReader.read(text, "species"));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                text
                                        + ":1: no label column 'species'; the header has [a, b, label]"),
                e.getMessage());
    }

    @Test
    void csvIntegerLabels_sortNumerically() throws IOException {
        Path f = tmp.resolve("n.csv");
        Files.writeString(f, "x,label\n1,10\n2,2\n3,1\n");
        CsvTableReader.Rows rows = CsvTableReader.read(f, "label");
        assertEquals(List.of("1", "2", "10"), rows.classes());
        assertArrayEquals(new int[] {2, 1, 0}, rows.toSet(rows.classes()).labels());
    }

    /**
     * A CIFAR-10 batch of {@code labels.length} records; pixel p of record r in channel c is (r * 7
     * + c * 31 + p) & 0xFF.
     */
    static byte[] cifarBatch(int... labels) {
        byte[] b = new byte[labels.length * CifarReader.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            b[r * CifarReader.RECORD_BYTES] = (byte) labels[r];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    b[r * CifarReader.RECORD_BYTES + 1 + c * 1024 + p] =
                            (byte) (r * 7 + c * 31 + p);
                }
            }
        }
        return b;
    }

    @Test
    void cifarBatches_readBackLabelsAndPlanes() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cifar"));
        Files.write(dir.resolve("data_batch_1.bin"), cifarBatch(3, 0, 9, 1, 5));
        Files.write(dir.resolve("data_batch_2.bin"), cifarBatch(6, 6, 2));
        Files.write(dir.resolve("test_batch.bin"), cifarBatch(4, 8, 7, 0));
        Files.writeString(
                dir.resolve("batches.meta.txt"),
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
        ImageSet train = CifarReader.read(CifarReader.trainBatches(dir), CifarReader.classes(dir));
        assertEquals(8, train.size());
        assertArrayEquals(new int[] {3, 0, 9, 1, 5, 6, 6, 2}, train.labels());
        assertEquals("truck", train.classes().get(9));
        assertEquals(3, train.channels());
        assertEquals(32, train.rows());
        // record 1 of batch 2 is image 6: green plane (c = 1), pixel (row 2, col 5)
        assertEquals((1 * 7 + 31 + 2 * 32 + 5) & 0xFF, train.pixel(6, 1024 + 2 * 32 + 5));
        UserDataset u = UserDataset.of(dir, DataFormat.CIFAR);
        DataSplits d =
                UserDatasets.load(
                        "cifar",
                        u,
                        new DataRequest(
                                "cifar", Optional.empty(), 0, 0, 0.25, 1, false, Optional.of(u)));
        assertArrayEquals(new int[] {4, 8, 7, 0}, d.test().labels());
        assertEquals(6, d.train().size());
        assertEquals(2, d.validation().size());
        DataSplits gray =
                UserDatasets.load(
                        "cifar", u.withChannels(1).withResize(16, 16), DataRequest.of("cifar", u));
        assertEquals(1, gray.test().channels());
        assertEquals(16, gray.test().cols());
    }

    @Test
    void badCifar_namesTheFileAndRecord() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("cifar"));
        Files.write(dir.resolve("data_batch_1.bin"), cifarBatch(3, 10, 1));
        DataException e =
                assertThrows(
                        DataException.class,
                        () ->
                                CifarReader.read(
                                        CifarReader.trainBatches(dir), CifarReader.classes(dir)));
        assertEquals(
                dir.resolve("data_batch_1.bin")
                        + ": record 1 (byte offset 3073) has label 10, outside 0..9",
                e.getMessage());
        Files.write(
                dir.resolve("data_batch_1.bin"), java.util.Arrays.copyOf(cifarBatch(3, 1), 5000));
        e =
                assertThrows(
                        DataException.class,
                        () ->
                                CifarReader.read(
                                        CifarReader.trainBatches(dir), CifarReader.classes(dir)));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                dir.resolve("data_batch_1.bin")
                                        + ": 5000 bytes is not a whole number"),
                e.getMessage());
        Files.write(dir.resolve("data_batch_1.bin"), cifarBatch(3, 1));
        UserDataset u = UserDataset.of(dir, DataFormat.CIFAR);
        e =
                assertThrows(
                        DataException.class,
                        () -> UserDatasets.load("c", u, DataRequest.of("c", u)));
        assertEquals(
                dir.resolve("test_batch.bin") + ": missing CIFAR-10 test batch", e.getMessage());
    }

    @Test
    void idxFromAUserPath_loadsTheFilesThere() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("my-idx"));
        try (var files = Files.list(FASHION)) {
            for (Path f : files.toList()) {
                Files.createSymbolicLink(dir.resolve(f.getFileName()), f);
            }
        }
        UserDataset u = UserDataset.of(dir, DataFormat.IDX);
        DataSplits d =
                UserDatasets.load(
                        "mine", u, DataRequest.of("mine", u).withLimit(500).withTestLimit(100));
        assertEquals(450, d.train().size());
        assertEquals(100, d.test().size());
        assertEquals(10, d.train().numClasses());
        assertEquals("0", d.train().classes().get(0));
        assertEquals(
                fashionHead(100).labels()[0],
                IdxReader.readLabels(FASHION.resolve("train-labels-idx1-ubyte.gz"))[0]);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        DataException e =
                assertThrows(
                        DataException.class,
                        () -> UserDatasets.load("mine", u, DataRequest.of("mine", u)));
        assertEquals(dir + ": missing t10k-labels-idx1-ubyte[.gz]", e.getMessage());
    }

    @Test
    void fingerprint_changesWhenAFileIsAddedOrEdited() throws IOException {
        UserDataset u = UserDataset.of(tmp.resolve("fp"), DataFormat.IMAGEFOLDER);
        assertEquals("missing", UserDatasets.fingerprint(u).digest());
        writeRgb(tmp.resolve("fp/a/1.png"), 4, 4, Color.RED, "png");
        UserDatasets.Fingerprint one = UserDatasets.fingerprint(u);
        assertEquals(1, one.files());
        assertEquals(Files.size(tmp.resolve("fp/a/1.png")), one.bytes());
        assertEquals(one, UserDatasets.fingerprint(u));
        writeRgb(tmp.resolve("fp/b/2.png"), 4, 4, Color.BLUE, "png");
        UserDatasets.Fingerprint two = UserDatasets.fingerprint(u);
        assertEquals(2, two.files());
        assertNotEquals(one.digest(), two.digest());
        Files.setLastModifiedTime(
                tmp.resolve("fp/b/2.png"), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        assertNotEquals(two.digest(), UserDatasets.fingerprint(u).digest());
    }
}
