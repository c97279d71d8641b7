package dev.frontier.compress.quant;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.frontier.codec.quant.QuantParams;
import dev.frontier.codec.quant.RangeCalibrator;
import java.util.Objects;

/**
 * The stage in front of one conv/linear layer's input: passes values through, feeds them to a range
 * calibrator, or fake-quantizes them (optionally with the straight-through estimator for QAT). One
 * instance per layer of one {@link FakeQuantModel}; its state is that model's, never shared.
 */
public final class ActivationStage {
    /** What the stage does with its input. */
    public enum Mode { PASS, OBSERVE, QUANTIZE, STRAIGHT_THROUGH }

    private final String layer;
    private Mode mode = Mode.PASS;
    private RangeCalibrator calibrator;
    private QuantParams params;

    /** A pass-through stage in front of {@code layer}. */
    public ActivationStage(String layer) {
        this.layer = Objects.requireNonNull(layer, "layer");
    }

    /** The DJL block running this stage. */
    public Block block() {
        return LambdaBlock.singleton(this::apply, "input-" + layer);
    }

    /** Applies the current mode to a batch of inputs. */
    public NDArray apply(NDArray x) {
        switch (mode) {
            case OBSERVE:
                calibrator.observe(x.toFloatArray());
                return x;
            case QUANTIZE:
                return FakeQuantOps.fakeQuantize(x, params);
            case STRAIGHT_THROUGH:
                return FakeQuantOps.straightThrough(x, params);
            default:
                return x;
        }
    }

    /** Starts observing into a fresh calibrator. */
    void observe(RangeCalibrator fresh) {
        calibrator = Objects.requireNonNull(fresh, "calibrator");
        mode = Mode.OBSERVE;
    }

    /** The calibrated parameters from what was observed. */
    QuantParams calibrated(ActivationSettings s) {
        if (calibrator == null || calibrator.observedCount() == 0) {
            throw new IllegalStateException("input of layer " + layer + " saw no values during calibration");
        }
        return calibrator.params(s.bits(), s.symmetric());
    }

    /** Fake-quantizes with {@code p} from now on, with the straight-through gradient when {@code ste}. */
    void quantize(QuantParams p, boolean ste) {
        params = Objects.requireNonNull(p, "params of layer " + layer);
        calibrator = null;
        mode = ste ? Mode.STRAIGHT_THROUGH : Mode.QUANTIZE;
    }

    /** Passes values through unchanged from now on. */
    void pass() {
        calibrator = null;
        mode = Mode.PASS;
    }

    public String layer() {
        return layer;
    }

    public Mode mode() {
        return mode;
    }
}
