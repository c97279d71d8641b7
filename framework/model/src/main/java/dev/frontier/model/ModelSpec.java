package dev.frontier.model;

import dev.frontier.limits.Limits;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything needed to rebuild a model: its name, width multiplier, input shape, number of classes,
 * optionally the explicit width of every hidden layer (set by structured pruning; empty means "base
 * widths times the multiplier"), the arguments of its factory, the {@link ModelProvider} that
 * builds it (a registered one, or the user's own from a jar or a notebook) and the rank of each
 * layer factored by low-rank factorization ({@link LowRankLayer}; layer name as {@code LayerMap}
 * numbers the unfactored model, e.g. {@code fc1}, {@code conv2}; empty for none).
 */
public record ModelSpec(
        String name,
        double width,
        int channels,
        int rows,
        int cols,
        int numClasses,
        List<Integer> hidden,
        Map<String, String> args,
        ModelProvider provider,
        Map<String, Integer> ranks) {

    /** A model without factored layers. */
    public ModelSpec(
            String name,
            double width,
            int channels,
            int rows,
            int cols,
            int numClasses,
            List<Integer> hidden,
            Map<String, String> args,
            ModelProvider provider) {
        this(name, width, channels, rows, cols, numClasses, hidden, args, provider, Map.of());
    }

    /** A registered model without arguments. */
    public ModelSpec(
            String name,
            double width,
            int channels,
            int rows,
            int cols,
            int numClasses,
            List<Integer> hidden) {
        this(name, width, channels, rows, cols, numClasses, hidden, Map.of(), registered(name));
    }

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        args = Collections.unmodifiableSortedMap(new TreeMap<>(args));
        ranks = Collections.unmodifiableSortedMap(new TreeMap<>(ranks));
        ranks.forEach(
                (layer, r) -> {
                    if (!layer.matches("(fc|conv)[1-9][0-9]*") || r == null || r < 1) {
                        throw new IllegalArgumentException(
                                name
                                        + ": a factored layer needs a name fcN or convN and a rank >= 1,"
                                        + " got "
                                        + layer
                                        + "="
                                        + r);
                    }
                });
        Limits.WIDTH.check(width, "width multiplier");
        if (channels < 1 || rows < 8 || cols < 8 || numClasses < 2) {
            throw new IllegalArgumentException(
                    "need channels >= 1, rows/cols >= 8 and >= 2 classes");
        }
        hidden = List.copyOf(hidden);
        for (int h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException(
                        name + ": every hidden layer needs >= 1 unit, got " + hidden);
            }
        }
        int expected = provider.baseWidths().size();
        if (!hidden.isEmpty() && hidden.size() != expected) {
            throw new IllegalArgumentException(
                    name + " has " + expected + " hidden widths, got " + hidden);
        }
    }

    private static ModelProvider registered(String name) {
        Objects.requireNonNull(name, "name");
        if (!ModelZoo.names().contains(name)) {
            throw new IllegalArgumentException(
                    "unknown model '"
                            + name
                            + "'; known models: "
                            + String.join(", ", ModelZoo.names()));
        }
        return ModelRegistry.provider(name);
    }

    /** A zoo model for 28x28 grey images and 10 classes at the given width. */
    public static ModelSpec of(String name, double width) {
        return new ModelSpec(name, width, 1, 28, 28, 10, List.of());
    }

    /**
     * The width of each hidden layer: explicit when set, else the base width times the multiplier.
     */
    public List<Integer> effectiveHidden() {
        if (!hidden.isEmpty()) {
            return hidden;
        }
        return provider.baseWidths().stream()
                .map(b -> Math.max(1, (int) Math.round(b * width)))
                .toList();
    }

    /** The same architecture with explicit hidden widths (e.g. after structured pruning). */
    public ModelSpec withHidden(List<Integer> newHidden) {
        return new ModelSpec(
                name, width, channels, rows, cols, numClasses, newHidden, args, provider, ranks);
    }

    /**
     * The same model with these layers factored ({@link LowRankLayer}), by name in the unfactored
     * model's numbering; replaces any earlier ranks.
     */
    public ModelSpec withRanks(Map<String, Integer> newRanks) {
        return new ModelSpec(
                name, width, channels, rows, cols, numClasses, hidden, args, provider, newRanks);
    }

    /**
     * A one-line canonical form, also stored in checkpoints: {@code lenet5 width=1.0 input=1x28x28
     * classes=10 hidden=[]}, followed by {@code args=k=v,...} (URL-encoded) when the model has
     * arguments and by {@code ranks=fc1:40,...} when it has factored layers.
     */
    public String canonical() {
        String base =
                String.format(
                        Locale.ROOT,
                        "%s width=%s input=%dx%dx%d classes=%d hidden=%s",
                        name,
                        width,
                        channels,
                        rows,
                        cols,
                        numClasses,
                        hidden.toString().replace(" ", ""));
        if (!args.isEmpty()) {
            base +=
                    " args="
                            + args.entrySet().stream()
                                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                                    .collect(Collectors.joining(","));
        }
        if (!ranks.isEmpty()) {
            base +=
                    " ranks="
                            + ranks.entrySet().stream()
                                    .map(e -> e.getKey() + ":" + e.getValue())
                                    .collect(Collectors.joining(","));
        }
        return base;
    }

    /** Parses {@link #canonical()} of a registered model. */
    public static ModelSpec parse(String text) {
        return parse(text, ModelRegistry::provider);
    }

    /** Parses {@link #canonical()}, finding the model's provider by name with {@code providers}. */
    public static ModelSpec parse(String text, Function<String, ModelProvider> providers) {
        try {
            String[] parts = text.trim().split(" ");
            String name = parts[0];
            double width = Double.parseDouble(value(parts[1], "width"));
            String[] in = value(parts[2], "input").split("x");
            int classes = Integer.parseInt(value(parts[3], "classes"));
            String h = value(parts[4], "hidden");
            List<Integer> hidden =
                    h.equals("[]")
                            ? List.of()
                            : java.util.Arrays.stream(h.substring(1, h.length() - 1).split(","))
                                    .map(Integer::parseInt)
                                    .toList();
            Map<String, String> args = new TreeMap<>();
            Map<String, Integer> ranks = new TreeMap<>();
            int next = 5;
            if (parts.length > next && parts[next].startsWith("args=")) {
                for (String kv : value(parts[next++], "args").split(",")) {
                    int eq = kv.indexOf('=');
                    args.put(decode(kv.substring(0, eq)), decode(kv.substring(eq + 1)));
                }
            }
            if (parts.length > next) {
                for (String kv : value(parts[next++], "ranks").split(",")) {
                    int colon = kv.indexOf(':');
                    ranks.put(kv.substring(0, colon), Integer.parseInt(kv.substring(colon + 1)));
                }
            }
            if (parts.length > next) {
                throw new IllegalArgumentException("unexpected " + parts[next]);
            }
            ModelProvider provider =
                    Objects.requireNonNull(
                            providers.apply(name), () -> "no provider for model " + name);
            return new ModelSpec(
                    name,
                    width,
                    Integer.parseInt(in[0]),
                    Integer.parseInt(in[1]),
                    Integer.parseInt(in[2]),
                    classes,
                    hidden,
                    args,
                    provider,
                    ranks);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "not a model spec: '" + text + "' (" + e.getMessage() + ")", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String value(String kv, String key) {
        if (!kv.startsWith(key + "=")) {
            throw new IllegalArgumentException("expected " + key + "=..., found " + kv);
        }
        return kv.substring(key.length() + 1);
    }
}
