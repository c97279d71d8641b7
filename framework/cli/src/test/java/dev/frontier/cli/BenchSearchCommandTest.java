package dev.frontier.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code frontier bench search} on a synthetic results table shaped like the headline grid. */
class BenchSearchCommandTest {
    @TempDir Path dir;

    /**
     * 3 temperatures x 5 ratios x 4 bit widths = 60 trials, plus the baseline and a failed trial.
     */
    private Path table() throws IOException {
        StringBuilder csv =
                new StringBuilder(
                        "trial_id,status,params.kernel_precision,params.onnx_file,params.distill.temperature,"
                                + "params.prune.ratio,params.quantize.bits,metrics.accuracy,metrics.size_bytes\n");
        csv.append("baseline,OK,fp32,/b.onnx,,,,0.91,250000\n");
        int id = 0;
        for (double t : new double[] {2, 4, 8}) {
            for (double r : new double[] {0.5, 0.6, 0.7, 0.8, 0.9}) {
                for (int bits : new int[] {32, 8, 6, 4}) {
                    double acc =
                            0.90
                                    - 0.3 * Math.pow(r - 0.5, 2)
                                    - 0.4 / (bits * bits)
                                    - 0.01 * Math.abs(t - 4);
                    double bytes = 250_000 * (1 - r) * bits / 32.0 + 3000;
                    csv.append(
                            String.format(
                                    Locale.ROOT,
                                    "t%d,OK,%s,/t%d.onnx,%s,%s,%d,%.4f,%.0f%n",
                                    id,
                                    bits == 32 ? "fp32" : "int8",
                                    id,
                                    t,
                                    r,
                                    bits,
                                    acc,
                                    bytes));
                    id++;
                }
            }
        }
        csv.append("bad,FAILED,int8,/bad.onnx,2.0,0.5,2,,\n");
        Path file = dir.resolve("run").resolve("results.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv);
        return file.getParent();
    }

    @Test
    void replaysEachStrategy_printsTheTableTheBestLineAndWritesThePlot() throws IOException {
        Path plot = dir.resolve("plot.png");
        CliRun run =
                CliRun.of(
                        "bench",
                        "search",
                        "--table",
                        table().toString(),
                        "--seeds",
                        "3",
                        "--budgets",
                        "10,25,100",
                        "--plot",
                        plot.toString());
        assertEquals(0, run.code(), run.text());
        String text = run.text();
        assertTrue(text.contains("(60 points, 1 failed or incomplete trials left out)"), text);
        assertTrue(
                text.contains(
                        "axes: distill.temperature (3) x prune.ratio (5) x quantize.bits (4) -> 60 measured points"),
                text);
        assertTrue(text.contains("10% (6 trials)"), text);
        assertTrue(text.contains("25% (15 trials)"), text);
        // every strategy that spends the whole grid finds its whole hypervolume
        for (String s : new String[] {"grid", "random", "nsga2"}) {
            String row = text.lines().filter(l -> l.startsWith(s + " ")).findFirst().orElseThrow();
            assertTrue(row.trim().endsWith("100.0% [100.0-100.0]"), row);
        }
        Matcher best =
                Pattern.compile(
                                "best: (grid|random|nsga2) reaches (\\d+\\.\\d)% of the grid's hypervolume with 25% of its trials \\(15 of 60")
                        .matcher(text);
        assertTrue(best.find(), text);
        double share = Double.parseDouble(best.group(2));
        assertTrue(share > 0 && share <= 100, best.group());
        assertTrue(text.contains("median reaches 95% of the hypervolume after: grid "), text);
        byte[] png = Files.readAllBytes(plot);
        assertArrayEquals(
                new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "PNG signature");
        assertTrue(png.length > 5000, "plot of " + png.length + " bytes");
    }

    @Test
    void missingTable_isAUserError_sayingWhereAndWhatToRun() {
        CliRun run = CliRun.of("bench", "search", "--table", dir.resolve("nowhere").toString());
        assertEquals(2, run.code(), run.text());
        assertTrue(run.text().contains("--table: no results table at "), run.text());
        assertTrue(run.text().contains("frontier run experiments/headline.yaml"), run.text());
    }

    @Test
    void badStrategyOrBudget_isAUserError() throws IOException {
        String t = table().toString();
        CliRun strategy = CliRun.of("bench", "search", "--table", t, "--strategies", "grid,tpe");
        assertEquals(2, strategy.code());
        assertTrue(
                strategy.text().contains("--strategies: unknown strategy 'tpe'"), strategy.text());
        CliRun budget = CliRun.of("bench", "search", "--table", t, "--budgets", "0");
        assertEquals(2, budget.code());
        assertTrue(
                budget.text().contains("--budgets: 0.0 is not a percentage in (0, 100]"),
                budget.text());
    }

    private Path searchedRun(String name, String rows) throws IOException {
        Path file = dir.resolve(name).resolve("results.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                "trial_id,status,metrics.accuracy,metrics.size_bytes\nbaseline,OK,0.95,1000\n"
                        + rows);
        return file.getParent();
    }

    @Test
    void live_comparesSearchedRunsAgainstOneReference_inTheOrderSpent() throws IOException {
        // a: (0.8, 100) then (0.9, 200); b: a failed trial, then (0.85, 150)
        Path a = searchedRun("a", "t1,OK,0.8,100\nt2,OK,0.9,200\n");
        Path b = searchedRun("b", "t3,FAILED,,\nt4,OK,0.85,150\n");
        Path plot = dir.resolve("live.png");
        CliRun run =
                CliRun.of(
                        "bench",
                        "search",
                        "--live",
                        "x=" + a,
                        "--live",
                        "y=" + b,
                        "--plot",
                        plot.toString());
        assertEquals(0, run.code(), run.text());
        String text = run.text();
        // reference: accuracy 0.8 - 0.01, bytes 200 + 10
        assertTrue(
                text.contains(
                        "reference point: accuracy 0.7900, 210 bytes (from the 3 trials of every"
                                + " run); all runs together: hypervolume 4.600"),
                text);
        // together: 50 * 0.01 + 50 * 0.06 + 10 * 0.11 = 4.6; x: 100 * 0.01 + 10 * 0.11 = 2.1;
        // y (the failed trial adds nothing): 60 * 0.06 = 3.6
        assertTrue(
                text.contains(
                        "x        "
                                + a
                                + ": 2 trials (0 not measured), hypervolume 2.100 = 45.7% of all runs'; after 10/20/30/40 trials: "),
                text);
        assertTrue(
                text.contains(
                        "y        "
                                + b
                                + ": 2 trials (1 not measured), hypervolume 3.600 = 78.3% of all runs'"),
                text);
        assertTrue(Files.size(plot) > 5000);
    }
}
