package dev.frontier.exec.measure;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import dev.frontier.model.FrontierModel;
import dev.frontier.model.ModelZoo;
import java.util.ArrayList;
import java.util.List;

/**
 * Analytic multiply-accumulate counts per image: for a convolution out_h * out_w * C_out * (C_in /
 * groups) * k_h * k_w, for a linear layer in * out. Dense counts (what a dense kernel executes) and
 * the count over non-zero weights only (what an ideal sparse kernel would execute).
 */
public record Macs(long dense, long nonZero) {

    /** Counts the model's MACs for one input image. */
    public static Macs of(FrontierModel model) {
        List<long[]> perLayer = new ArrayList<>();
        walk(model.block(), new Shape[] {ModelZoo.inputShape(model.spec())}, perLayer);
        long dense = 0;
        long nz = 0;
        for (long[] l : perLayer) {
            dense += l[0];
            nz += l[1];
        }
        return new Macs(dense, nz);
    }

    private static Shape[] walk(Block b, Shape[] in, List<long[]> out) {
        if (b instanceof SequentialBlock) {
            Shape[] s = in;
            for (Pair<String, Block> c : b.getChildren()) {
                s = walk(c.getValue(), s, out);
            }
            return s;
        }
        if (b instanceof ParallelBlock) {
            for (Pair<String, Block> c : b.getChildren()) {
                walk(c.getValue(), in, out);
            }
            return b.getOutputShapes(in);
        }
        Shape[] o = b.getOutputShapes(in);
        if (b instanceof Convolution || b instanceof Linear) {
            var w = b.getDirectParameters().get("weight").getArray();
            long perOutputPosition = w.size() / w.getShape().get(0); // C_in * k_h * k_w (or in)
            long positions =
                    1; // output positions of a convolution: the product of its spatial dimensions
            for (int d = 2; b instanceof Convolution && d < o[0].dimension(); d++) {
                positions *= o[0].get(d);
            }
            long nonZeroWeights = w.countNonzero().getLong();
            out.add(
                    new long[] {
                        positions * w.getShape().get(0) * perOutputPosition,
                        positions * nonZeroWeights
                    });
        }
        return o;
    }
}
