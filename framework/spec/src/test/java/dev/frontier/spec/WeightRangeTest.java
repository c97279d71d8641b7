package dev.frontier.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * quantize's weightRange (minmax | mse): reader, writer, builder, errors, and that minmax stays
 * implicit.
 */
class WeightRangeTest {

    private static final String HEAD = "name: wr\ndataset: mnist\nmodel: lenet5\npipeline:\n";

    private static Quantize quantize(Sweep sweep) {
        return (Quantize) sweep.pipeline().get(0);
    }

    @Test
    void yamlWithMse_roundTripsThroughCanonicalYaml() {
        Sweep sweep =
                SpecReader.read(
                        HEAD
                                + "  - quantize: {bits: 4, granularity: per-channel, weightRange: mse}\n",
                        "wr.yaml");
        assertEquals(Param.of(Quantize.WeightRange.MSE), quantize(sweep).weightRange());
        String canonical = SpecWriter.write(sweep);
        assertTrue(canonical.contains("weightRange: mse"), canonical);
        Sweep again = SpecReader.read(canonical, "wr.yaml (canonical)");
        assertEquals(sweep, again);
        assertEquals(canonical, SpecWriter.write(again));
    }

    @Test
    void axis_roundTripsAndExpandsToOneTrialPerFit() {
        Sweep sweep =
                SpecReader.read(
                        HEAD + "  - quantize: {bits: 4, weightRange: [minmax, mse]}\n", "wr.yaml");
        assertEquals(
                Param.oneOf(List.of(Quantize.WeightRange.MINMAX, Quantize.WeightRange.MSE)),
                quantize(sweep).weightRange());
        String canonical = SpecWriter.write(sweep);
        assertTrue(canonical.contains("weightRange:"), canonical);
        assertEquals(sweep, SpecReader.read(canonical, "wr.yaml (canonical)"));
        assertEquals(
                List.of("quantize.weightRange"), sweep.axes().stream().map(Axis::name).toList());
    }

    @Test
    void builder_makesTheSameSweepAsYaml() {
        Sweep yaml =
                SpecReader.read(
                        HEAD
                                + "  - quantize: {bits: [4, 3], weightRange: [minmax, mse], mode: qat}\n",
                        "wr.yaml");
        Sweep built =
                Sweep.builder()
                        .name("wr")
                        .dataset("mnist")
                        .model("lenet5")
                        .quantize(
                                q ->
                                        q.bits(4, 3)
                                                .weightRange(
                                                        Quantize.WeightRange.MINMAX,
                                                        Quantize.WeightRange.MSE)
                                                .mode(Quantize.Mode.QAT))
                        .build();
        assertEquals(yaml, built);
    }

    @Test
    void explicitMinmax_isTheDefaultAndLeftOutOfTheCanonicalYaml() {
        Sweep implicit = SpecReader.read(HEAD + "  - quantize: {bits: 4}\n", "a.yaml");
        Sweep explicit =
                SpecReader.read(HEAD + "  - quantize: {bits: 4, weightRange: minmax}\n", "b.yaml");
        assertEquals(implicit, explicit);
        assertEquals(Quantize.DEFAULT.weightRange(), quantize(explicit).weightRange());
        assertEquals(SpecWriter.write(implicit), SpecWriter.write(explicit));
        assertFalse(SpecWriter.write(explicit).contains("weightRange"), SpecWriter.write(explicit));
    }

    @Test
    void unknownValue_isOneProblemAtItsFileLineColumnNamingTheAllowedValues() {
        SpecException e =
                assertThrows(
                        SpecException.class,
                        () ->
                                SpecReader.read(
                                        HEAD
                                                + "  - quantize:\n      bits: 4\n      weightRange: foo\n",
                                        "s.yaml"));
        assertEquals(
                List.of(
                        "s.yaml:7:20: pipeline[0].quantize.weightRange: found 'foo', expected one of minmax, mse"),
                e.problems().stream().map(Problem::toString).toList());
        SpecException inList =
                assertThrows(
                        SpecException.class,
                        () ->
                                SpecReader.read(
                                        HEAD + "  - quantize: {weightRange: [mse, msee]}\n",
                                        "s.yaml"));
        assertEquals(
                List.of(
                        "s.yaml:5:35: pipeline[0].quantize.weightRange[1]: found 'msee', expected one of minmax, mse"
                                + " (did you mean 'mse'?)"),
                inList.problems().stream().map(Problem::toString).toList());
    }

    @Test
    void effectiveParams_keepWeightRangeOnlyWhereAnIntegerGridIsFitted() {
        Quantize mse =
                Quantize.DEFAULT.with(
                        java.util.Map.of(
                                "bits",
                                Param.of(4),
                                "weightRange",
                                Param.of(Quantize.WeightRange.MSE)));
        assertEquals(Quantize.WeightRange.MSE, mse.effectiveParams().get("weightRange"));
        assertEquals(Quantize.WeightRange.MSE, mse.identityParams().get("weightRange"));
        Quantize minmax =
                mse.with(java.util.Map.of("weightRange", Param.of(Quantize.WeightRange.MINMAX)));
        assertEquals(
                Quantize.WeightRange.MINMAX,
                minmax.effectiveParams().get("weightRange"),
                "shown in plans and logs");
        assertFalse(
                minmax.identityParams().containsKey("weightRange"),
                "but not hashed: older specs keep their ids");
        Quantize half = mse.with(java.util.Map.of("bits", Param.of(16)));
        assertFalse(half.effectiveParams().containsKey("weightRange"), "fp16 has no grid to fit");
        Quantize mixed =
                new Quantize(
                        half.bits(),
                        half.symmetric(),
                        half.granularity(),
                        half.weightRange(),
                        half.activations(),
                        half.calibration(),
                        half.calibrationSamples(),
                        half.mode(),
                        half.qatEpochs(),
                        java.util.Map.of("fc1", 4));
        assertEquals(Quantize.WeightRange.MSE, mixed.effectiveParams().get("weightRange"));
    }
}
