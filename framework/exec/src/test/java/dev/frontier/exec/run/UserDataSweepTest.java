package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.TrialOutcome;
import dev.frontier.data.DataException;
import dev.frontier.data.DataFormat;
import dev.frontier.data.IdxReader;
import dev.frontier.data.UserDataset;
import dev.frontier.onnx.bench.BenchSettings;
import dev.frontier.spec.Backend;
import dev.frontier.spec.SpecReader;
import dev.frontier.spec.Sweep;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep on an image folder written from real Fashion-MNIST images as PNG files, end to end. */
class UserDataSweepTest {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir Path dir;

    /**
     * The first {@code n} Fashion-MNIST training images as {@code
     * <root>/class-<label>/<index>.png}.
     */
    static void writeFashionPngs(Path root, int n) throws IOException {
        IdxReader.Images img = IdxReader.readImages(FASHION.resolve("train-images-idx3-ubyte.gz"));
        int[] labels = IdxReader.readLabels(FASHION.resolve("train-labels-idx1-ubyte.gz"));
        for (int i = 0; i < n; i++) {
            BufferedImage b = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < 784; p++) {
                b.getRaster().setSample(p % 28, p / 28, 0, img.pixels()[i * 784 + p] & 0xFF);
            }
            Path f = root.resolve("class-" + labels[i]).resolve(String.format("%05d.png", i));
            Files.createDirectories(f.getParent());
            ImageIO.write(b, "png", f.toFile());
        }
    }

    SweepRunner runner(ByteArrayOutputStream out) {
        return new SweepRunner(
                new PrintStream(out, true),
                false,
                BenchSettings.quick(),
                Map.of("MLFLOW_TRACKING_URI", "file:" + dir.resolve("mlruns")));
    }

    @Test
    void sweepOnAPngImageFolder_trainsAboveChance_reusesStages_andRetrainsWhenTheDataChanges()
            throws IOException {
        Path images = dir.resolve("data/fashion-png");
        writeFashionPngs(images, 750);
        Path file = dir.resolve("sweep.yaml");
        Files.writeString(
                file,
                """
                name: own-images
                dataset: {path: data/fashion-png, format: imagefolder, limit: 600, splitSeed: 1}
                model: {name: mlp, width: 0.25}
                seed: 7
                device: cpu
                threads: 1
                parallelism: 1
                training: {epochs: 1, batchSize: 64}
                pipeline:
                  - prune: {ratio: 0.5, finetuneEpochs: 1}
                runtime: djl-pytorch
                """);
        Sweep sweep = SpecReader.read(file);
        assertEquals(
                images.toAbsolutePath().normalize(), sweep.dataset().user().orElseThrow().path());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SweepResult first = runner(log).run(sweep, dir.resolve("run"));
        String text = log.toString();
        assertEquals(0, first.failedTrials(), text);
        assertTrue(
                text.contains(
                        "data imagefolder "
                                + images.toAbsolutePath().normalize()
                                + " (train 540, validation 60,"
                                + " test 150)"),
                text);
        assertEquals(2, first.outcomes().size());
        for (TrialOutcome o : first.outcomes()) {
            double acc = o.metrics().get("accuracy");
            System.out.printf("image-folder sweep: %s accuracy %.4f%n", o.name(), acc);
            assertTrue(
                    acc > 0.3, o.name() + " accuracy " + acc + " should be far above chance (0.1)");
        }
        assertTrue(
                Files.readString(dir.resolve("run/sweep.yaml"))
                        .contains("path: " + images.toAbsolutePath().normalize()));

        SweepResult again =
                runner(new ByteArrayOutputStream()).run(SpecReader.read(file), dir.resolve("run"));
        assertEquals(0, again.stagesRun(), "unchanged data reuses every stage");

        Files.copy(
                images.resolve("class-9/00000.png"),
                images.resolve("class-9/extra.png")); // one more example
        SweepResult edited =
                runner(new ByteArrayOutputStream()).run(SpecReader.read(file), dir.resolve("run"));
        assertEquals(first.stagesRun(), edited.stagesRun(), "edited data retrains every stage");
    }

    @Test
    void badImage_isOneDataErrorBeforeTraining() throws IOException {
        Path images = dir.resolve("bad");
        writeFashionPngs(images, 20);
        Path broken = images.resolve("class-0/broken.png");
        Files.writeString(broken, "not a png");
        Sweep sweep =
                Sweep.builder()
                        .name("bad")
                        .dataset(UserDataset.of(images, DataFormat.IMAGEFOLDER))
                        .model("mlp")
                        .width(0.25)
                        .device("cpu")
                        .threads(1)
                        .parallelism(1)
                        .training(t -> t.epochs(1))
                        .runtime(Backend.DJL_PYTORCH)
                        .build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        DataException e =
                assertThrows(DataException.class, () -> runner(log).run(sweep, dir.resolve("run")));
        assertTrue(e.getMessage().startsWith(broken + ": unreadable image"), e.getMessage());
        assertTrue(!log.toString().contains("training"), log.toString());
    }
}
