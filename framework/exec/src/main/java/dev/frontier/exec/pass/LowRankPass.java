package dev.frontier.exec.pass;

import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.util.Pair;
import dev.frontier.compress.LayerMap;
import dev.frontier.exec.stage.PassStep;
import dev.frontier.exec.stage.StepContext;
import dev.frontier.limits.Interval;
import dev.frontier.limits.Limits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.LowRankLayer;
import dev.frontier.spec.GenericPass;
import dev.frontier.spec.ParamDecl;
import dev.frontier.spec.Pass;
import dev.frontier.spec.PassProvider;
import dev.frontier.spec.PassType;
import dev.frontier.train.TrainConfig;
import dev.frontier.train.TrainingHooks;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The {@code lowrank} pass, declared and run by one class as a third-party pass would be: each
 * linear layer's weights {@code W} (out x in) are replaced by a truncated SVD {@code B A} with
 * {@code A = sqrt(S_r) V_r^T} (r x in) and {@code B = U_r sqrt(S_r)} (out x r, keeping the bias),
 * so the layer becomes two ({@link LowRankLayer}: {@code fcN.a}, {@code fcN.b}) and the model
 * really has fewer parameters; then the model is fine-tuned. A layer is factored only when {@code r
 * (in + out) < in out}. Convolutions are left dense.
 */
public final class LowRankPass implements PassProvider, PassStep {

    /** The pass's type: {@code lowrank}, its parameters and their limits. */
    public static final PassType TYPE =
            PassType.of(
                            "lowrank",
                            PassType.Role.TRANSFORM,
                            "factors linear layers by truncated SVD into two smaller ones, then"
                                    + " fine-tunes",
                            List.of(
                                    ParamDecl.decimal(
                                            "rank",
                                            0.5,
                                            Interval.openClosed(0, 1),
                                            "a fraction",
                                            "kept rank as a fraction of each layer's full rank"
                                                    + " min(in, out), in (0, 1]"),
                                    ParamDecl.decimal(
                                                    "energy",
                                                    0.0,
                                                    Interval.closedOpen(0, 1),
                                                    "a fraction",
                                                    "when > 0, replaces rank: the smallest rank"
                                                            + " whose singular values hold this"
                                                            + " fraction of the squared spectrum,"
                                                            + " in [0, 1)")
                                            .expecting("a fraction in [0, 1) (0 = use rank)"),
                                    ParamDecl.integer(
                                            "finetuneEpochs",
                                            1,
                                            Limits.OPTIONAL_EPOCHS,
                                            "a count",
                                            "fine-tuning epochs after factoring"),
                                    ParamDecl.decimal(
                                            "finetuneLr",
                                            0.0,
                                            Limits.OPTIONAL_LEARNING_RATE,
                                            "a learning rate",
                                            "learning rate of the fine-tuning > 0; 0 (default)"
                                                    + " keeps the training's"),
                                    ParamDecl.bool(
                                            "convolutions",
                                            false,
                                            "also factor convolutions (channel decomposition:"
                                                    + " r filters of the kernel, then 1x1)"),
                                    ParamDecl.strings(
                                            "exclude",
                                            "layers left dense (default: the classifier and the"
                                                    + " first convolution, as pruning)")))
                    .withEpochs("finetuneEpochs");

    /** For {@link java.util.ServiceLoader} (both as provider and as step). */
    public LowRankPass() {}

    @Override
    public List<PassType> passes() {
        return List.of(TYPE);
    }

    @Override
    public List<String> runs() {
        return List.of(TYPE.name());
    }

    @Override
    public void run(Pass pass, StepContext step) throws IOException {
        GenericPass p = (GenericPass) pass;
        double rank = ((Number) p.value("rank")).doubleValue();
        double energy = ((Number) p.value("energy")).doubleValue();
        int epochs = ((Number) p.value("finetuneEpochs")).intValue();
        List<String> exclude = p.value("exclude");
        boolean convolutions = p.value("convolutions");
        TrainConfig cfg =
                step.withLr(
                        step.training().withEpochs(epochs),
                        ((Number) p.value("finetuneLr")).doubleValue());
        Map<String, Object> meta = step.meta();
        try (FrontierModel input = step.loadInput()) {
            Plan plan = plan(input, rank, energy, convolutions, exclude);
            meta.putAll(plan.describe());
            try (FrontierModel factored = apply(input, plan)) {
                meta.put("params_before", input.parameterCount());
                meta.put("params_after", factored.parameterCount());
                meta.put("model", factored.spec().canonical());
                if (epochs > 0) {
                    meta.put("lr", cfg.lr());
                    step.train(cfg, TrainingHooks.standard(), factored);
                }
                step.save(factored);
            }
        }
    }

