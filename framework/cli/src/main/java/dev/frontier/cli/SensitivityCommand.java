package dev.frontier.cli;

import ai.djl.Device;
import dev.frontier.analysis.AtomicFiles;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.sensitivity.SensitivityAnalysis;
import dev.frontier.compress.sensitivity.SensitivityTable;
import dev.frontier.data.DataSplits;
import dev.frontier.engine.EngineSetup;
import dev.frontier.exec.run.SweepBaseline;
import dev.frontier.model.Checkpoint;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import dev.frontier.spec.Sweep;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import dev.frontier.train.TrainingLoop;
import dev.frontier.train.TrainingProgress;
import dev.frontier.train.TrainingReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code frontier sensitivity}: per-layer sensitivity of a sweep's baseline, as a table and a CSV
 * file.
 */
@Command(
        name = "sensitivity",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Per-layer sensitivity of a sweep's baseline: validation accuracy when one layer alone is pruned "
                    + "at each ratio or has its weights quantized at each bit-width.",
            "Trains the baseline as the sweep declares it (or loads --checkpoint), prints the table and writes it as CSV."
        })
public final class SensitivityCommand implements Callable<Integer> {
    @Parameters(
            arity = "1",
            paramLabel = "FILE",
            description = "sweep YAML file: its dataset, model and baseline training are used")
    Path file;

    @Mixin DataDirOption data = new DataDirOption();

    @Option(
            names = "--ratios",
            split = ",",
            paramLabel = "R",
            defaultValue = "0.3,0.5,0.7,0.9",
            description = "magnitude-pruning ratios in [0, 1) (default: ${DEFAULT-VALUE})")
    List<Double> ratios;

    @Option(
            names = "--bits",
            split = ",",
            paramLabel = "B",
            defaultValue = "8,4,3,2",
            description =
                    "weight bit-widths 2..8, symmetric per channel (default: ${DEFAULT-VALUE})")
    List<Integer> bits;

    @Option(
            names = "--layers",
            split = ",",
            paramLabel = "NAME",
            description = "layers to probe, e.g. conv1,fc1 (default: every conv/linear layer)")
    List<String> layers;

