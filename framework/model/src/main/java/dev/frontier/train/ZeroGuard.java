package dev.frontier.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.frontier.model.FrontierModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Sparsity belongs to the model: the weights that are exactly zero when training starts stay
 * exactly zero through it. {@link TrainingLoop} takes one of these at the start of every training
 * run and re-applies it after every optimizer step, so a pass that trains a pruned model
 * (fine-tuning, QAT, distillation, or any pass added later) cannot regrow pruned weights, whether
 * or not its author remembered to. Adam's moment estimates would otherwise move masked weights off
 * zero at the next step.
 *
 * <p>Only weight tensors (parameters of type {@link Parameter.Type#WEIGHT}) with at least one exact
 * zero are guarded; a dense model (no exact zeros) costs nothing per step.
 */
public final class ZeroGuard implements AutoCloseable {
    private final List<Parameter> weights;
    private final List<NDArray> masks;
    private final long zeros;

    private ZeroGuard(List<Parameter> weights, List<NDArray> masks, long zeros) {
        this.weights = weights;
        this.masks = masks;
        this.zeros = zeros;
    }

    /** The zeros of {@code model}'s weights now; the masks live in {@code manager}. */
    public static ZeroGuard of(FrontierModel model, NDManager manager) {
        List<Parameter> weights = new ArrayList<>();
        List<NDArray> masks = new ArrayList<>();
        long zeros = 0;
        for (var p : model.block().getParameters()) {
            Parameter param = p.getValue();
            if (param.getType() != Parameter.Type.WEIGHT || !param.isInitialized()) {
                continue;
            }
            NDArray w = param.getArray();
            long z;
            try (NDArray isZero = w.eq(0);
                    NDArray count = isZero.countNonzero()) {
                z = count.getLong();
            }
            if (z == 0) {
                continue;
            }
            NDArray mask = w.neq(0).toType(DataType.FLOAT32, false);
            mask.attach(manager);
            weights.add(param);
            masks.add(mask);
            zeros += z;
        }
        return new ZeroGuard(weights, masks, zeros);
    }

    /** Zeroes again every weight that was zero when this guard was taken. */
    public void reapply() {
        for (int i = 0; i < weights.size(); i++) {
            weights.get(i).getArray().muli(masks.get(i));
        }
    }

    /** How many weights this guard keeps at zero. */
    public long zeros() {
        return zeros;
    }

    /** How many weight tensors hold guarded zeros. */
    public int tensors() {
        return weights.size();
    }

    @Override
    public void close() {
        masks.forEach(NDArray::close);
    }
}