    /** The truncated SVD of one layer at its chosen rank. */
    record Factors(int out, int in, int rank, float[] a, float[] b, double[] singularValues) {

        /** Fraction of the squared spectrum the kept singular values hold. */
        double energyKept() {
            return energy(singularValues, rank);
        }

        /**
         * Parameters of the weights before (in x out) and after (r (in + out)); a convolution's
         * {@code in} is its input channels times its kernel size.
         */
        long weightsBefore() {
            return (long) in * out;
        }

        long weightsAfter() {
            return (long) rank * (in + out);
        }
    }

    /** What the pass does to a model: the factors of each factored layer, why others stay. */
    record Plan(Map<String, Factors> factors, Map<String, String> skipped) {
        Map<String, Object> describe() {
            Map<String, Object> ranks = new LinkedHashMap<>();
            Map<String, Object> kept = new LinkedHashMap<>();
            factors.forEach(
                    (k, f) -> {
                        ranks.put(k, f.rank() + " of " + Math.min(f.in(), f.out()));
                        kept.put(k, Math.round(f.energyKept() * 1e6) / 1e6);
                    });
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("factored", ranks);
            m.put("energy_kept", kept);
            m.put("skipped", new LinkedHashMap<>(skipped));
            return m;
        }
    }

    /**
     * Decides each layer's rank: {@code energy} &gt; 0 picks the smallest rank holding that
     * fraction of the squared spectrum, else {@code rank} times the full rank (at least 1). A layer
     * whose factors would not save parameters, a convolution (unless {@code convolutions}; grouped
     * ones never), an excluded or already factored layer is listed in {@link Plan#skipped()} with
     * the reason. With no {@code exclude}, the classifier and the first convolution stay dense.
     */
    static Plan plan(
            FrontierModel model,
            double rank,
            double energy,
            boolean convolutions,
            List<String> exclude) {
        LayerMap layers = LayerMap.of(model.block());
        List<String> excluded = new ArrayList<>(exclude);
        if (excluded.isEmpty()) {
            layers.defaultExcluded().forEach(n -> excluded.add(n.replaceAll("\\.[ab]$", "")));
        }
        for (String ex : exclude) {
            if (!layers.names().contains(ex) && !model.spec().ranks().containsKey(ex)) {
                throw new IllegalArgumentException(
                        "lowrank.exclude names layer '"
                                + ex
                                + "', which model "
                                + model.spec().name()
                                + " does not have; its layers are "
                                + layers.names());
            }
        }
        Map<String, Factors> factors = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (LayerMap.Layer l : layers.layers()) {
            String name = l.name();
            boolean conv = l.kind() == LayerMap.Kind.CONV;
            if (conv && !convolutions) {
                skipped.put(name, "convolution (convolutions: false)");
            } else if (conv && ((Convolution) l.block()).getGroups() != 1) {
                skipped.put(name, "grouped convolution");
            } else if (name.contains(".")) {
                skipped.put(name, "already factored");
            } else if (excluded.contains(name)) {
                skipped.put(name, "excluded");
            } else {
                long[] shape = l.weight().getArray().getShape().getShape();
                int out = Math.toIntExact(shape[0]);
                // a convolution's weights as out x (in kh kw), the order they are stored in
                int in = Math.toIntExact(l.weight().getArray().size() / out);
                Svd svd = new Svd(l.weight().getArray().toFloatArray(), out, in);
                int r = chooseRank(svd.singularValues(), rank, energy);
                if ((long) r * (in + out) >= (long) in * out) {
                    skipped.put(
                            name,
                            String.format(
                                    "rank %d of %d saves nothing: %d x (%d + %d) >= %d x %d",
                                    r, Math.min(in, out), r, in, out, in, out));
                } else {
                    factors.put(name, svd.truncate(r));
                }
            }
        }
        return new Plan(factors, skipped);
    }

    /** The rank kept of a spectrum (descending singular values). */
    static int chooseRank(double[] singularValues, double rank, double energy) {
        int full = singularValues.length;
        if (energy > 0) {
            for (int r = 1; r <= full; r++) {
                if (energy(singularValues, r) >= energy) {
                    return r;
                }
            }
            return full;
        }
        return Math.max(1, Math.min(full, (int) Math.round(rank * full)));
    }

