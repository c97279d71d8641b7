package dev.frontier.compress.quant;

import ai.djl.ndarray.NDArray;
import dev.frontier.codec.quant.QuantParams;

/**
 * Simulated quantization as NDArray operations, so it runs inside the model and (with the
 * straight-through estimator) inside training: {@code q = clip(round(x / s) + zp, qmin, qmax)},
 * {@code x' = (q - zp) * s}. Rounding is half-to-even, as in the codec.
 */
public final class FakeQuantOps {
    private FakeQuantOps() {}

    /**
     * {@code x} quantized and dequantized with {@code p}; new arrays live in {@code x}'s manager.
     */
    public static NDArray fakeQuantize(NDArray x, QuantParams p) {
        NDArray q = x.div(p.scale()).round().add(p.zeroPoint()).clip(p.qmin(), p.qmax());
        return q.sub(p.zeroPoint()).mul(p.scale());
    }

    /**
     * Fake-quantized values forward, identity gradient backward (the straight-through estimator):
     * {@code x + stopGradient(fakeQuantize(x) - x)}.
     */
    public static NDArray straightThrough(NDArray x, QuantParams p) {
        return x.add(fakeQuantize(x, p).sub(x).stopGradient());
    }
}
