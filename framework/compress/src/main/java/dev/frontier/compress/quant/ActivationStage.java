package dev.frontier.compress.quant;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.codec.quant.RangeCalibrator;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The stage in front of one conv/linear layer's input: passes values through, feeds them to a range
 * calibrator, or fake-quantizes them (optionally with the straight-through estimator for QAT). One
 * instance per layer of one {@link FakeQuantModel}; its state is that model's, never shared.
 *
 * <p>For QAT the stage can also track its range ({@link #track}): each <em>training</em> forward
 * pass (DJL's {@code training} flag, set by the trainer and not by evaluation or calibration) reads
 * the batch's minimum and maximum (one two-value read per batch; the rest stays on NDArrays), moves
 * the range toward them by an exponential moving average and fake-quantizes the batch with the
 * updated parameters, as PyTorch's moving-average min-max observer does. The tracked range is saved
 * and loaded with the block's parameters, so a training loop that restores its best epoch's weights
 * restores that epoch's ranges too.
 */
public final class ActivationStage {
    /** What the stage does with its input. */
    public enum Mode {
        PASS,
        OBSERVE,
        QUANTIZE,
        STRAIGHT_THROUGH
    }

    private final String layer;
    private final StageBlock block = new StageBlock();
    private Mode mode = Mode.PASS;
    private RangeCalibrator calibrator;
    private QuantParams params;
    private RangeTracker tracker;

    /** A pass-through stage in front of {@code layer}. */
    public ActivationStage(String layer) {
        this.layer = Objects.requireNonNull(layer, "layer");
    }

    /** The DJL block running this stage (one block per stage). */
    public Block block() {
        return block;
    }

    /**
     * Applies the current mode to a batch of inputs, as an evaluation (non-training) forward pass.
     */
    public NDArray apply(NDArray x) {
        return apply(x, false);
    }

    /**
     * Applies the current mode to a batch of inputs; a {@code training} pass of a tracking stage
     * first moves the range toward the batch's min and max.
     */
    public NDArray apply(NDArray x, boolean training) {
        switch (mode) {
            case OBSERVE:
                calibrator.observe(x.toFloatArray());
                return x;
            case QUANTIZE:
                return FakeQuantOps.fakeQuantize(x, params);
            case STRAIGHT_THROUGH:
                if (training && tracker != null) {
                    params = tracker.update(x);
                }
                return FakeQuantOps.straightThrough(x, params);
            default:
                return x;
        }
    }

    /** Starts observing into a fresh calibrator. */
    void observe(RangeCalibrator fresh) {
        calibrator = Objects.requireNonNull(fresh, "calibrator");
        tracker = null;
        mode = Mode.OBSERVE;
    }

    /** The calibrated parameters from what was observed. */
    QuantParams calibrated(ActivationSettings s) {
        if (calibrator == null || calibrator.observedCount() == 0) {
            throw new IllegalStateException(
                    "input of layer " + layer + " saw no values during calibration");
        }
        return calibrator.params(s.bits(), s.symmetric());
    }

    /**
     * Fake-quantizes with {@code p} from now on, with the straight-through gradient when {@code
     * ste}; the range is fixed.
     */
    void quantize(QuantParams p, boolean ste) {
        params = Objects.requireNonNull(p, "params of layer " + layer);
        calibrator = null;
        tracker = null;
        mode = ste ? Mode.STRAIGHT_THROUGH : Mode.QUANTIZE;
    }

    /**
     * Fake-quantizes with the straight-through gradient, starting from {@code p}'s range (its
     * representable range: the calibrated min and max, widened to include 0), and moves the range
     * on every training forward pass: {@code min = momentum * min + (1 - momentum) * batchMin}, the
     * same for max.
     */
    void track(QuantParams p, double momentum) {
        ActivationSettings.checkMomentum(momentum);
        quantize(p, true);
        tracker = new RangeTracker(p, momentum);
    }

    /** Passes values through unchanged from now on. */
    void pass() {
        calibrator = null;
        tracker = null;
        mode = Mode.PASS;
    }

    public String layer() {
        return layer;
    }

    public Mode mode() {
        return mode;
    }

    /** Whether training forward passes move this stage's range (see {@link #track}). */
    public boolean tracksRange() {
        return tracker != null;
    }

    /** How many training batches have moved the range since {@link #track}; 0 when not tracking. */
    public long trackedBatches() {
        return tracker == null ? 0 : tracker.batches;
    }

    /**
     * The parameters the stage fake-quantizes with now (the current range when tracking); null when
     * it does not quantize.
     */
    public QuantParams params() {
        return mode == Mode.QUANTIZE || mode == Mode.STRAIGHT_THROUGH ? params : null;
    }

    /**
     * Exponential moving average of batch min and max, in doubles; quantization parameters follow
     * from it.
     */
    private static final class RangeTracker {
        private final double momentum;
        private final int bits;
        private final boolean symmetric;
        private double min;
        private double max;
        private long batches;

        RangeTracker(QuantParams start, double momentum) {
            this.momentum = momentum;
            this.bits = start.bits();
            this.symmetric = start.symmetric();
            this.min = start.representableRange().min();
            this.max = start.representableRange().max();
        }

        /**
         * Moves the range toward {@code x}'s min and max and returns the new parameters. A batch
         * with NaN or infinite values leaves the range as it is (the training loop then reports the
         * divergence).
         */
        QuantParams update(NDArray x) {
            NDArray values = x.stopGradient();
            float[] mm = NDArrays.stack(new NDList(values.min(), values.max())).toFloatArray();
            if (Float.isFinite(mm[0]) && Float.isFinite(mm[1])) {
                min = momentum * min + (1 - momentum) * mm[0];
                max = momentum * max + (1 - momentum) * mm[1];
                batches++;
            }
            return params();
        }

        QuantParams params() {
            return QuantParams.fromRange(min, max, bits, symmetric);
        }
    }

    /**
     * The stage as a DJL block: shape-preserving, parameter-free, and aware of the {@code training}
     * flag. Its metadata carries the tracked range, so snapshots of the staged model include it.
     */
    private final class StageBlock extends AbstractBlock {
        private static final byte VERSION = 1;

        StageBlock() {
            super(VERSION);
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore parameterStore,
                NDList inputs,
                boolean training,
                PairList<String, Object> params) {
            return new NDList(apply(inputs.singletonOrThrow(), training));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            outputDataTypes = new DataType[inputShapes.length];
            Arrays.fill(outputDataTypes, DataType.FLOAT32);
            return inputShapes.clone();
        }

        @Override
        protected void saveMetadata(DataOutputStream os) throws IOException {
            super.saveMetadata(os);
            os.writeBoolean(tracker != null);
            if (tracker != null) {
                os.writeDouble(tracker.min);
                os.writeDouble(tracker.max);
                os.writeLong(tracker.batches);
            }
        }

        @Override
        protected void loadMetadata(byte loadVersion, DataInputStream is)
                throws IOException, MalformedModelException {
            super.loadMetadata(loadVersion, is);
            if (is.readBoolean()) {
                double min = is.readDouble();
                double max = is.readDouble();
                long batches = is.readLong();
                if (tracker != null) {
                    tracker.min = min;
                    tracker.max = max;
                    tracker.batches = batches;
                    params = tracker.params();
                }
            }
        }

        @Override
        public String toString() {
            return "input-" + layer + "(" + mode + ")";
        }
    }
}
