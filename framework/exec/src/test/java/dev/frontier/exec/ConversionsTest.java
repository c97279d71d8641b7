package dev.frontier.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.spec.Quantize;
import dev.frontier.spec.Sweep;
import org.junit.jupiter.api.Test;

class ConversionsTest {
    private static Quantize quantize(int bits) {
        Sweep s = Sweep.builder().name("q").dataset("synthetic").model("mlp").quantize(q -> q.bits(bits).activations(true))
                .build();
        return (Quantize) s.pipeline().get(0);
    }

    @Test
    void floatReference_neverQuantizesActivations() {
        assertFalse(Conversions.quant(quantize(32)).activations());
        assertFalse(Conversions.quant(quantize(16)).activations());
    }

    @Test
    void unknownObjectiveMetric_failsBeforeAnyTrainingWithASuggestion() {
        Sweep s = Sweep.builder().name("q").dataset("synthetic").model("mlp").quantize(q -> q.bits(8))
                .objective("accuracy", dev.frontier.spec.Objective.Direction.MAX)
                .objective("latency_p50", dev.frontier.spec.Objective.Direction.MIN).build();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SweepRunner.checkMetrics(s));
        assertTrue(e.getMessage().contains("objectives[1].metric: 'latency_p50' is not a metric Frontier measures"),
                e.getMessage());
        assertTrue(e.getMessage().contains("latency_p50_ms"), e.getMessage());
    }

    @Test
    void integerWeights_keepTheirActivationSetting() {
        assertTrue(Conversions.quant(quantize(8)).activations());
        assertTrue(Conversions.quant(quantize(4)).activations());
    }
}
