package dev.frontier.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import dev.frontier.limits.Limits;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Structured pruning: removes whole conv filters / linear units ranked by the L1 or L2 norm of their
 * weights (or the |scale| of the BatchNorm that follows), and builds a physically smaller dense model:
 * the pruned layer's rows, its bias and BatchNorm entries, and the next layer's input channels are sliced.
 * The smaller model computes exactly what the original computes with those units zeroed.
 */
public final class StructuredPruner {
    /** How filters are ranked. */
    public enum Norm { L1, L2, BN }

    /** Which units each prunable layer keeps (sorted indices), by layer name. */
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

    /** The layers structured pruning can shrink in this architecture, mapped to their hidden-width index. */
    public static Map<String, Integer> prunable(ModelSpec spec) {
        Map<String, Integer> m = new LinkedHashMap<>();
        switch (spec.name()) {
            case "mlp":
                m.put("fc1", 0);
                m.put("fc2", 1);
                break;
            case "lenet5":
                m.put("conv1", 0);
                m.put("conv2", 1);
                m.put("fc1", 2);
                m.put("fc2", 3);
                break;
            case "cnn":
                for (int i = 1; i <= 4; i++) {
                    m.put("conv" + i, i - 1);
                }
                m.put("fc1", 4);
                break;
            case "resnet8":
                // only the inner conv of each residual block: its output feeds nothing but the block's second conv
                m.put("conv2", 1);
                m.put("conv4", 2);
                m.put("conv7", 4);
                break;
            default:
                throw new IllegalArgumentException("structured pruning does not know model " + spec.name());
        }
        return m;
    }

    /** Ranks units and decides what each prunable, non-excluded layer keeps at {@code ratio} in [0, 1). */
    public Plan plan(FrontierModel model, double ratio) {
        Limits.PRUNE_RATIO.check(ratio, "structured pruning ratio");
        LayerMap layers = LayerMap.of(model.block());
        Map<String, Integer> prunable = prunable(model.spec());
        for (String ex : excluded) {
            layers.get(ex);
        }
        Map<String, int[]> keep = new LinkedHashMap<>();
        for (String name : prunable.keySet()) {
            if (excluded.contains(name)) {
                continue;
            }
            double[] scores = scores(model, layers, name);
            int n = scores.length;
            int kept = (int) Math.round((1 - ratio) * n);
            if (kept < 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "structured pruning at ratio %.3f would remove all %d units of layer %s; lower the ratio", ratio, n,
                        name));
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a]) : Integer.compare(a, b));
            int[] k = new int[kept];
            for (int i = 0; i < kept; i++) {
                k[i] = order[i];
            }
            Arrays.sort(k);
            keep.put(name, k);
        }
        return new Plan(keep);
    }

    private double[] scores(FrontierModel model, LayerMap layers, String name) {
        if (norm == Norm.BN) {
            BatchNorm bn = batchNormAfter(model.block(), layers.get(name).block());
            if (bn == null) {
                throw new IllegalArgumentException("norm 'bn' needs a BatchNorm after layer " + name + " (model "
                        + model.spec().name() + " has none); use l1 or l2");
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

    /** Builds the smaller model: a new {@link FrontierModel} on the same device; the original is untouched. */
    public FrontierModel apply(FrontierModel model, Plan plan) {
        Map<String, Integer> prunable = prunable(model.spec());
        List<Integer> hidden = new ArrayList<>(model.spec().effectiveHidden());
        for (Map.Entry<String, int[]> e : plan.keep().entrySet()) {
            hidden.set(prunable.get(e.getKey()), e.getValue().length);
        }
        ModelSpec smaller = model.spec().withHidden(hidden);
        FrontierModel out = FrontierModel.create(smaller, model.device(), 0);
        List<Block> src = weightBlocks(model.block());
        List<Block> dst = weightBlocks(out.block());
        LayerMap srcLayers = LayerMap.of(model.block());
        Map<Block, String> names = new LinkedHashMap<>();
        for (LayerMap.Layer l : srcLayers.layers()) {
            names.put(l.block(), l.name());
        }
        int[] lastKeep = null; // rows kept by the most recent conv/linear, null = all
        for (int i = 0; i < src.size(); i++) {
            Block s = src.get(i);
            Block d = dst.get(i);
            if (s instanceof BatchNorm) {
                for (Parameter.Type t : List.of(Parameter.Type.GAMMA, Parameter.Type.BETA, Parameter.Type.RUNNING_MEAN,
                        Parameter.Type.RUNNING_VAR)) {
                    copy(param(s, t), param(d, t), lastKeep, null, 1);
                }
                continue;
            }
            int[] inKeep = lastKeep;
            int[] rowKeep = plan.keep().get(names.get(s));
            NDArray sw = param(s, Parameter.Type.WEIGHT).getArray();
            int spatial = 1;
            if (s instanceof Linear && inKeep != null && i > 0) {
                // a linear layer after a flattened conv: each input channel spans `spatial` columns
                int inFeatures = (int) sw.getShape().get(1);
                int channels = previousWidth(src, i, names, model);
                spatial = inFeatures / channels;
            }
            copy(param(s, Parameter.Type.WEIGHT), param(d, Parameter.Type.WEIGHT), rowKeep, inKeep, spatial);
            Parameter sb = paramOrNull(s, Parameter.Type.BIAS);
            if (sb != null) {
                copy(sb, param(d, Parameter.Type.BIAS), rowKeep, null, 1);
            }
            lastKeep = rowKeep;
        }
        return out;
    }

    /**
     * Zeroes, in place, the units the plan drops (weights, bias and the following BatchNorm's scale and
     * shift): the masked equivalent of {@link #apply}, used to check that both compute the same.
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

    private static int previousWidth(List<Block> src, int i, Map<Block, String> names, FrontierModel model) {
        for (int j = i - 1; j >= 0; j--) {
            if (!(src.get(j) instanceof BatchNorm)) {
                return (int) param(src.get(j), Parameter.Type.WEIGHT).getArray().getShape().get(0);
            }
        }
        throw new IllegalStateException("no layer before " + names.get(src.get(i)) + " in " + model.spec().name());
    }

    /** Copies rows/columns of src into dst: rows by {@code rows} (null = all), axis-1 by {@code cols} expanded by {@code spatial}. */
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
            throw new IllegalStateException("slice of " + src.getName() + " has " + out.length + " values, target "
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
        if (b instanceof Conv2d || b instanceof Linear || b instanceof BatchNorm) {
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
        return i >= 0 && i + 1 < blocks.size() && blocks.get(i + 1) instanceof BatchNorm ? (BatchNorm) blocks.get(i + 1) : null;
    }

    private static Parameter param(Block b, Parameter.Type t) {
        Parameter p = paramOrNull(b, t);
        if (p == null) {
            throw new IllegalStateException(b.getClass().getSimpleName() + " has no " + t + " parameter");
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
