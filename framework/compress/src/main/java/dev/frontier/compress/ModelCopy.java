package dev.frontier.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.frontier.model.FrontierModel;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Copies a model's parameters (and BatchNorm statistics) value by value, in order, into a fresh
 * model. Unlike {@code Block.loadParameters} (used by snapshots and checkpoints), the copy stays
 * trainable with hooks that modify parameters in place: on DJL 0.35.1 + PyTorch 2.7.1, after {@code
 * loadParameters} any in-place change of a parameter during training (pruning masks, QAT weight
 * swaps) makes backward fail with "element 0 of tensors does not require grad".
 */
public final class ModelCopy {
    private ModelCopy() {}

    /**
     * A new model of the same spec on the same device holding a copy of {@code source}'s
     * parameters.
     */
    public static FrontierModel of(FrontierModel source) {
        FrontierModel copy = FrontierModel.create(source.spec(), source.device(), 0);
        try {
            copyParameters(source, copy);
        } catch (RuntimeException e) {
            copy.close();
            throw e;
        }
        return copy;
    }

    /**
     * Copies every parameter of {@code from} into {@code to}, matched by position (names may
     * differ, e.g. when {@code to} has extra parameter-free stages); shapes must agree.
     */
    public static void copyParameters(FrontierModel from, FrontierModel to) {
        List<Pair<String, Parameter>> src = from.block().getParameters().stream().toList();
        List<Pair<String, Parameter>> dst = to.block().getParameters().stream().toList();
        if (src.size() != dst.size()) {
            throw new IllegalArgumentException(
                    "cannot copy the "
                            + src.size()
                            + " parameters of "
                            + from.spec().canonical()
                            + " into a model with "
                            + dst.size()
                            + " ("
                            + to.spec().canonical()
                            + ")");
        }
        for (int i = 0; i < src.size(); i++) {
            NDArray a = src.get(i).getValue().getArray();
            NDArray b = dst.get(i).getValue().getArray();
            if (!a.getShape().equals(b.getShape())) {
                throw new IllegalArgumentException(
                        "parameter "
                                + src.get(i).getKey()
                                + " has shape "
                                + a.getShape()
                                + " but its counterpart "
                                + dst.get(i).getKey()
                                + " has "
                                + b.getShape());
            }
            b.set(FloatBuffer.wrap(a.toFloatArray()));
        }
    }
}
