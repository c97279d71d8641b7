package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchTrainCommandTest {

    @Test
    void printsEveryAlternatedPairAndTheMedianRatio() {
        CliRun r = CliRun.of("bench", "train", "--dataset", "synthetic", "--limit", "300", "--test-limit", "50",
                "--repeats", "2", "--warmup", "1", "--threads", "1");
        assertEquals(0, r.code(), r.text());
        assertTrue(r.text().contains("warm-up 1 (270 images)"), r.text());
        assertTrue(r.text().contains("pair 1 (frontier first)"), r.text());
        assertTrue(r.text().contains("pair 2 (bare DJL first)"), r.text());
        Matcher m = Pattern.compile("pair ratios: ([0-9.]+) ([0-9.]+); median ([0-9.]+), lowest ([0-9.]+)").matcher(r.text());
        assertTrue(m.find(), r.text());
        double a = Double.parseDouble(m.group(1));
        double b = Double.parseDouble(m.group(2));
        assertTrue(a > 0 && b > 0, r.text());
        assertEquals((a + b) / 2, Double.parseDouble(m.group(3)), 1e-3);
        assertEquals(Math.min(a, b), Double.parseDouble(m.group(4)), 1e-9);
    }

    @Test
    void negativeWarmup_isRejectedNamingTheOption() {
        CliRun r = CliRun.of("bench", "train", "--dataset", "synthetic", "--limit", "300", "--warmup", "-1");
        assertEquals(2, r.code(), r.text());
        assertTrue(r.text().contains("--warmup >= 0, got --repeats 3 --epochs 1 --warmup -1"), r.text());
    }
}
