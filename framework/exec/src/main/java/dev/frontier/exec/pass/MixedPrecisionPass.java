package dev.frontier.exec.pass;

import static dev.frontier.exec.store.StageStore.MODEL_FILE;

import dev.frontier.codec.format.ModelFileWriter;
import dev.frontier.codec.format.SizeReport;
import dev.frontier.codec.format.TensorEncoding;
import dev.frontier.codec.quant.CalibrationMethod;
import dev.frontier.codec.quant.RangeFit;
import dev.frontier.compress.LayerMap;
import dev.frontier.compress.ModelPacker;
import dev.frontier.compress.QuantSettings;
import dev.frontier.compress.WeightQuantizer;
import dev.frontier.compress.quant.QuantizePass;
import dev.frontier.compress.quant.QuantizeResult;
import dev.frontier.data.ImageSet;
import dev.frontier.eval.Evaluator;
import dev.frontier.exec.stage.PassStep;
import dev.frontier.exec.stage.StepContext;
import dev.frontier.exec.store.ActivationFile;
import dev.frontier.limits.Interval;
import dev.frontier.limits.Limits;
import dev.frontier.model.FrontierModel;
import dev.frontier.spec.GenericPass;
import dev.frontier.spec.Param;
import dev.frontier.spec.ParamDecl;
import dev.frontier.spec.Pass;
import dev.frontier.spec.PassProvider;
import dev.frontier.spec.PassType;
import dev.frontier.spec.Problem;
import dev.frontier.spec.Quantize;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The {@code mixed-precision} pass: chooses each conv/linear layer's weight bit width among {@code
 * candidates} so that the whole model file fits {@code budgetBytes} and the summed per-layer
 * validation-accuracy drop is smallest, then quantizes (post-training) with those widths and writes
 * the model file. The drops are measured one layer at a time (the others fp32), as {@code frontier
 * sensitivity} does; each layer's bytes at each width are measured by encoding the file; the
 * allocation (a multiple-choice knapsack) is solved exactly as a 0-1 integer program with ojAlgo.
 */
public final class MixedPrecisionPass implements PassProvider, PassStep {

    /** The pass's type: {@code mixed-precision}, its parameters and their limits. */
    public static final PassType TYPE =
            PassType.of(
                            "mixed-precision",
                            PassType.Role.ENCODE,
                            "per-layer weight bit widths chosen by an exact integer program to lose"
                                    + " the least validation accuracy within a file-size budget,"
                                    + " then post-training quantization",
                            List.of(
                                    ParamDecl.integer(
                                                    "budgetBytes",
                                                    0,
                                                    Interval.atLeast(1),
                                                    "a byte count",
                                                    "the whole model file's size limit in bytes"
                                                            + " (header, biases and every tensor,"
                                                            + " after entropy coding); required")
                                            .expecting("a byte count >= 1 (required)"),
                                    new ParamDecl<>(
                                            "candidates",
                                            ParamDecl.Type.STRINGS,
                                            null,
                                            List.of("2", "4", "8"),
                                            null,
                                            // for the README and the schema (checked by rules)
                                            List.of(1, 2, 3, 4, 5, 6, 7, 8, 16, 32),
                                            "bit widths",
                                            false,
                                            false,
                                            "bit widths each layer may take: 1..8 (symmetric"
                                                    + " from 2), 16 or 32;"
                                                    + " default 2, 4, 8"),
                                    ParamDecl.bool(
                                            "symmetric",
                                            true,
                                            "symmetric (scale only) or asymmetric (scale + zero"
                                                    + " point)"),
                                    ParamDecl.choice(
                                            "granularity",
                                            Quantize.Granularity.class,
                                            Quantize.Granularity.PER_TENSOR,
                                            "one scale per tensor or per output channel"),
                                    ParamDecl.integer(
                                            "calibrationSamples",
                                            512,
                                            Limits.CALIBRATION_SAMPLES,
                                            "a count",
                                            "validation examples the sensitivity probe measures"
                                                    + " on")))
                    .withRules(MixedPrecisionPass::rules);

    /** Allocations solved at most, each with the capacity corrected by the last one's error. */
    static final int MAX_ALLOCATIONS = 8;

    /** For {@link java.util.ServiceLoader} (both as provider and as step). */
    public MixedPrecisionPass() {}

    @Override
    public List<PassType> passes() {
        return List.of(TYPE);
    }

