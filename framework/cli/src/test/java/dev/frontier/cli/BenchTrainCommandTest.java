package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.data.ImageSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchTrainCommandTest {

    @Test
    void printsEveryAlternatedPairAndTheMedianRatio() {
        CliRun r =
                CliRun.of(
                        "bench",
                        "train",
                        "--dataset",
                        "synthetic",
                        "--limit",
                        "300",
                        "--test-limit",
                        "50",
                        "--repeats",
                        "2",
                        "--parts",
                        "2",
                        "--warmup",
                        "1",
                        "--threads",
                        "1");
        assertEquals(0, r.code(), r.text());
        assertTrue(r.text().contains("warm-up 1 (270 images)"), r.text());
        assertTrue(r.text().contains("pair 1 (2 part(s), frontier first)"), r.text());
        assertTrue(r.text().contains("pair 2 (2 part(s), bare DJL first)"), r.text());
        Matcher m =
                Pattern.compile(
                                "pair ratios: ([0-9.]+) ([0-9.]+); median ([0-9.]+), lowest ([0-9.]+)")
                        .matcher(r.text());
        assertTrue(m.find(), r.text());
        double a = Double.parseDouble(m.group(1));
        double b = Double.parseDouble(m.group(2));
        assertTrue(a > 0 && b > 0, r.text());
        assertEquals((a + b) / 2, Double.parseDouble(m.group(3)), 1e-3);
        assertEquals(Math.min(a, b), Double.parseDouble(m.group(4)), 1e-9);
    }

    @Test
    void parts_cutTheSetIntoConsecutiveNearlyEqualParts() {
        byte[] px = new byte[7];
        int[] labels = {0, 1, 2, 3, 4, 5, 6};
        for (int i = 0; i < 7; i++) {
            px[i] = (byte) (10 * i);
        }
        ImageSet set =
                new ImageSet(
                        px, labels, 1, 1, 1, java.util.List.of("a", "b", "c", "d", "e", "f", "g"));
        ImageSet[] p = BenchTrainCommand.parts(set, 3);
        assertEquals(3, p.length);
        assertEquals(2, p[0].size());
        assertEquals(2, p[1].size());
        assertEquals(3, p[2].size());
        assertEquals(2, p[1].label(0));
        assertEquals(60, p[2].pixel(2, 0));
        assertSame(set, BenchTrainCommand.parts(set, 1)[0]);
    }

    @Test
    void tooManyParts_isRejectedSayingHowManyImagesThereAre() {
        CliRun r =
                CliRun.of(
                        "bench",
                        "train",
                        "--dataset",
                        "synthetic",
                        "--limit",
                        "300",
                        "--parts",
                        "1000");
        assertEquals(2, r.code(), r.text());
        assertTrue(
                r.text().contains("--parts 1000 is more than the 270 training images"), r.text());
    }

    @Test
    void negativeWarmup_isRejectedNamingTheOption() {
        CliRun r =
                CliRun.of(
                        "bench",
                        "train",
                        "--dataset",
                        "synthetic",
                        "--limit",
                        "300",
                        "--warmup",
                        "-1");
        assertEquals(2, r.code(), r.text());
        assertTrue(
                r.text().contains("--warmup >= 0, got --repeats 3 --epochs 1 --warmup -1"),
                r.text());
    }
}
