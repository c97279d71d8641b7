package dev.frontier.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.frontier.analysis.Objective;
import dev.frontier.analysis.pareto.ParetoAnalysis;
import dev.frontier.analysis.pareto.ParetoCriteria;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.pareto.RankedTrial;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real headless Chromium (Debian's {@code chromium}): it loads with nothing on the
 * console (no error, no blocked or failed load: every host name is made unresolvable), and every
 * frontier trial is drawn, ringed and named, in each objective pair. A screenshot is kept at {@code
 * target/report-browser/report.png}. Without Chromium the test fails; it never skips.
 */
class HtmlReportBrowserTest {

    private static final ParetoCriteria CRITERIA =
            ParetoCriteria.of(
                    Objective.maximize("accuracy"),
                    Objective.minimize("size_bytes"),
                    Objective.minimize("latency_p50_ms"));

    private static final Path OUT = Path.of("target", "report-browser");

    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]");

    /** What one Chromium run printed. */
    private record Run(String dom, String stderr) {

        List<String> console() {
            return stderr.lines().filter(l -> CONSOLE.matcher(l).find()).toList();
        }
    }

    @Test
    void report_loadsWithNoConsoleMessage_andDrawsEveryFrontierPointInEveryPair(
            @TempDir Path profile) throws IOException, InterruptedException {
        Path chromium = chromium();
        canary(chromium, profile);

        // a trial whose name would run script if it were not escaped sits on the frontier
        ParetoResult result =
                ParetoAnalysis.analyze(ExplorerTest.sweepWithHostileTrial(), CRITERIA);
        List<String> objectives = CRITERIA.objectives().stream().map(Objective::metric).toList();
        Path run = OUT.resolve("run");
        Path report =
                RunOutputs.write(
                                result,
                                run,
                                "Browser test sweep",
                                ChartSpec.forObjectives(objectives))
                        .report();
        List<RankedTrial> front = result.front();
        String knee = result.knee().orElseThrow().trialId();
        List<String[]> pairs = Explorer.pairs(CRITERIA.objectives());
        assertEquals(3, pairs.size());

        for (int pair = 0; pair < pairs.size(); pair++) {
            Run page = chromium(chromium, profile, report, "#pair=" + pair, List.of("--dump-dom"));
            assertEquals(List.of(), page.console(), "console of pair " + pair);
            String chart = chartElement(page.dom());
            assertTrue(chart.contains(" data-pair=\"" + pair + "\""), chart.substring(0, 300));
            assertTrue(
                    chart.contains(" data-frontier-points=\"" + front.size() + "\""),
                    chart.substring(0, 300));
            List<String> labels = labels(chart);
            assertEquals(
                    front.size(), labels.size(), "point labels of pair " + pair + ": " + labels);
            for (RankedTrial t : front) {
                String label = t.outcome().name() + (t.trialId().equals(knee) ? " (knee)" : "");
                assertTrue(
                        labels.contains(label),
                        "pair " + pair + ": no label '" + label + "' in " + labels);
            }
            // the ring of each frontier point, plus the legend's
            assertEquals(
                    front.size() + 1,
                    count(chart, "fill-opacity=\"0\" stroke=\"#222\""),
                    "frontier rings drawn for pair " + pair);
        }

        // the menu: a copy of the page picks the last pair as a reader would, through a change
        // event
        String html = Files.readString(report);
        int end = html.lastIndexOf("</body>");
        Path menu = run.resolve("report-menu.html");
        Files.writeString(
                menu,
                html.substring(0, end)
                        + "<script>var m = document.getElementById('explorer-pair');"
                        + " m.value = '2'; m.dispatchEvent(new Event('change'));</script>\n"
                        + html.substring(end));
        Run switched = chromium(chromium, profile, menu, "", List.of("--dump-dom"));
        assertEquals(List.of(), switched.console(), "console after switching the pair");
        String switchedChart = chartElement(switched.dom());
        assertTrue(switchedChart.contains(" data-pair=\"2\""), switchedChart.substring(0, 300));
        assertEquals(
                front.size(),
                labels(switchedChart).size(),
                "labels after switching: " + labels(switchedChart));
        assertTrue(
                switched.dom().contains("<option value=\"2\">Size vs latency p50</option>"),
                "the menu offers the pair");

        // the hover box, opened through the page's #trial= link: configuration and figures, escaped
        Run tip =
                chromium(
                        chromium,
                        profile,
                        report,
                        "#pair=0&trial="
                                + java.net.URLEncoder.encode("t<99>", StandardCharsets.UTF_8),
                        List.of("--dump-dom"));
        assertEquals(List.of(), tip.console(), "console with the hover box open");
        assertFalse(tip.dom().contains("<img src=\"x\""), "a trial name became an element");
        int box = tip.dom().indexOf("<div class=\"tip\">");
        assertTrue(box > 0, "no hover box in the page");
        String shown = tip.dom().substring(box, tip.dom().indexOf("</table>", box));
        for (String expected :
                List.of(
                        "<b>&lt;/script&gt;&lt;img src=x onerror=\"console.error('xss')\"&gt; &amp; 'q'</b>",
                        "<span class=\"tip-tech\">&lt;i&gt;evil&lt;/i&gt;</span>",
                        "t&lt;99&gt; · on the Pareto frontier",
                        "<td>note&lt;/script&gt;</td><td>&lt;b&gt;x&lt;/b&gt;</td>",
                        "<td>accuracy ± 95% CI</td><td class=\"tip-num\">60.00% ± 1.00</td>",
                        "<td>size</td><td class=\"tip-num\">39.1 KB (40,000 bytes)</td>",
                        "<td>ratio</td><td class=\"tip-num\">45×</td>",
                        "<td>latency</td><td class=\"tip-num\">0.09 ms</td>")) {
            assertTrue(shown.contains(expected), "hover box lacks " + expected + ":\n" + shown);
        }

        Path png = OUT.resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Run shot =
                chromium(
                        chromium,
                        profile,
                        report,
                        "#pair=0&trial=" + java.net.URLEncoder.encode(knee, StandardCharsets.UTF_8),
                        List.of("--screenshot=" + png, "--hide-scrollbars"));
        assertEquals(List.of(), shot.console(), "console while taking the screenshot");
        byte[] bytes = Files.readAllBytes(png);
        assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1));
        int width = java.nio.ByteBuffer.wrap(bytes, 16, 4).getInt();
        assertEquals(1280, width, "screenshot width");
        assertTrue(bytes.length > 50_000, "a screenshot with a chart, not a blank page");
    }

    /** Proves the console is read at all: a page that logs an error must be caught. */
    private static void canary(Path chromium, Path profile)
            throws IOException, InterruptedException {
        Path page = profile.resolve("canary.html");
        Files.writeString(
                page, "<!DOCTYPE html><title>c</title><script>console.error('canary 7')</script>");
        Run run = chromium(chromium, profile, page, "", List.of("--dump-dom"));
        assertTrue(
                run.console().stream().anyMatch(l -> l.contains("canary 7")),
                "Chromium's console is not read from its log; its log format may have changed:\n"
                        + run.stderr());
    }

    private static Run chromium(
            Path chromium, Path profile, Path page, String fragment, List<String> mode)
            throws IOException, InterruptedException {
        var command =
                new ArrayList<>(
                        List.of(
                                chromium.toString(),
                                "--headless=new",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--no-first-run",
                                "--no-default-browser-check",
                                "--disable-extensions",
                                "--user-data-dir=" + profile.resolve("profile"),
                                "--enable-logging=stderr",
                                "--v=0",
                                "--host-resolver-rules=MAP * ~NOTFOUND",
                                "--window-size=1280,1400",
                                "--virtual-time-budget=10000"));
        command.addAll(mode);
        command.add(page.toAbsolutePath().toUri() + fragment);
        Path out = profile.resolve("stdout.txt");
        Path err = profile.resolve("stderr.txt");
        Process process =
                new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("Chromium did not finish within 120 s: " + String.join(" ", command));
        }
        String stderr = Files.readString(err);
        if (process.exitValue() != 0) {
            fail("Chromium exited with " + process.exitValue() + ":\n" + stderr);
        }
        return new Run(Files.readString(out), stderr);
    }

    /** Debian's chromium on the PATH, else a failure saying how to install it. */
    private static Path chromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "chromium");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return fail(
                "'chromium' is not on the PATH ("
                        + path
                        + "): the HTML report's browser test needs Debian's chromium"
                        + " (apt-get install chromium; .ci/run installs it)");
    }

    private static String chartElement(String dom) {
        int start = dom.indexOf("<div id=\"" + Explorer.CHART_ID + "\"");
        assertTrue(start >= 0, "no chart element in the page:\n" + dom);
        int end = dom.indexOf("</svg>", start);
        assertTrue(end > start, "the chart holds no SVG: " + dom.substring(start));
        return dom.substring(start, end);
    }

    /** The texts drawn in the point labels' colour (legend and axes have their own). */
    private static List<String> labels(String svg) {
        var texts = new ArrayList<String>();
        Matcher m = Pattern.compile("<text[^>]* fill=\"#222\"[^>]*>([^<]*)</text>").matcher(svg);
        while (m.find()) {
            texts.add(
                    m.group(1)
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&quot;", "\"")
                            .replace("&#39;", "'")
                            .replace("&nbsp;", "\u00a0")
                            .replace("&amp;", "&"));
        }
        return texts;
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }
}