    @Override
    public List<String> runs() {
        return List.of(TYPE.name());
    }

    private static List<Problem> rules(Map<String, Object> v) {
        List<Problem> problems = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String> candidates = (List<String>) v.get("candidates");
        Param<?> symmetric = (Param<?>) v.get("symmetric");
        if (candidates.isEmpty()) {
            problems.add(Problem.at("candidates", "is empty, expected at least one bit width"));
        }
        for (String c : candidates) {
            Integer b = parseBits(c);
            if (b == null || b == 1 && symmetric.values().contains(Boolean.TRUE)) {
                problems.add(
                        Problem.at(
                                "candidates",
                                "found '"
                                        + c
                                        + "', expected a bit width: "
                                        + Limits.BITS_TEXT
                                        + " (symmetric needs >= "
                                        + Limits.MIN_SYMMETRIC_BITS
                                        + ")"));
            }
        }
        if (new TreeSet<>(candidates).size() != candidates.size()) {
            problems.add(Problem.at("candidates", "found " + candidates + ", a width repeated"));
        }
        return problems;
    }

    private static Integer parseBits(String s) {
        try {
            int b = Integer.parseInt(s.trim());
            return Limits.isBits(b) ? b : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void run(Pass pass, StepContext step) throws IOException {
        GenericPass p = (GenericPass) pass;
        long budget = ((Number) p.value("budgetBytes")).longValue();
        List<String> names = p.value("candidates");
        List<Integer> candidates =
                names.stream().map(s -> Integer.parseInt(s.trim())).sorted().toList();
        boolean symmetric = p.value("symmetric");
        boolean perChannel = p.value("granularity") == Quantize.Granularity.PER_CHANNEL;
        int samples = ((Number) p.value("calibrationSamples")).intValue();
        Map<String, Object> meta = step.meta();
        ImageSet probeSet =
                (step.data().validation().size() > 0
                                ? step.data().validation()
                                : step.data().train())
                        .head(samples);
        float mean = step.data().mean();
        float std = step.data().std();
        try (FrontierModel model = step.loadInput()) {
            Map<String, List<Option>> table =
                    table(model, candidates, symmetric, perChannel, probeSet, mean, std);
            long fixed = fileBytes(model, uniform(model, candidates.get(0), symmetric, perChannel));
            meta.put("budget_bytes", budget);
            meta.put("budget_scope", "whole model file");
            meta.put("probe_samples", probeSet.size());
            meta.put("sensitivity", describe(table));
            // The file is entropy-coded as a whole, so the layers' bytes are not exactly additive
            // (on lenet5 the sum of the marginals overshoots uniform 4 bits by 0.6%): the real
            // size of each choice is measured, the capacity left for the layers moves by the
            // measured error (down after an overshoot, up after slack), and the allocation is
            // solved again until a choice repeats; the best choice whose real file fits is kept.
            long capacity = budget - fixed;
            Allocation a = null;
            long real = 0;
            Set<Map<String, Integer>> seen = new HashSet<>();
            List<String> attempts = new ArrayList<>();
            for (int attempt = 0; attempt < MAX_ALLOCATIONS; attempt++) {
                Allocation next;
                try {
                    next = allocate(table, capacity, budget, fixed);
                } catch (IllegalArgumentException e) {
                    if (attempt == 0) {
                        throw e;
                    }
                    break;
                }
                if (!seen.add(next.bits())) {
                    break;
                }
                long size = fileBytes(model, encodings(next.bits(), symmetric, perChannel));
                attempts.add(
                        next.bits()
                                + ": predicted "
                                + next.bytes()
                                + " B, file "
                                + size
                                + " B, drop "
                                + round(next.drop()));
                if (size <= budget
                        && (a == null
                                || next.drop() < a.drop() - 1e-12
                                || next.drop() <= a.drop() + 1e-12 && size > real)) {
                    a = next;
                    real = size;
                }
                capacity += budget - size;
            }
            meta.put("allocations", attempts);
            if (a == null) {
                throw new IllegalArgumentException(
                        "mixed-precision.budgetBytes is "
                                + budget
                                + " B, but no choice of widths the solver found gives a file that"
                                + " small ("
                                + attempts
                                + "); the smallest file these candidates reach is "
                                + fixed
                                + " B (every layer at its smallest width)");
            }
            QuantSettings settings =
                    new QuantSettings(
                            candidates.get(candidates.size() - 1),
                            symmetric,
                            perChannel,
                            a.bits(),
                            false,
                            CalibrationMethod.MIN_MAX,
                            samples,
                            RangeFit.MIN_MAX);
            QuantizeResult r =
                    QuantizePass.ptq(settings).apply(model, step.data(), step.progress("quantize"));
            SizeReport size =
                    ModelPacker.write(
                            model, r.encodings(), true, true, step.out().resolve(MODEL_FILE));
            ActivationFile.write(step.out().resolve(ActivationFile.NAME), r.activations());
            meta.put("bits", new LinkedHashMap<>(a.bits()));
            meta.put("predicted_drop", round(a.drop()));
            meta.put("predicted_bytes", a.bytes());
            meta.put("smallest_bytes", fixed);
            meta.put("encodings", describeEncodings(r.encodings()));
            meta.put("kernel_precision_hint", r.kernelPrecision());
            meta.put("file_bytes", size.fileBytes());
            step.save(model);
        }
    }

    /** One width a layer may take: its bytes in the file and its validation-accuracy drop. */
    record Option(int bits, long bytes, double drop) {}

    /**
     * The solver's choice: each layer's width, the predicted file bytes ({@code fixed} plus the
     * chosen options' bytes), the summed drop and the smallest file the options allow.
     */
    record Allocation(Map<String, Integer> bits, long bytes, double drop, long smallest) {}

    /**
     * The exact multiple-choice knapsack: one option per layer, the options' bytes at most {@code
     * capacity}, the summed drop smallest (ties go to more bytes: the wider code is safer). Solved
     * as a 0-1 integer program with ojAlgo.
     *
     * @param table each layer's options
     * @param capacity bytes the layers' options may take together
     * @param budget the budget, for the error message
     * @param fixed bytes outside the options (the file at the smallest widths), so {@code fixed +
     *     capacity == budget} when no correction was made
     * @throws IllegalArgumentException when even the smallest options exceed the capacity
     */
    static Allocation allocate(
            Map<String, List<Option>> table, long capacity, long budget, long fixed) {
        long least = 0;
        long most = 1;
        for (List<Option> options : table.values()) {
            least += options.stream().mapToLong(Option::bytes).min().orElseThrow();
            most += options.stream().mapToLong(o -> Math.abs(o.bytes())).max().orElseThrow();
        }
        if (least > capacity) {
            throw new IllegalArgumentException(
                    "mixed-precision.budgetBytes is "
                            + budget
                            + " B, but the smallest model file these candidates reach is "
                            + (budget - capacity + least)
                            + " B (every layer at its smallest width); raise budgetBytes to at"
                            + " least that");
        }
        ExpressionsBasedModel ilp = new ExpressionsBasedModel();
        Expression size = ilp.addExpression("bytes").upper(capacity);
        Map<String, List<Variable>> chosen = new LinkedHashMap<>();
        for (Map.Entry<String, List<Option>> e : table.entrySet()) {
            Expression one = ilp.addExpression("one " + e.getKey()).level(1);
            List<Variable> vars = new ArrayList<>();
            for (Option o : e.getValue()) {
                // the drop, then a tie-break far below any measurable drop: more bytes (at an equal
                // measured drop, the wider code is the safer one on unseen data)
                Variable x =
                        ilp.addVariable(e.getKey() + "@" + o.bits())
                                .binary()
                                .weight(o.drop() - 1e-9 * o.bytes() / most);
                one.set(x, 1);
                size.set(x, o.bytes());
                vars.add(x);
            }
            chosen.put(e.getKey(), vars);
        }
        Optimisation.Result result = ilp.minimise();
        if (!result.getState().isOptimal()) {
            throw new IllegalStateException(
                    "mixed-precision: the integer program was not solved to optimality ("
                            + result.getState()
                            + ")");
        }
        Map<String, Integer> bits = new LinkedHashMap<>();
        long bytes = fixed;
        double drop = 0;
        for (Map.Entry<String, List<Option>> e : table.entrySet()) {
            List<Variable> vars = chosen.get(e.getKey());
            int pick = -1;
            for (int i = 0; i < vars.size(); i++) {
                BigDecimal v = vars.get(i).getValue();
                if (v != null && v.doubleValue() > 0.5) {
                    pick = i;
                }
            }
            if (pick < 0) {
                throw new IllegalStateException(
                        "mixed-precision: no width chosen for " + e.getKey());
            }
            Option o = e.getValue().get(pick);
            bits.put(e.getKey(), o.bits());
            bytes += o.bytes();
            drop += o.drop();
        }
        if (bytes - fixed > capacity) {
            throw new IllegalStateException(
                    "mixed-precision: the solver's choice takes "
                            + (bytes - fixed)
                            + " B of "
                            + capacity);
        }
        // budget - capacity is the fixed bytes plus any overshoot correction
        return new Allocation(bits, bytes, drop, budget - capacity + least);
    }

    /**
     * Each layer's options: its accuracy drop on {@code probe} when only it is quantized at a width
     * (every other layer fp32; the model is restored after each probe), and the bytes the whole
     * file gains when only it moves from the smallest width to that width.
     */
    static Map<String, List<Option>> table(
            FrontierModel model,
            List<Integer> candidates,
            boolean symmetric,
            boolean perChannel,
            ImageSet probe,
            float mean,
            float std) {
        LayerMap layers = LayerMap.of(model.block());
        Evaluator evaluator = new Evaluator(256);
        double baseline = evaluator.evaluate(model, probe, mean, std).accuracy().value();
        int smallest = candidates.get(0);
        Map<String, TensorEncoding> low = uniform(model, smallest, symmetric, perChannel);
        long base = fileBytes(model, low);
        Map<String, List<Option>> table = new LinkedHashMap<>();
        for (String layer : layers.names()) {
            var weight = layers.get(layer).weight().getArray();
            float[] original = weight.toFloatArray();
            List<Option> options = new ArrayList<>();
            for (int b : candidates) {
                WeightQuantizer.apply(
                        model,
                        new QuantSettings(
                                32,
                                symmetric,
                                perChannel,
                                Map.of(layer, b),
                                false,
                                CalibrationMethod.MIN_MAX,
                                1));
                double acc = evaluator.evaluate(model, probe, mean, std).accuracy().value();
                weight.set(FloatBuffer.wrap(original));
                Map<String, TensorEncoding> enc = new LinkedHashMap<>(low);
                enc.put(layer, encoding(b, symmetric, perChannel));
                long bytes = b == smallest ? 0 : fileBytes(model, enc) - base;
                options.add(new Option(b, bytes, baseline - acc));
            }
            table.put(layer, options);
        }
        return table;
    }

    private static TensorEncoding encoding(int bits, boolean symmetric, boolean perChannel) {
        return TensorEncoding.ofBits(bits, symmetric, perChannel, RangeFit.MIN_MAX);
    }

    private static Map<String, TensorEncoding> uniform(
            FrontierModel model, int bits, boolean symmetric, boolean perChannel) {
        Map<String, TensorEncoding> enc = new LinkedHashMap<>();
        for (String l : LayerMap.of(model.block()).names()) {
            enc.put(l, encoding(bits, symmetric, perChannel));
        }
        return enc;
    }

    private static Map<String, TensorEncoding> encodings(
            Map<String, Integer> bits, boolean symmetric, boolean perChannel) {
        Map<String, TensorEncoding> enc = new LinkedHashMap<>();
        bits.forEach((l, b) -> enc.put(l, encoding(b, symmetric, perChannel)));
        return enc;
    }

    /** The bytes of the model file {@code model} would be written as with {@code encodings}. */
    static long fileBytes(FrontierModel model, Map<String, TensorEncoding> encodings) {
        return ModelFileWriter.sizeOf(ModelPacker.toModelFile(model, encodings, true, true))
                .fileBytes();
    }

    private static Map<String, Object> describe(Map<String, List<Option>> table) {
        Map<String, Object> d = new LinkedHashMap<>();
        table.forEach(
                (layer, options) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (Option o : options) {
                        row.put(
                                o.bits() + "-bit",
                                String.format(
                                        java.util.Locale.ROOT,
                                        "drop %s, %+d B",
                                        round(o.drop()),
                                        o.bytes()));
                    }
                    d.put(layer, row);
                });
        return d;
    }

    private static Map<String, String> describeEncodings(Map<String, TensorEncoding> enc) {
        Map<String, String> d = new LinkedHashMap<>();
        enc.forEach((k, v) -> d.put(k, v.describe()));
        return d;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
