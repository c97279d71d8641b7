package dev.frontier.cli;

import dev.frontier.spec.Catalog;
import dev.frontier.spec.Dataset;
import dev.frontier.spec.Device;
import dev.frontier.spec.Param;
import dev.frontier.spec.Pass;
import dev.frontier.spec.PassType;
import dev.frontier.spec.SpecException;
import dev.frontier.spec.Sweep;
import dev.frontier.spec.Teacher;
import dev.frontier.spec.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The sweeps of {@code frontier bench compress}: the YAML files of {@code experiments/bench},
 * grouped into sections by the part of their name before the first '-' ({@code lenet5-qat.yaml} is
 * in section {@code lenet5}), and the adjustments the bench's options make to a loaded sweep (the
 * files are never changed): another dataset or training-set limit, another device or thread count,
 * and {@code --quick}, which caps every epoch count.
 */
final class BenchSweeps {
    /** Training examples of a quick run. */
    static final int QUICK_LIMIT = 6000;

    /**
     * Epochs of training from scratch in a quick run, at most: baseline, teacher, distilled
     * student.
     */
    static final int QUICK_TRAINING_EPOCHS = 2;

    /** Epochs of fine-tuning and QAT in a quick run, at most. */
    static final int QUICK_PASS_EPOCHS = 1;

    private BenchSweeps() {}

    /**
     * What the bench's options change in every sweep; null (or false) leaves the file's setting.
     *
     * @param quick cap epochs (baseline, teacher and distilled student at 2, fine-tuning and QAT at
     *     1) and use 6000 training examples
     * @param dataset another dataset name
     * @param limit another training-set limit (0 = every example); wins over the quick limit
     * @param device auto, cpu or gpu:N
     * @param threads intra-op threads, 0 for automatic
     */
    record Overrides(boolean quick, String dataset, Integer limit, String device, Integer threads) {
        /** No change at all. */
        static final Overrides NONE = new Overrides(false, null, null, null, null);
    }

    /** The sections found in {@code dir}, sorted. */
    static List<String> sections(Path dir) {
        return new TreeSet<>(yamlFiles(dir).stream().map(BenchSweeps::section).toList())
                .stream().toList();
    }

    /** The files of {@code section} in {@code dir}, by name. */
    static List<Path> files(Path dir, String section) {
        return yamlFiles(dir).stream().filter(f -> section(f).equals(section)).toList();
    }

    private static String section(Path file) {
        String name = file.getFileName().toString();
        name = name.substring(0, name.length() - ".yaml".length());
        int dash = name.indexOf('-');
        return dash < 0 ? name : name.substring(0, dash);
    }

    private static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(
                    dir
                            + ": no such folder of bench sweeps (expected experiments/bench of the repository)");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(
                            p ->
                                    p.getFileName().toString().endsWith(".yaml")
                                            && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code sweep} with the overrides applied; a bad override is one user-input error naming the
     * option.
     */
    static Sweep adjust(Sweep sweep, Overrides o) {
        if (o.dataset() != null && Catalog.dataset(o.dataset()).isEmpty()) {
            throw new UserInputException(
                    "--dataset: '"
                            + o.dataset()
                            + "' is not one of "
                            + String.join(", ", Catalog.datasetNames()));
        }
        if (o.limit() != null && o.limit() < 0) {
            throw new UserInputException(
                    "--limit must be >= 0 (0 = every example), got " + o.limit());
        }
        if (o.threads() != null && o.threads() < 0) {
            throw new UserInputException(
                    "--threads must be >= 0 (0 = automatic), got " + o.threads());
        }
        Device device = sweep.device();
        if (o.device() != null) {
            try {
                device = Device.parse(o.device());
            } catch (SpecException e) {
                throw new UserInputException("--device: " + e.problems().get(0).message());
            }
        }
        Dataset d = sweep.dataset();
        int limit = o.limit() != null ? o.limit() : o.quick() ? QUICK_LIMIT : d.limit();
        Dataset dataset =
                o.dataset() != null
                        ? new Dataset(o.dataset(), limit, d.splitSeed(), d.validation())
                        : new Dataset(d.name(), limit, d.splitSeed(), d.validation(), d.user());
        Training training = o.quick() ? capped(sweep.training()) : sweep.training();
        Optional<Teacher> teacher =
                sweep.teacher()
                        .map(
                                t ->
                                        o.quick() && !t.isOnnx()
                                                ? new Teacher(t.model(), capped(t.training()))
                                                : t);
        List<Pass> pipeline =
                o.quick()
                        ? sweep.pipeline().stream().map(BenchSweeps::quickPass).toList()
                        : sweep.pipeline();
        try {
            return new Sweep(
                    sweep.name(),
                    dataset,
                    sweep.model(),
                    sweep.seed(),
                    device,
                    o.threads() != null ? o.threads() : sweep.threads(),
                    training,
                    teacher,
                    pipeline,
                    sweep.runtime(),
                    sweep.combine(),
                    sweep.exclude(),
                    sweep.objectives(),
                    sweep.constraints(),
                    sweep.repeats(),
                    sweep.parallelism(),
                    sweep.tracking(),
                    sweep.output(),
                    sweep.search());
        } catch (SpecException e) {
            throw new UserInputException(
                    sweep.name() + " after the bench's options: " + e.getMessage());
        }
    }

    private static Training capped(Training t) {
        return t.withEpochs(Math.min(t.epochs(), QUICK_TRAINING_EPOCHS));
    }

    /**
     * The pass with its epochs capped: a distilled student, trained from scratch like the baseline
     * it is compared with, at {@link #QUICK_TRAINING_EPOCHS}; fine-tuning and QAT at {@link
     * #QUICK_PASS_EPOCHS} (0 stays 0).
     */
    static Pass quickPass(Pass pass) {
        int max =
                pass.type().role() == PassType.Role.STUDENT
                        ? QUICK_TRAINING_EPOCHS
                        : QUICK_PASS_EPOCHS;
        if (pass.type().epochsParam().isEmpty()) {
            return pass; // trains nothing
        }
        String key = pass.type().epochsParam().get();
        @SuppressWarnings("unchecked")
        Param<Integer> epochs = (Param<Integer>) pass.params().get(key);
        List<Integer> values =
                epochs.values().stream().map(e -> Math.min(e, max)).distinct().toList();
        return pass.with(
                Map.of(key, values.size() == 1 ? Param.of(values.get(0)) : Param.oneOf(values)));
    }
}
