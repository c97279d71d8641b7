package dev.frontier.exec.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.codec.quant.RangeFit;
import dev.frontier.compress.QuantSettings;
import dev.frontier.exec.measure.Measurer;
import dev.frontier.exec.stage.Conversions;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Trial;
import dev.frontier.spec.Quantize;
import dev.frontier.spec.Sweep;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversionsTest {
    private static Quantize quantize(int bits) {
        Sweep s =
                Sweep.builder()
                        .name("q")
                        .dataset("synthetic")
                        .model("mlp")
                        .quantize(q -> q.bits(bits).activations(true))
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
        Sweep s =
                Sweep.builder()
                        .name("q")
                        .dataset("synthetic")
                        .model("mlp")
                        .quantize(q -> q.bits(8))
                        .objective("accuracy", dev.frontier.spec.Objective.Direction.MAX)
                        .objective("latency_p50", dev.frontier.spec.Objective.Direction.MIN)
                        .build();
        dev.frontier.spec.SpecException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        dev.frontier.spec.SpecException.class, () -> SweepRunner.checkMetrics(s));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(
                "objectives[1].metric: 'latency_p50' is not a metric Frontier measures (did you mean 'latency_p50_ms'?)",
                e.problems().get(0).toString());
    }

    @Test
    void unknownConstraintMetric_listsTheMeasuredOnes() {
        Sweep s =
                Sweep.builder()
                        .name("q")
                        .dataset("synthetic")
                        .model("mlp")
                        .quantize(q -> q.bits(8))
                        .constraint("zzz <= 1")
                        .build();
        dev.frontier.spec.SpecException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        dev.frontier.spec.SpecException.class, () -> SweepRunner.checkMetrics(s));
        assertEquals(
                "constraints[0]: 'zzz' is not a metric Frontier measures; measured: "
                        + String.join(", ", Measurer.METRICS),
                e.problems().get(0).toString());
    }

    @Test
    void missingGpu_isAProblemOfTheSweepsDevice() {
        Sweep s =
                Sweep.builder()
                        .name("q")
                        .dataset("synthetic")
                        .model("mlp")
                        .device("gpu:99")
                        .quantize(q -> q.bits(8))
                        .build();
        dev.frontier.spec.SpecException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        dev.frontier.spec.SpecException.class,
                        () ->
                                Conversions.resolveDevice(
                                        s, dev.frontier.engine.EngineSetup.start(1)));
        assertTrue(
                e.problems()
                        .get(0)
                        .toString()
                        .startsWith("device: device gpu:99 requested but PyTorch sees "),
                e.getMessage());
    }

    @Test
    void integerWeights_keepTheirActivationSetting() {
        assertTrue(Conversions.quant(quantize(8)).activations());
        assertTrue(Conversions.quant(quantize(4)).activations());
    }

    @Test
    void weightRange_mapsToTheWeightFit_minmaxByDefault() {
        assertEquals(RangeFit.MIN_MAX, Conversions.quant(quantize(4)).weightFit());
        Sweep s =
                Sweep.builder()
                        .name("q")
                        .dataset("synthetic")
                        .model("mlp")
                        .quantize(
                                q ->
                                        q.bits(4)
                                                .granularity(Quantize.Granularity.PER_CHANNEL)
                                                .weightRange(Quantize.WeightRange.MSE))
                        .build();
        QuantSettings mse = Conversions.quant((Quantize) s.pipeline().get(0));
        assertEquals(RangeFit.MSE, mse.weightFit());
        assertEquals("int4 sym per-channel mse", mse.encodingFor("fc1").describe());
    }

    @Test
    void weightRange_namesItsTrialsAndIsLoggedWithThem() {
        Sweep s =
                Sweep.builder()
                        .name("q")
                        .dataset("synthetic")
                        .model("mlp")
                        .quantize(
                                q ->
                                        q.bits(4)
                                                .weightRange(
                                                        Quantize.WeightRange.MINMAX,
                                                        Quantize.WeightRange.MSE))
                        .build();
        List<Trial> trials = Planner.plan(s).trials();
        assertEquals(
                List.of("T1-wrminmax", "T2-wrmse"),
                trials.stream().map(TrialNaming::name).toList());
        assertEquals(
                List.of("minmax", "mse"),
                trials.stream()
                        .map(t -> TrialNaming.params(t).get("quantize.weightRange"))
                        .toList());
    }
}