    @Option(
            names = "--checkpoint",
            paramLabel = "FILE",
            description =
                    "a trained baseline ('frontier train', or a run's stages/<key>/model.ckpt) "
                            + "instead of training one")
    Path checkpoint;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "baseline epochs instead of the sweep's")
    Integer epochs;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description =
                    "training examples before the validation split instead of the sweep's "
                            + "dataset.limit (0 = all)")
    Integer limit;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "CSV file (default: <sweep output>/sensitivity.csv)")
    Path out;

    @Override
    public Integer call() throws Exception {
        return data.around(this::runWithData);
    }

    private Integer runWithData() throws Exception {
        SensitivityAnalysis analysis = analysis();
        Sweep sweep = SpecFiles.read(file);
        SweepBaseline baseline = baseline(sweep);
        DataSplits d = DataOptions.load(baseline.data());
        if (d.validation().size() == 0) {
            throw new UserInputException(
                    file
                            + ": dataset.validation is 0, but sensitivity is measured on the validation "
                            + "split; hold some examples out (e.g. validation: 0.1)");
        }
        ai.djl.engine.Engine engine = EngineSetup.start(baseline.threads());
        Device device =
                UserInputException.check(
                        file + ": device", () -> baseline.device().resolve(engine));
        TrainConfig config = baseline.trainConfig();
        try (FrontierModel m =
                checkpoint != null
                        ? load(baseline, d, device)
                        : FrontierModel.create(baseline.model(d), device, config.seed())) {
            System.out.printf(
                    Locale.ROOT,
                    "model: %s (%,d parameters) on %s%n",
                    m.spec().canonical(),
                    m.parameterCount(),
                    device);
            requireLayers(m, analysis.layers());
            java.util.Optional<java.nio.file.Path> pretrained = sweep.training().pretrained();
            if (checkpoint == null && pretrained.isPresent()) {
                // the sweep's baseline is a pretrained file: probe it as the sweep would, untrained
                // here
                dev.frontier.model.PretrainedWeights.Format format =
                        dev.frontier.model.PretrainedWeights.load(m, pretrained.get());
                System.out.printf(
                        Locale.ROOT,
                        "baseline: pretrained weights from %s (%s), not trained%n",
                        pretrained.get(),
                        format.name().toLowerCase(Locale.ROOT));
            } else if (checkpoint == null) {
                train(m, config, d);
            }
            long t0 = System.nanoTime();
            SensitivityTable table = analysis.run(m, d.validation(), d.mean(), d.std());
            System.out.printf(
                    Locale.ROOT,
                    "probed %d layer(s) x %d setting(s) on %,d validation images in %.1fs%n%n",
                    table.layers().size(),
                    analysis.ratios().size() + analysis.bits().size(),
                    d.validation().size(),
                    (System.nanoTime() - t0) / 1e9);
            System.out.print(table.render());
            Path csv = out != null ? out : Path.of(sweep.output()).resolve("sensitivity.csv");
            AtomicFiles.writeString(csv, table.toCsv());
            System.out.println("csv: " + csv);
        }
        return 0;
    }

    /** The probes, with range errors naming the option. */
    private SensitivityAnalysis analysis() {
        List<Double> r = ratios.stream().distinct().toList();
        List<Integer> b = bits.stream().distinct().toList();
        for (double ratio : r) {
            if (!(ratio >= 0 && ratio < 1)) {
                throw new UserInputException(
                        "--ratios: pruning ratios must be in [0, 1), got " + ratio);
            }
        }
        for (int bitWidth : b) {
            if (bitWidth < 2 || bitWidth > 8) {
                throw new UserInputException("--bits: bit-widths must be 2..8, got " + bitWidth);
            }
        }
        List<String> l = layers == null ? List.of() : layers.stream().distinct().toList();
        return new SensitivityAnalysis(l, r, b, SensitivityAnalysis.standard().batchSize());
    }

    private SweepBaseline baseline(Sweep sweep) {
        SweepBaseline b = SweepBaseline.of(sweep);
        if (checkpoint != null && !Files.isRegularFile(checkpoint)) {
            throw new UserInputException("--checkpoint " + checkpoint + ": no such file");
        }
        if (epochs != null) {
            if (checkpoint != null) {
                throw new UserInputException(
                        "--epochs sets the baseline's training; with --checkpoint nothing is trained");
            }
            if (epochs < 1) {
                throw new UserInputException("--epochs must be >= 1, got " + epochs);
            }
            b = b.withEpochs(epochs);
        }
        if (limit != null) {
            if (limit < 0) {
                throw new UserInputException("--limit must be >= 0 (0 = all), got " + limit);
            }
            b = b.withLimit(limit);
        }
        return b;
    }

    private FrontierModel load(SweepBaseline baseline, DataSplits d, Device device)
            throws IOException {
        ModelSpec expected = baseline.model(d);
        try {
            return Checkpoint.load(checkpoint, device, Optional.of(expected));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(
                    "--checkpoint "
                            + checkpoint
                            + " holds a "
                            + Checkpoint.readSpec(checkpoint).canonical()
                            + " model, but the sweep's model is "
                            + expected.canonical());
        } catch (IOException e) {
            throw new UserInputException("--checkpoint " + e.getMessage());
        }
    }

    private static void requireLayers(FrontierModel m, List<String> layers) {
        List<String> names = LayerMap.of(m.block()).names();
        List<String> unknown = layers.stream().filter(l -> !names.contains(l)).toList();
        if (!unknown.isEmpty()) {
            throw new UserInputException(
                    "--layers: "
                            + m.spec().name()
                            + " has no layer "
                            + String.join(", ", unknown)
                            + "; its layers are "
                            + String.join(", ", names));
        }
    }

    private static void train(FrontierModel m, TrainConfig config, DataSplits d) {
        TrainingReport r =
                new TrainingLoop(
                                config,
                                TrainingHooks.standard(),
                                TrainingProgress.forConsole(System.out, "baseline"))
                        .train(m, d.train(), d.validation(), d.mean(), d.std());
        System.out.printf(
                Locale.ROOT,
                "baseline: trained %d epoch(s) in %.1fs (%.0f img/s), kept epoch %d%s%n",
                r.epochs().size(),
                r.seconds(),
                r.imagesPerSecond(),
                r.bestEpoch(),
                r.stoppedEarly() ? " (early stop)" : "");
    }
}
