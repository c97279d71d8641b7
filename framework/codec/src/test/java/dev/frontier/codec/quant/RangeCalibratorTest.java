package dev.frontier.codec.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangeCalibratorTest {

    /** 100k standard normal values with 20 outliers at +-50, in batches of 1000. */
    private static float[][] gaussianWithOutliers(long seed) {
        Random random = new Random(seed);
        float[][] batches = new float[100][1000];
        for (float[] batch : batches) {
            for (int i = 0; i < batch.length; i++) {
                batch[i] = (float) random.nextGaussian();
            }
        }
        for (int k = 0; k < 20; k++) {
            batches[random.nextInt(100)][random.nextInt(1000)] = k % 2 == 0 ? 50f : -50f;
        }
        return batches;
    }

    private static double quantizationMse(float[][] batches, QuantParams params) {
        double sum = 0;
        long n = 0;
        for (float[] batch : batches) {
            for (float x : batch) {
                double e = x - params.fakeQuantize(x);
                sum += e * e;
                n++;
            }
        }
        return sum / n;
    }

    private static RangeCalibrator observed(RangeCalibrator calibrator, float[][] batches) {
        for (float[] batch : batches) {
            calibrator.observe(batch);
        }
        return calibrator;
    }

    @Test
    void minMax_returnsExactExtremesAcrossBatches() {
        RangeCalibrator calibrator = RangeCalibrator.minMax();
        calibrator.observe(new float[] {0.5f, -0.25f});
        calibrator.observe(new float[] {3f, 1f});
        calibrator.observe(new float[] {-2f});
        assertEquals(new FloatRange(-2f, 3f), calibrator.range(8, false));
        assertEquals(5, calibrator.observedCount());
        QuantParams params = calibrator.params(8, false);
        assertEquals(5f / 255, params.scale(), 0f);
        assertEquals(102, params.zeroPoint());
    }

    @Test
    void percentile_ignoresRareOutliers() {
        FloatRange range =
                observed(
                                RangeCalibrator.percentile(99.9, PercentileTails.ABSOLUTE),
                                gaussianWithOutliers(1))
                        .range(8, true);
        // the 99.9th percentile of |N(0,1)| is 3.29
        assertEquals(3.29, range.max(), 0.1);
        assertEquals(-3.29, range.min(), 0.1);
    }

    @Test
    void percentile_bothTailsFollowsEachTail() {
        Random random = new Random(2);
        float[] uniform = new float[200_000];
        for (int i = 0; i < uniform.length; i++) {
            uniform[i] = (float) (2 + 8 * random.nextDouble());
        }
        RangeCalibrator calibrator = RangeCalibrator.percentile(99, PercentileTails.BOTH);
        calibrator.observe(uniform);
        FloatRange range = calibrator.range(8, false);
        assertEquals(2.08, range.min(), 0.02);
        assertEquals(9.92, range.max(), 0.02);
    }

    @Test
    void percentile_streamedInGrowingBatchesMatchesOneBatch() {
        Random random = new Random(4);
        float[] all = new float[50_000];
        for (int i = 0; i < all.length; i++) {
            all[i] = (float) (random.nextGaussian() * (i < 100 ? 0.01 : 1));
        }
        RangeCalibrator whole = RangeCalibrator.percentile(99.99, PercentileTails.ABSOLUTE);
        whole.observe(all);
        RangeCalibrator streamed = RangeCalibrator.percentile(99.99, PercentileTails.ABSOLUTE);
        for (int from = 0; from < all.length; from += 100) {
            streamed.observe(Arrays.copyOfRange(all, from, from + 100));
        }
        assertEquals(whole.range(8, true).max(), streamed.range(8, true).max(), 0.01);
        assertEquals(all.length, streamed.observedCount());
    }

    @Test
    void histogram_staysBoundedAndKeepsEveryCountWhenItGrows() {
        StreamingHistogram histogram = new StreamingHistogram(64);
        histogram.add(new float[] {0f, 0f});
        histogram.add(new float[] {0.001f, -0.002f});
        histogram.add(new float[] {1000f, 5f, -1e6f});
        assertEquals(64, histogram.binCount());
        long total = 0;
        for (int i = 0; i < histogram.binCount(); i++) {
            total += histogram.count(i);
        }
        assertEquals(7, total);
        assertEquals(-1e6f, histogram.min());
        assertEquals(1000f, histogram.max());
        assertTrue(
                histogram.binLower(0) <= -1e6
                        && histogram.binLower(63) + histogram.binWidth() >= 1e6);
    }

    @Test
    void mse_beatsMinMaxOnDataWithOutliers() {
        float[][] batches = gaussianWithOutliers(3);
        for (boolean symmetric : new boolean[] {true, false}) {
            QuantParams minMax = observed(RangeCalibrator.minMax(), batches).params(4, symmetric);
            QuantParams mse = observed(RangeCalibrator.mse(), batches).params(4, symmetric);
            double minMaxError = quantizationMse(batches, minMax);
            double mseError = quantizationMse(batches, mse);
            // the clipped outliers alone cost 20 * 47.5^2 / 100k = 0.45, min-max rounds most data
            // to zero (~1.0)
            assertTrue(
                    mseError < minMaxError / 2,
                    "symmetric=" + symmetric + ": mse " + mseError + " vs min-max " + minMaxError);
        }
    }

    @Test
    void mse_keepsNearlyTheFullRangeOnUniformDataAtEightBits() {
        Random random = new Random(6);
        float[] uniform = new float[100_000];
        for (int i = 0; i < uniform.length; i++) {
            uniform[i] = (float) (2 * random.nextDouble() - 1);
        }
        RangeCalibrator calibrator = RangeCalibrator.mse();
        calibrator.observe(uniform);
        FloatRange range = calibrator.range(8, true);
        assertTrue(range.max() > 0.97 && range.max() <= 1f, range.toString());
    }

    @Test
    void mse_clipsMoreAtFewerBits() {
        float[][] batches = gaussianWithOutliers(8);
        RangeCalibrator calibrator = observed(RangeCalibrator.mse(), batches);
        assertTrue(calibrator.range(3, true).max() < calibrator.range(8, true).max());
    }

    @Test
    void calibrators_onAllZeroDataGiveAZeroRange() {
        for (CalibrationMethod method : CalibrationMethod.values()) {
            RangeCalibrator calibrator = method.newCalibrator();
            calibrator.observe(new float[] {0f, 0f, 0f});
            assertEquals(new FloatRange(0f, 0f), calibrator.range(8, false), method.name());
            assertEquals(0f, calibrator.params(8, false).fakeQuantize(0f), method.name());
        }
    }

    @Test
    void calibrators_withoutObservationsSayWhatToDo() {
        for (CalibrationMethod method : CalibrationMethod.values()) {
            IllegalStateException e =
                    assertThrows(
                            IllegalStateException.class,
                            () -> method.newCalibrator().range(8, true));
            assertTrue(e.getMessage().contains("observe"), e.getMessage());
        }
    }

    @Test
    void calibrators_rejectNonFiniteObservations() {
        for (CalibrationMethod method : CalibrationMethod.values()) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () ->
                                    method.newCalibrator()
                                            .observe(new float[] {1f, Float.POSITIVE_INFINITY}));
            assertTrue(e.getMessage().contains("index 1"), e.getMessage());
        }
    }

    @Test
    void calibrationMethod_makesFreshCalibratorsEachTime() {
        assertNotSame(CalibrationMethod.MSE.newCalibrator(), CalibrationMethod.MSE.newCalibrator());
    }

    @Test
    void percentile_rejectsPercentilesOutsideTheUpperHalf() {
        assertThrows(
                IllegalArgumentException.class,
                () -> RangeCalibrator.percentile(40, PercentileTails.BOTH));
        assertThrows(
                IllegalArgumentException.class,
                () -> RangeCalibrator.percentile(100.5, PercentileTails.BOTH));
    }

    @Test
    void quantParams_calibratedRangeBoundsTheErrorInsideIt() {
        RangeCalibrator calibrator = RangeCalibrator.percentile(99, PercentileTails.ABSOLUTE);
        float[][] batches = gaussianWithOutliers(5);
        observed(calibrator, batches);
        QuantParams params = calibrator.params(8, true);
        FloatRange range = calibrator.range(8, true);
        for (float x : batches[0]) {
            if (range.contains(x)) {
                assertTrue(Math.abs(x - params.fakeQuantize(x)) <= params.scale() / 2 * (1 + 1e-5));
            }
        }
    }
}
