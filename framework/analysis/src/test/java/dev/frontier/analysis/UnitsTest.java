package dev.frontier.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void bytes_useTheLargestUnitReachedWithThreeSignificantDigits() {
        assertEquals("20 KB", Units.bytes(20480));
        assertEquals("1.2 MB", Units.bytes(1.2 * 1024 * 1024));
        assertEquals("1.72 MB", Units.bytes(1803551));
        assertEquals("512 B", Units.bytes(512));
        assertEquals("1 KB", Units.bytes(1024));
        assertEquals("146 KB", Units.bytes(150_000));
        assertEquals("1020 KB", Units.bytes(1023.9 * 1024));
        assertEquals("2 GB", Units.bytes(2.0 * 1024 * 1024 * 1024));
        assertEquals("0 B", Units.bytes(0));
    }

    @Test
    void percentMillisRatioAndCompact() {
        assertEquals("91.23%", Units.percent(0.91234, 2));
        assertEquals("90%", Units.percent(0.9, 0));
        assertEquals("0.336 ms", Units.millis(0.33612));
        assertEquals("12.3 ms", Units.millis(12.34));
        assertEquals("12.3×", Units.ratio(12.34));
        assertEquals("4×", Units.ratio(4.0));
        assertEquals("20k", Units.compact(20_000));
        assertEquals("1.5M", Units.compact(1_500_000));
        assertEquals("1M", Units.compact(999_999));
        assertEquals("0.25", Units.compact(0.25));
    }

    @Test
    void unitsComeFromMetricNames() {
        assertEquals(1, Units.bytesPerUnit("size_bytes"));
        assertEquals(1024 * 1024, Units.bytesPerUnit("size_mb"));
        assertTrue(Double.isNaN(Units.bytesPerUnit("latency_p50_ms")));
        assertTrue(Units.isFraction("accuracy"));
        assertTrue(Units.isFraction("accuracy_ci_low"));
        assertTrue(Units.isFraction("top1_accuracy"));
        assertFalse(Units.isFraction("accuracy_drop"), "the drop is in percentage points");
        assertTrue(Units.isMillis("latency_p50_ms"));
        assertEquals("450 KB", Units.of("size_bytes", 460800));
        assertEquals("1.5 MB", Units.of("size_mb", 1.5));
        assertEquals("91.20%", Units.of("accuracy", 0.912));
        assertEquals("0.8 ms", Units.of("latency_ms", 0.8));
        assertEquals("3.5", Units.of("compression", 3.5));
    }

    @Test
    void confidenceInterval_readsBoundsOrAHalfWidth() {
        var wilson =
                TrialOutcome.ok(
                        "a",
                        "a",
                        "x",
                        Map.of(),
                        Map.of(
                                "accuracy",
                                0.9,
                                "accuracy_ci_low",
                                0.88,
                                "accuracy_ci_high",
                                0.915));
        assertEquals(
                new ConfidenceInterval(0.88, 0.915),
                ConfidenceInterval.of(wilson, "accuracy").orElseThrow());
        assertEquals(
                0.0175, ConfidenceInterval.of(wilson, "accuracy").orElseThrow().halfWidth(), 1e-12);
        var half =
                TrialOutcome.ok(
                        "b", "b", "x", Map.of(), Map.of("accuracy", 0.9, "accuracy_ci95", 0.01));
        assertEquals(0.89, ConfidenceInterval.of(half, "accuracy").orElseThrow().low(), 1e-12);
        assertEquals(0.91, ConfidenceInterval.of(half, "accuracy").orElseThrow().high(), 1e-12);
        var none = TrialOutcome.ok("c", "c", "x", Map.of(), Map.of("accuracy", 0.9));
        assertTrue(ConfidenceInterval.of(none, "accuracy").isEmpty());
    }
}