    /** Fraction of the squared spectrum held by the first {@code r} singular values. */
    static double energy(double[] singularValues, int r) {
        double kept = 0;
        double total = 0;
        for (int i = 0; i < singularValues.length; i++) {
            double s2 = singularValues[i] * singularValues[i];
            total += s2;
            if (i < r) {
                kept += s2;
            }
        }
        return total == 0 ? 1 : kept / total;
    }

    /** A weight matrix's singular value decomposition (commons-math3). */
    static final class Svd {
        private final int out;
        private final int in;
        private final SingularValueDecomposition svd;

        /**
         * @param w row-major out x in weights
         */
        Svd(float[] w, int out, int in) {
            if (w.length != (long) out * in) {
                throw new IllegalArgumentException(
                        w.length + " weights are not " + out + " x " + in);
            }
            double[][] m = new double[out][in];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    m[o][i] = w[o * in + i];
                }
            }
            this.out = out;
            this.in = in;
            this.svd = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false));
        }

        double[] singularValues() {
            return svd.getSingularValues();
        }

        /** {@code A = sqrt(S_r) V_r^T} (r x in) and {@code B = U_r sqrt(S_r)} (out x r). */
        Factors truncate(int r) {
            double[] s = singularValues();
            RealMatrix u = svd.getU();
            RealMatrix v = svd.getV();
            float[] a = new float[r * in];
            float[] b = new float[out * r];
            for (int k = 0; k < r; k++) {
                double root = Math.sqrt(s[k]);
                for (int i = 0; i < in; i++) {
                    a[k * in + i] = (float) (root * v.getEntry(i, k));
                }
                for (int o = 0; o < out; o++) {
                    b[o * r + k] = (float) (u.getEntry(o, k) * root);
                }
            }
            return new Factors(out, in, r, a, b, s);
        }
    }

    /**
     * A new model (same device) with the planned layers factored and every other parameter (and
     * BatchNorm statistic) copied from {@code input}; the caller closes it.
     */
    static FrontierModel apply(FrontierModel input, Plan plan) {
        Map<String, Integer> ranks = new TreeMap<>(input.spec().ranks());
        plan.factors().forEach((k, f) -> ranks.put(k, f.rank()));
        FrontierModel out = FrontierModel.create(input.spec().withRanks(ranks), input.device(), 0);
        try {
            copy(input, out, plan);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /**
     * Copies by position, as {@code ModelCopy} does (values set in place, so the copy stays
     * trainable): a factored layer's {@code A} and {@code B} take the factors instead of the old
     * weight; its bias and everything else are the old values.
     */
    private static void copy(FrontierModel from, FrontierModel to, Plan plan) {
        LayerMap src = LayerMap.of(from.block());
        LayerMap dst = LayerMap.of(to.block());
        Map<Parameter, float[]> firsts = new IdentityHashMap<>();
        Map<Parameter, Parameter> seconds = new IdentityHashMap<>();
        Map<Parameter, float[]> secondValues = new IdentityHashMap<>();
        plan.factors()
                .forEach(
                        (name, f) -> {
                            firsts.put(dst.get(name + ".a").weight(), f.a());
                            Parameter b = dst.get(name + ".b").weight();
                            seconds.put(b, src.get(name).weight());
                            secondValues.put(b, f.b());
                        });
        List<Pair<String, Parameter>> old = from.block().getParameters().stream().toList();
        int cursor = 0;
        for (Pair<String, Parameter> pair : to.block().getParameters()) {
            Parameter p = pair.getValue();
            float[] values;
            if (firsts.containsKey(p)) {
                values = firsts.get(p);
            } else if (seconds.containsKey(p)) {
                if (cursor >= old.size() || old.get(cursor).getValue() != seconds.get(p)) {
                    throw new IllegalStateException(
                            "parameter " + pair.getKey() + " does not replace the factored weight");
                }
                cursor++;
                values = secondValues.get(p);
            } else {
                if (cursor >= old.size()) {
                    throw new IllegalStateException(
                            "factored model has an extra parameter " + pair.getKey());
                }
                var a = old.get(cursor++).getValue().getArray();
                if (!a.getShape().equals(p.getArray().getShape())) {
                    throw new IllegalStateException(
                            "parameter "
                                    + pair.getKey()
                                    + " has shape "
                                    + p.getArray().getShape()
                                    + ", its source "
                                    + a.getShape());
                }
                values = a.toFloatArray();
            }
            p.getArray().set(FloatBuffer.wrap(values));
        }
        if (cursor != old.size()) {
            throw new IllegalStateException(
                    (old.size() - cursor) + " parameters of the input were not copied");
        }
    }
}
