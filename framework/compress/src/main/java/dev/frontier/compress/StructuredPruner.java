package dev.frontier.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import dev.frontier.limits.Limits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Structured pruning: removes whole conv filters / linear units ranked by the L1 or L2 norm of
 * their weights (or the |scale| of the BatchNorm that follows), and builds a physically smaller
 * dense model. Nothing is known by model name: channels are traced by probing the model's provider
 * — each of its declared widths ({@link dev.frontier.model.ModelProvider#baseWidths()}) is grown by
 * one and the layers whose output (a <em>group</em>) or input changes are recorded. A group shrinks
 * as one: a conv, its BatchNorm and the next conv's input channels; in a residual network every
 * layer adding into the same sum. The smaller model computes exactly what the original computes
 * with those units zeroed. A layer that cannot be sliced (a width it depends on reaches a layer
 * other than conv, linear or BatchNorm, or two widths meet in one input) is named in the error.
 */
public final class StructuredPruner {
    /** How filters are ranked. */
    public enum Norm {
        L1,
        L2,
        BN
    }

    /**
     * Which units each pruned layer keeps (sorted indices), by layer name; layers of one group keep
     * the same.
     */
    public record Plan(Map<String, int[]> keep) {
        public Plan {
            keep = Map.copyOf(keep);
        }
    }

    private final Norm norm;
    private final List<String> excluded;

    /** A pruner ranking by {@code norm}, leaving the named layers whole. */
    public StructuredPruner(Norm norm, List<String> excluded) {
        this.norm = norm;
        this.excluded = List.copyOf(excluded);
    }

    /**
     * The layers structured pruning can shrink in this model, mapped to the index of the width
     * (group) that sets their output size; layers of a residual sum share one index.
     */
    public static Map<String, Integer> prunable(FrontierModel model) {
        Trace t = Trace.of(model);
        LayerMap layers = LayerMap.of(model.block());
        Map<String, Integer> m = new LinkedHashMap<>();
        for (LayerMap.Layer l : layers.layers()) {
            int j = t.leaves.indexOf(l.block());
            if (t.out[j] >= 0) {
                m.put(l.name(), t.out[j]);
            }
        }
        return m;
    }

    /**
     * Ranks units and decides what each prunable, non-excluded group keeps at {@code ratio} in [0,
     * 1).
     */
    public Plan plan(FrontierModel model, double ratio) {
        Limits.PRUNE_RATIO.check(ratio, "structured pruning ratio");
        if (!model.spec().ranks().isEmpty()) {
            throw new IllegalArgumentException(
                    "structured pruning of a model with factored layers "
                            + model.spec().ranks().keySet()
                            + " is not supported: prune (structured) before lowrank");
        }
        LayerMap layers = LayerMap.of(model.block());
        for (String ex : excluded) {
            layers.get(ex);
        }
        Map<String, Integer> prunable = prunable(model);
        if (prunable.isEmpty()) {
            String first =
                    layers.layers().stream()
                            .map(LayerMap.Layer::name)
                            .filter(n -> !excluded.contains(n))
                            .findFirst()
                            .orElse(layers.names().get(0));
            throw new IllegalArgumentException(
                    "structured pruning cannot shrink layer "
                            + first
                            + " of model "
                            + model.spec().name()
                            + ": the model declares no widths to shrink (ModelProvider.baseWidths); "
                            + "use unstructured pruning");
        }
        Map<Integer, List<String>> groups = new TreeMap<>();
        prunable.forEach((name, g) -> groups.computeIfAbsent(g, k -> new ArrayList<>()).add(name));
        Map<String, int[]> keep = new LinkedHashMap<>();
        for (List<String> members : groups.values()) {
            if (members.stream().anyMatch(excluded::contains)) {
                continue;
            }
            double[] scores = null;
            for (String name : members) {
                double[] s = scores(model, layers, name);
                if (scores == null) {
                    scores = s;
                } else {
                    for (int i = 0; i < s.length; i++) {
                        scores[i] += s[i];
                    }
                }
            }
            double[] sc = scores;
            int n = sc.length;
            int kept = (int) Math.round((1 - ratio) * n);
            if (kept < 1) {
                throw new IllegalArgumentException(
                        String.format(
                                Locale.ROOT,
                                "structured pruning at ratio %.3f would remove all %d units of layer %s; lower the ratio",
                                ratio,
                                n,
                                String.join(", ", members)));
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(
                    order,
                    (a, b) ->
                            sc[a] != sc[b] ? Double.compare(sc[b], sc[a]) : Integer.compare(a, b));
            int[] k = new int[kept];
            for (int i = 0; i < kept; i++) {
                k[i] = order[i];
            }
            Arrays.sort(k);
            for (String name : members) {
                keep.put(name, k);
            }
        }
        return new Plan(keep);
    }

    private double[] scores(FrontierModel model, LayerMap layers, String name) {
        if (norm == Norm.BN) {
            BatchNorm bn = batchNormAfter(model.block(), layers.get(name).block());
            if (bn == null) {
                throw new IllegalArgumentException(
                        "norm 'bn' needs a BatchNorm after layer "
                                + name
                                + " (model "
                                + model.spec().name()
                                + " has none); use l1 or l2");
            }
            float[] gamma = param(bn, Parameter.Type.GAMMA).getArray().toFloatArray();
            double[] s = new double[gamma.length];
            for (int i = 0; i < gamma.length; i++) {
                s[i] = Math.abs(gamma[i]);
            }
            return s;
        }
        NDArray w = layers.get(name).weight().getArray();
        int rows = (int) w.getShape().get(0);
        int per = (int) (w.size() / rows);
        float[] v = w.toFloatArray();
        double[] s = new double[rows];
        for (int r = 0; r < rows; r++) {
            double acc = 0;
            for (int j = 0; j < per; j++) {
                float x = v[r * per + j];
                acc += norm == Norm.L1 ? Math.abs(x) : x * x;
            }
            s[r] = norm == Norm.L1 ? acc : Math.sqrt(acc);
        }
        return s;
    }

    /**
     * Builds the smaller model: a new {@link FrontierModel} on the same device; the original is
     * untouched.
     */
    public FrontierModel apply(FrontierModel model, Plan plan) {
        Trace t = Trace.of(model);
        Map<Block, String> names = new IdentityHashMap<>();
        for (LayerMap.Layer l : LayerMap.of(model.block()).layers()) {
            names.put(l.block(), l.name());
        }
        Map<Integer, int[]> groupKeep = new LinkedHashMap<>();
        for (int j = 0; j < t.leaves.size(); j++) {
            String name = names.get(t.leaves.get(j));
            int[] k = name == null ? null : plan.keep().get(name);
            if (k != null) {
                if (t.out[j] < 0) {
                    throw new IllegalArgumentException(
                            "structured pruning cannot shrink layer "
                                    + name
                                    + ": its output size is not one of the model's widths");
                }
                groupKeep.put(t.out[j], k);
            }
        }
        List<Integer> hidden = new ArrayList<>(model.spec().effectiveHidden());
        groupKeep.forEach((g, k) -> hidden.set(g, k.length));
        for (int j = 0; j < t.leaves.size(); j++) {
            t.checkSliceable(j, groupKeep.keySet(), names);
        }
        ModelSpec smaller = model.spec().withHidden(hidden);
        FrontierModel out = FrontierModel.create(smaller, model.device(), 0);
        try {
            List<Block> dst = Trace.leaves(out.block());
            for (int j = 0; j < t.leaves.size(); j++) {
                Block s = t.leaves.get(j);
                Block d = dst.get(j);
                int[] rows = t.out[j] >= 0 ? groupKeep.get(t.out[j]) : null;
                int[] cols = t.in[j] >= 0 ? groupKeep.get(t.in[j]) : null;
                var sp = s.getDirectParameters();
                var dp = d.getDirectParameters();
                for (int p = 0; p < sp.size(); p++) {
                    Parameter src = sp.get(p).getValue();
                    boolean weight = src.getType() == Parameter.Type.WEIGHT;
                    copy(
                            src,
                            dp.get(p).getValue(),
                            rows,
                            weight ? cols : null,
                            weight ? t.spatial[j] : 1);
                }
            }
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /**
     * Which width (group) sets each parameterized leaf's output and input size, found by growing
     * each of the provider's widths by one in a throw-away copy of the model.
     */
    private static final class Trace {
        final List<Block> leaves;
        final int[] out;
        final int[] in;
        final int[] spatial;

        /**
         * Per leaf, the widths that change it in a way slicing rows/columns does not cover; empty
         * when none.
         */
        final List<java.util.Set<Integer>> other;

        private Trace(List<Block> leaves) {
            this.leaves = leaves;
            int n = leaves.size();
            out = new int[n];
            in = new int[n];
            spatial = new int[n];
            Arrays.fill(out, -1);
            Arrays.fill(in, -1);
            Arrays.fill(spatial, 1);
            other = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                other.add(new java.util.TreeSet<>());
            }
        }

        static Trace of(FrontierModel model) {
            List<Block> leaves = leaves(model.block());
            Trace t = new Trace(leaves);
            List<List<long[]>> base = shapes(leaves);
            List<Integer> widths = model.spec().effectiveHidden();
            for (int g = 0; g < widths.size(); g++) {
                List<Integer> grown = new ArrayList<>(widths);
                grown.set(g, widths.get(g) + 1);
                ModelSpec probe = model.spec().withHidden(grown);
                List<List<long[]>> changed;
                try (FrontierModel m = FrontierModel.create(probe, ai.djl.Device.cpu(), 0)) {
                    List<Block> pl = leaves(m.block());
                    if (pl.size() != leaves.size()) {
                        throw new IllegalArgumentException(
                                "structured pruning cannot trace model "
                                        + model.spec().name()
                                        + ": changing width #"
                                        + g
                                        + " changes its number of layers");
                    }
                    changed = shapes(pl);
                }
                for (int j = 0; j < leaves.size(); j++) {
                    t.record(j, g, base.get(j), changed.get(j));
                }
            }
            return t;
        }

        private void record(int j, int g, List<long[]> a, List<long[]> b) {
            Block blk = leaves.get(j);
            boolean sliceable =
                    blk instanceof Convolution || blk instanceof Linear || blk instanceof BatchNorm;
            for (int p = 0; p < a.size(); p++) {
                long[] x = a.get(p);
                long[] y = b.get(p);
                if (Arrays.equals(x, y)) {
                    continue;
                }
                if (!sliceable || x.length != y.length) {
                    other.get(j).add(g);
                    continue;
                }
                if (x[0] != y[0]) {
                    if (y[0] - x[0] != 1 || (out[j] >= 0 && out[j] != g)) {
                        other.get(j).add(g);
                    } else {
                        out[j] = g;
                    }
                }
                if (x.length > 1 && x[1] != y[1] && !(blk instanceof BatchNorm)) {
                    boolean grouped = blk instanceof Convolution c && c.getGroups() != 1;
                    if (grouped || (in[j] >= 0 && in[j] != g)) {
                        other.get(j).add(g);
                    } else {
                        in[j] = g;
                        spatial[j] = (int) (y[1] - x[1]);
                    }
                }
            }
        }

        void checkSliceable(int j, java.util.Set<Integer> pruned, Map<Block, String> names) {
            for (int g : other.get(j)) {
                if (pruned.contains(g)) {
                    Block b = leaves.get(j);
                    String name =
                            names.getOrDefault(b, b.getClass().getSimpleName() + " #" + (j + 1));
                    throw new IllegalArgumentException(
                            "structured pruning cannot shrink layer "
                                    + name
                                    + " ("
                                    + b.getClass().getSimpleName()
                                    + "): width #"
                                    + g
                                    + " reaches it in a way rows and columns "
                                    + "cannot be sliced (only conv, linear and BatchNorm layers fed by one width are); exclude the "
                                    + "layers of that width");
                }
            }
        }

        private static List<List<long[]>> shapes(List<Block> leaves) {
            List<List<long[]>> out = new ArrayList<>();
            for (Block b : leaves) {
                List<long[]> s = new ArrayList<>();
                for (Pair<String, Parameter> p : b.getDirectParameters()) {
                    s.add(p.getValue().getArray().getShape().getShape());
                }
                out.add(s);
            }
            return out;
        }

        /** Blocks with parameters of their own, in forward order. */
        static List<Block> leaves(Block root) {
            List<Block> out = new ArrayList<>();
            collectLeaves(root, out);
            return out;
        }

        private static void collectLeaves(Block b, List<Block> out) {
            if (!b.getDirectParameters().isEmpty()) {
                out.add(b);
            }
            for (Pair<String, Block> c : b.getChildren()) {
                collectLeaves(c.getValue(), out);
            }
        }
    }

    /**
     * Zeroes, in place, the units the plan drops (weights, bias and the following BatchNorm's scale
     * and shift): the masked equivalent of {@link #apply}, used to check that both compute the
     * same.
     */
    public static void zeroPruned(FrontierModel model, Plan plan) {
        LayerMap layers = LayerMap.of(model.block());
        for (Map.Entry<String, int[]> e : plan.keep().entrySet()) {
            LayerMap.Layer l = layers.get(e.getKey());
            int rows = (int) l.weight().getArray().getShape().get(0);
            float[] mask = new float[rows];
            for (int k : e.getValue()) {
                mask[k] = 1f;
            }
            NDArray m = l.weight().getArray().getManager().create(mask);
            Shape ws = l.weight().getArray().getShape();
            long[] bshape = new long[ws.dimension()];
            Arrays.fill(bshape, 1);
            bshape[0] = rows;
            l.weight().getArray().muli(m.reshape(new Shape(bshape)));
            l.bias().ifPresent(b -> b.getArray().muli(m));
            BatchNorm bn = batchNormAfter(model.block(), l.block());
            if (bn != null) {
                param(bn, Parameter.Type.GAMMA).getArray().muli(m);
                param(bn, Parameter.Type.BETA).getArray().muli(m);
            }
        }
    }

    /**
     * Copies rows/columns of src into dst: rows by {@code rows} (null = all), axis-1 by {@code
     * cols} expanded by {@code spatial}.
     */
    private static void copy(Parameter src, Parameter dst, int[] rows, int[] cols, int spatial) {
        NDArray s = src.getArray();
        long[] shape = s.getShape().getShape();
        float[] v = s.toFloatArray();
        int r0 = (int) shape[0];
        int c0 = shape.length > 1 ? (int) shape[1] : 1;
        int inner = (int) (s.size() / ((long) r0 * c0));
        int[] rIdx = rows != null ? rows : range(r0);
        int[] cIdx;
        if (cols == null || shape.length == 1) {
            cIdx = range(c0);
        } else {
            cIdx = new int[cols.length * spatial];
            for (int k = 0; k < cols.length; k++) {
                for (int sp = 0; sp < spatial; sp++) {
                    cIdx[k * spatial + sp] = cols[k] * spatial + sp;
                }
            }
        }
        float[] out = new float[rIdx.length * cIdx.length * inner];
        int p = 0;
        for (int r : rIdx) {
            for (int c : cIdx) {
                System.arraycopy(v, (r * c0 + c) * inner, out, p, inner);
                p += inner;
            }
        }
        NDArray d = dst.getArray();
        if (d.size() != out.length) {
            throw new IllegalStateException(
                    "slice of "
                            + src.getName()
                            + " has "
                            + out.length
                            + " values, target "
                            + d.getShape());
        }
        d.set(java.nio.FloatBuffer.wrap(out));
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    /** Conv2d, Linear and BatchNorm blocks in forward order. */
    static List<Block> weightBlocks(Block root) {
        List<Block> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Block b, List<Block> out) {
        if (b instanceof Convolution || b instanceof Linear || b instanceof BatchNorm) {
            out.add(b);
            return;
        }
        for (Pair<String, Block> c : b.getChildren()) {
            collect(c.getValue(), out);
        }
    }

    private static BatchNorm batchNormAfter(Block root, Block layer) {
        List<Block> blocks = weightBlocks(root);
        int i = blocks.indexOf(layer);
        return i >= 0 && i + 1 < blocks.size() && blocks.get(i + 1) instanceof BatchNorm
                ? (BatchNorm) blocks.get(i + 1)
                : null;
    }

    private static Parameter param(Block b, Parameter.Type t) {
        Parameter p = paramOrNull(b, t);
        if (p == null) {
            throw new IllegalStateException(
                    b.getClass().getSimpleName() + " has no " + t + " parameter");
        }
        return p;
    }

    private static Parameter paramOrNull(Block b, Parameter.Type t) {
        for (Pair<String, Parameter> p : b.getDirectParameters()) {
            if (p.getValue().getType() == t) {
                return p.getValue();
            }
        }
        return null;
    }
}
