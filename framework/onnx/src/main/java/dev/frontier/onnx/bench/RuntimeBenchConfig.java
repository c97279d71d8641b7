package dev.frontier.onnx.bench;

import dev.frontier.model.ModelZoo;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code bench runtime} measures: the zoo models, intra-op threads for both runtimes, an
 * optional checkpoint (else seeded random weights, which time the same), the timing settings, and
 * the seed.
 */
public record RuntimeBenchConfig(
        List<String> models,
        int threads,
        Optional<Path> checkpoint,
        BenchSettings settings,
        long seed) {
    public RuntimeBenchConfig {
        models = List.copyOf(models);
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(settings, "settings");
        if (models.isEmpty()) {
            throw new IllegalArgumentException(
                    "name at least one model; known models: "
                            + String.join(", ", ModelZoo.names()));
        }
        for (String m : models) {
            if (!ModelZoo.names().contains(m)) {
                throw new IllegalArgumentException(
                        "unknown model '"
                                + m
                                + "'; known models: "
                                + String.join(", ", ModelZoo.names()));
            }
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (checkpoint.isPresent() && models.size() != 1) {
            throw new IllegalArgumentException(
                    "a checkpoint holds one model; name exactly one --model with --checkpoint");
        }
    }

    /** lenet5 and cnn, one thread, random weights, standard settings, seed 42. */
    public static RuntimeBenchConfig defaults() {
        return new RuntimeBenchConfig(
                List.of("lenet5", "cnn"), 1, Optional.empty(), BenchSettings.standard(), 42);
    }

    /**
     * Parses {@code --model NAME[,NAME]} (repeatable), {@code --threads N}, {@code --checkpoint
     * FILE}, {@code --repeats N} and {@code --quick}.
     */
    public static RuntimeBenchConfig parse(String... args) {
        RuntimeBenchConfig d = defaults();
        List<String> models = new java.util.ArrayList<>();
        int threads = d.threads();
        Optional<Path> checkpoint = Optional.empty();
        BenchSettings s = d.settings();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--model" -> models.addAll(List.of(value(args, ++i, a).split(",")));
                case "--threads" -> threads = integer(value(args, ++i, a), a);
                case "--checkpoint" -> checkpoint = Optional.of(Path.of(value(args, ++i, a)));
                case "--repeats" ->
                        s =
                                new BenchSettings(
                                        s.warmup(),
                                        s.latencyCalls(),
                                        s.throughputBatch(),
                                        s.throughputCalls(),
                                        integer(value(args, ++i, a), a));
                case "--quick" -> s = BenchSettings.quick();
                default ->
                        throw new IllegalArgumentException(
                                "unknown option '" + a + "'. " + usage());
            }
        }
        return new RuntimeBenchConfig(
                models.isEmpty() ? d.models() : models, threads, checkpoint, s, d.seed());
    }

    /** The options line. */
    public static String usage() {
        return "Usage: bench runtime [--model lenet5,cnn] [--threads 1] [--checkpoint FILE] [--repeats 5] [--quick]";
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value. " + usage());
        }
        return args[i];
    }

    private static int integer(String v, String option) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    option + " needs a whole number, got '" + v + "'", e);
        }
    }
}
