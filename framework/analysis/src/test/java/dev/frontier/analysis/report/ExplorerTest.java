package dev.frontier.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frontier.analysis.Objective;
import dev.frontier.analysis.SyntheticSweep;
import dev.frontier.analysis.TrialOutcome;
import dev.frontier.analysis.TrialStatus;
import dev.frontier.analysis.pareto.ParetoAnalysis;
import dev.frontier.analysis.pareto.ParetoCriteria;
import dev.frontier.analysis.pareto.ParetoResult;
import dev.frontier.analysis.pareto.RankedTrial;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplorerTest {

    private static final ParetoCriteria CRITERIA =
            ParetoCriteria.of(
                    Objective.maximize("accuracy"),
                    Objective.minimize("size_bytes"),
                    Objective.minimize("latency_p50_ms"));

    /** A name that breaks out of a script element, an attribute and a tooltip if not escaped. */
    static final String HOSTILE = "</script><img src=x onerror=\"console.error('xss')\"> & 'q'";

    /**
     * The synthetic sweep plus a trial with a hostile name and technique that is on the frontier.
     */
    static List<TrialOutcome> sweepWithHostileTrial() {
        var outcomes = new ArrayList<>(SyntheticSweep.outcomes(42));
        var metrics = new LinkedHashMap<String, Double>();
        metrics.put("accuracy", 0.60);
        metrics.put("accuracy_ci_low", 0.59);
        metrics.put("accuracy_ci_high", 0.61);
        metrics.put("size_bytes", 40_000.0);
        metrics.put("compression_ratio", 45.0);
        metrics.put("latency_p50_ms", 0.09);
        outcomes.add(
                new TrialOutcome(
                        "t<99>",
                        HOSTILE,
                        "<i>evil</i>",
                        TrialStatus.OK,
                        "",
                        Map.of("note</script>", "<b>x</b>"),
                        metrics));
        return outcomes;
    }

    @Test
    void pairs_putAccuracyOnYAgainstEachObjective_thenTheOthersAgainstEachOther() {
        List<String[]> pairs = Explorer.pairs(CRITERIA.objectives());
        assertEquals(
                List.of(
                        "size_bytes/accuracy",
                        "latency_p50_ms/accuracy",
                        "latency_p50_ms/size_bytes"),
                pairs.stream().map(p -> p[0] + "/" + p[1]).toList());
        assertEquals(
                List.of("Accuracy vs size", "Accuracy vs latency p50", "Size vs latency p50"),
                pairs.stream().map(p -> Explorer.title(p[0], p[1])).toList());
        List<String[]> noAccuracy =
                Explorer.pairs(List.of(Objective.maximize("f1"), Objective.minimize("params")));
        assertEquals("params/f1", noAccuracy.get(0)[0] + "/" + noAccuracy.get(0)[1]);
        assertEquals(1, noAccuracy.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void data_carriesEveryRankedTrialWithItsConfigurationFiguresAndInterval() {
        ParetoResult result = ParetoAnalysis.analyze(SyntheticSweep.outcomes(42), CRITERIA);
        Map<String, Object> data = Explorer.data(result, Explorer.pairs(CRITERIA.objectives()));
        var trials = (List<Map<String, Object>>) data.get("trials");
        assertEquals(18, trials.size(), "20 trials, 2 failed");
        assertEquals(
                result.front().stream().map(RankedTrial::trialId).sorted().toList(),
                trials.stream()
                        .filter(t -> (Boolean) t.get("frontier"))
                        .map(t -> (String) t.get("id"))
                        .sorted()
                        .toList());
        String knee = result.knee().orElseThrow().trialId();
        assertEquals(
                List.of(knee),
                trials.stream()
                        .filter(t -> (Boolean) t.get("knee"))
                        .map(t -> (String) t.get("id"))
                        .toList());

        Map<String, Object> base = trials.get(0);
        assertEquals("baseline", base.get("name"));
        TrialOutcome outcome = SyntheticSweep.outcomes(42).get(0);
        assertEquals(
                List.of(
                        outcome.metrics().get("accuracy_ci_low"),
                        outcome.metrics().get("accuracy_ci_high")),
                ((Map<String, Object>) base.get("ci")).get("accuracy"));
        assertEquals(
                outcome.metrics().get("size_bytes"),
                ((Map<String, Object>) base.get("values")).get("size_bytes"));
        var figures = (List<List<String>>) base.get("figures");
        assertEquals(
                List.of("accuracy ± 95% CI", "Δ vs baseline", "size", "ratio", "latency"),
                figures.stream().map(f -> f.get(0)).toList());
        assertEquals(
                String.format(
                        java.util.Locale.ROOT,
                        "1.72 MB (%,d bytes)",
                        Math.round(outcome.metrics().get("size_bytes"))),
                figures.get(2).get(1));
        assertEquals("1×", figures.get(3).get(1));

        Map<String, Object> int8 =
                trials.stream().filter(t -> t.get("name").equals("int8")).findFirst().orElseThrow();
        assertEquals(
                List.of(List.of("bits", "8"), List.of("kernel_precision", "int8")),
                int8.get("params"));
        assertEquals(
                int8.get("id").equals(knee)
                        ? "on the Pareto frontier, knee point"
                        : "on the Pareto frontier",
                int8.get("standing"));

        var size =
                (Map<String, Object>) ((Map<String, Object>) data.get("metrics")).get("size_bytes");
        assertEquals(true, size.get("log"));
        assertEquals("bytes", size.get("unit"));
        assertEquals(false, size.get("maximize"));
    }

    @Test
    void html_escapesHostileTrialTextInTheMenuAndTheInlinedData() throws IOException {
        ParetoResult result = ParetoAnalysis.analyze(sweepWithHostileTrial(), CRITERIA);
        assertTrue(result.trial("t<99>").orElseThrow().onFrontier(), "the hostile trial is drawn");
        String html = HtmlReport.render("</script>", result, List.of());
        assertEquals(
                3, html.split("</script>", -1).length - 1, "only the three script elements end");
        assertFalse(html.contains("<img src=x"));
        assertFalse(html.contains("<i>evil"));
        int start = html.indexOf("<script type=\"application/json\" id=\"explorer-data\">");
        String json = html.substring(start, html.indexOf("</script>", start));
        assertTrue(
                json.contains(
                        "\"\\u003c/script\\u003e\\u003cimg src=x onerror=\\\"console.error('xss')\\\"\\u003e"
                                + " \\u0026 'q'\""),
                json);
        assertTrue(
                json.contains(
                        "[\"note\\u003c/script\\u003e\",\"\\u003cb\\u003ex\\u003c/b\\u003e\"]"),
                json);
    }

    @Test
    void json_escapesWhatWouldEndAScriptElement_andWritesNonFiniteNumbersAsNull() {
        var map = new LinkedHashMap<String, Object>();
        map.put("s", "a\"b\\c\n</script><!--&\u2029\u0001");
        map.put("n", List.of(1.0, 0.25, Double.NaN, Double.POSITIVE_INFINITY, 3, true));
        map.put("<k>", null);
        assertEquals(
                "{\"s\":\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u003c!--\\u0026\\u2029\\u0001\","
                        + "\"n\":[1,0.25,null,null,3,true],\"\\u003ck\\u003e\":null}",
                Json.write(map));
    }

    @Test
    void chartLibrary_isTheWebJarsEcharts_andItsScriptEndsNoElement() {
        assertEquals("5.3.1", ChartLibrary.version());
        String script = ChartLibrary.script();
        assertTrue(script.length() > 500_000, "the whole minified library");
        assertTrue(script.contains("echarts"));
        assertFalse(script.toLowerCase(java.util.Locale.ROOT).contains("</script"));
        assertThrows(IllegalStateException.class, () -> ChartLibrary.sibling("missing.js"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void data_keepsInfeasibleTrialsAsLeftOut_withTheViolatedConstraint() {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        SyntheticSweep.outcomes(42),
                        CRITERIA.withConstraints(
                                dev.frontier.analysis.Constraint.parse("latency_p50_ms <= 0.5")));
        var trials =
                (List<Map<String, Object>>)
                        Explorer.data(result, Explorer.pairs(CRITERIA.objectives())).get("trials");
        Map<String, Object> base = trials.get(0);
        assertEquals("baseline", base.get("name"));
        assertEquals(false, base.get("ranked"));
        assertEquals(false, base.get("frontier"));
        assertTrue(
                ((String) base.get("standing")).startsWith("infeasible: "),
                (String) base.get("standing"));
        assertTrue(
                ((String) base.get("standing")).contains("latency_p50_ms"),
                (String) base.get("standing"));
        assertEquals(
                result.count(dev.frontier.analysis.pareto.Standing.INFEASIBLE)
                        + result.count(dev.frontier.analysis.pareto.Standing.RANKED),
                trials.size());
    }

    @Test
    void noExplorer_withoutARankedTrial() throws IOException {
        ParetoResult result =
                ParetoAnalysis.analyze(
                        List.of(TrialOutcome.failed("a", "crash", "prune", Map.of(), "boom")),
                        CRITERIA);
        assertFalse(Explorer.applies(result));
        assertFalse(HtmlReport.render("x", result, List.of()).contains("<script"));
    }
}
