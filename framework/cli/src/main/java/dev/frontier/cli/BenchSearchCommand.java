package dev.frontier.cli;

import dev.frontier.search.Replay;
import dev.frontier.search.ReplayChart;
import dev.frontier.search.ReplayTable;
import dev.frontier.search.SearchCurve;
import dev.frontier.search.SearchStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code frontier bench search}: replays each search strategy against a table of measured trials (a
 * run's {@code results.csv}; evaluation is a lookup, as NAS-Bench does) for several seeds and
 * budgets, prints the hypervolume each reaches as a share of the full grid's, and plots the median
 * share against trials spent.
 */
@Command(
        name = "search",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Replay grid, random and NSGA-II search against a run's measured trials: hypervolume share of the full grid vs trials spent.")
public final class BenchSearchCommand implements Callable<Integer> {

    /** Share of the grid's hypervolume the issue asks the best strategy to reach. */
    static final double TARGET_SHARE = 0.95;

    /** Share of the grid's trials it may spend for that. */
    static final double TARGET_BUDGET = 0.25;

    @Option(
            names = "--table",
            defaultValue = "runs/headline",
            description =
                    "run folder or results.csv of measured trials (default: ${DEFAULT-VALUE}, from `frontier run experiments/headline.yaml`)")
    Path table;

    @Option(
            names = "--seeds",
            defaultValue = "10",
            description = "seeds per strategy (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(
            names = "--budgets",
            split = ",",
            defaultValue = "10,25,50",
            description = "budgets in percent of the grid's trials (default: ${DEFAULT-VALUE})")
    List<Double> budgets;

    @Option(
            names = "--strategies",
            split = ",",
            defaultValue = "grid,random,nsga2",
            description = "strategies to replay (default: ${DEFAULT-VALUE})")
    List<String> strategies;

    @Option(
            names = "--accuracy-metric",
            defaultValue = "accuracy",
            description = "metric maximized (default: ${DEFAULT-VALUE})")
    String accuracyMetric;

    @Option(
            names = "--bytes-metric",
            defaultValue = "size_bytes",
            description = "metric minimized (default: ${DEFAULT-VALUE})")
    String bytesMetric;

    @Option(
            names = "--plot",
            defaultValue = "runs/bench-search/hypervolume_vs_trials.png",
            description = "PNG of the median share vs trials spent (default: ${DEFAULT-VALUE})")
    Path plot;

    @Option(
            names = "--live",
            paramLabel = "STRATEGY=RUN[,RUN...]",
            description =
                    "instead of a replay, compare searched runs (repeatable, e.g. --live nsga2=runs/a,runs/b"
                            + " --live random=runs/c): hypervolume after each trial spent, as a share of all"
                            + " the runs' together, against one reference point; median and min-max per"
                            + " strategy in the plot")
    Map<String, String> live = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        if (!live.isEmpty()) {
            return live();
        }
        if (seeds < 1) {
            throw new UserInputException("--seeds must be at least 1, got " + seeds);
        }
        for (double b : budgets) {
            if (!(b > 0 && b <= 100)) {
                throw new UserInputException(
                        "--budgets: " + b + " is not a percentage in (0, 100]");
            }
        }
        for (String s : strategies) {
            if (!SearchStrategies.NAMES.contains(s)) {
                throw new UserInputException(
                        "--strategies: unknown strategy '"
                                + s
                                + "' (known: "
                                + SearchStrategies.NAMES
                                + ")");
            }
        }
        Path file = Files.isDirectory(table) ? table.resolve("results.csv") : table;
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(
                    "--table: no results table at "
                            + file
                            + " (run `frontier run experiments/headline.yaml` first, or experiments/headline-small.yaml and pass --table runs/headline-small)");
        }
        ReplayTable measured;
        try {
            measured = ReplayTable.readResultsCsv(file, accuracyMetric, bytesMetric);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--table: " + e.getMessage());
        }
        Replay replay = new Replay(measured);
        int n = measured.size();
        System.out.println("replay table: " + measured.source());
        System.out.println(
                "axes: "
                        + measured.space().axes().stream()
                                .map(a -> a.name() + " (" + a.size() + ")")
                                .collect(Collectors.joining(" x "))
                        + " -> "
                        + n
                        + " measured points");
        double[] ref = replay.referencePoint();
        System.out.printf(
                Locale.ROOT,
                "reference point: accuracy %.4f, %.0f bytes; full grid hypervolume %.4g%n",
                ref[0],
                ref[1],
                replay.fullHypervolume());
        if (n < 4) {
            System.out.println(
                    "warning: "
                            + n
                            + " points is too few for budgets to mean anything; use a larger sweep's run");
        }

        Map<String, double[][]> curves = replay.curves(strategies, seeds);
        List<Integer> trials = new ArrayList<>();
        for (double b : budgets) {
            trials.add(replay.trials(b / 100));
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "hypervolume share of the full grid, median [min-max] over %d seeds%n",
                seeds);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-9s", "strategy"));
        for (int i = 0; i < budgets.size(); i++) {
            header.append(
                    String.format(
                            Locale.ROOT,
                            "  %-22s",
                            pct(budgets.get(i)) + "% (" + trials.get(i) + " trials)"));
        }
        System.out.println(header.toString().stripTrailing());
        for (String s : strategies) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-9s", s));
            for (int t : trials) {
                Replay.Spread sp = Replay.spread(curves.get(s), t);
                row.append(
                        String.format(
                                Locale.ROOT,
                                "  %-22s",
                                String.format(
                                        Locale.ROOT,
                                        "%5.1f%% [%.1f-%.1f]",
                                        100 * sp.median(),
                                        100 * sp.min(),
                                        100 * sp.max())));
            }
            System.out.println(row.toString().stripTrailing());
        }
        System.out.println();

        int quarter = replay.trials(TARGET_BUDGET);
        String best = null;
        double bestShare = -1;
        for (String s : strategies) {
            double share = Replay.spread(curves.get(s), quarter).median();
            if (share > bestShare) {
                best = s;
                bestShare = share;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "best: %s reaches %.1f%% of the grid's hypervolume with %.0f%% of its trials (%d of %d, median over %d seeds)%n",
                best,
                100 * bestShare,
                100.0 * quarter / n,
                quarter,
                n,
                seeds);
        StringBuilder reach = new StringBuilder("median reaches 95% of the hypervolume after:");
        for (String s : strategies) {
            int k = firstReaching(curves.get(s), TARGET_SHARE);
            reach.append(
                    String.format(
                            Locale.ROOT,
                            " %s %s;",
                            s,
                            k < 0 ? "never" : k + " trials (" + Math.round(100.0 * k / n) + "%)"));
        }
        System.out.println(reach.substring(0, reach.length() - 1));
        if (curves.containsKey("random")) {
            double random = Replay.spread(curves.get("random"), quarter).median();
            String verdict;
            if ("random".equals(best)) {
                verdict = "not met: no strategy beats random there";
            } else if (bestShare < TARGET_SHARE) {
                verdict = "not met: below 95%";
            } else {
                verdict = bestShare > random ? "met" : "not met: not above random";
            }
            System.out.printf(
                    Locale.ROOT,
                    "target (>= 95%% of the hypervolume with <= 25%% of the trials, above random's %.1f%%): %s%n",
                    100 * random,
                    verdict);
        }
        Path png =
                ReplayChart.writePng(
                        ReplayChart.chart(
                                curves,
                                n,
                                "Search replay on "
                                        + file.toAbsolutePath().getParent().getFileName()
                                        + " ("
                                        + n
                                        + " trials, "
                                        + seeds
                                        + " seeds)"),
                        plot);
        System.out.println("plot: " + png.toAbsolutePath().normalize());
        return 0;
    }

    /** {@code --live}: searched runs side by side, against the reference of all their trials. */
    private int live() throws IOException {
        Map<String, List<List<double[]>>> runs = new LinkedHashMap<>();
        Map<String, List<String>> names = new LinkedHashMap<>();
        List<double[]> all = new ArrayList<>();
        int longest = 0;
        for (var e : live.entrySet()) {
            for (String run : e.getValue().split(",")) {
                List<double[]> spent;
                try {
                    spent = SearchCurve.readSpent(Path.of(run), accuracyMetric, bytesMetric);
                } catch (IllegalArgumentException ex) {
                    throw new UserInputException("--live " + e.getKey() + ": " + ex.getMessage());
                }
                runs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(spent);
                names.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(run);
                all.addAll(spent);
                longest = Math.max(longest, spent.size());
            }
        }
        double[] ref = SearchCurve.reference(all);
        if (ref == null) {
            throw new UserInputException("--live: no run has a measured trial");
        }
        double total = SearchCurve.hypervolumes(all, ref)[all.size() - 1];
        System.out.printf(
                Locale.ROOT,
                "reference point: accuracy %.4f, %.0f bytes (from the %d trials of every run); all"
                        + " runs together: hypervolume %.4g%n",
                ref[0],
                ref[1],
                all.stream().filter(p -> p != null).count(),
                total);
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (var e : runs.entrySet()) {
            double[][] shares = new double[e.getValue().size()][];
            for (int i = 0; i < shares.length; i++) {
                List<double[]> spent = e.getValue().get(i);
                double[] hv = SearchCurve.hypervolumes(spent, ref);
                shares[i] = new double[hv.length];
                for (int k = 0; k < hv.length; k++) {
                    shares[i][k] = hv[k] / total;
                }
                System.out.printf(
                        Locale.ROOT,
                        "%-8s %s: %d trials (%d not measured), hypervolume %.4g = %.1f%% of all"
                                + " runs'; after 10/20/30/40 trials: %s%n",
                        e.getKey(),
                        names.get(e.getKey()).get(i),
                        spent.size(),
                        spent.stream().filter(p -> p == null).count(),
                        hv.length == 0 ? 0 : hv[hv.length - 1],
                        hv.length == 0 ? 0 : 100 * shares[i][hv.length - 1],
                        marks(shares[i]));
            }
            curves.put(e.getKey(), shares);
        }
        Path png =
                ReplayChart.writePng(
                        ReplayChart.compare(
                                curves,
                                longest,
                                "Live searches: hypervolume vs trials spent",
                                "hypervolume, % of all runs' together (median, band: min-max)"),
                        plot);
        System.out.println("plot: " + png.toAbsolutePath().normalize());
        return 0;
    }

    private static String marks(double[] shares) {
        StringBuilder sb = new StringBuilder();
        for (int k = 10; k <= shares.length; k += 10) {
            sb.append(sb.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%.1f%%", 100 * shares[k - 1]));
        }
        return sb.toString();
    }

    /** Trials after which the median share over seeds first reaches {@code share}, or -1. */
    static int firstReaching(double[][] perSeed, double share) {
        int length = 0;
        for (double[] c : perSeed) {
            length = Math.max(length, c.length);
        }
        for (int k = 1; k <= length; k++) {
            if (Replay.spread(perSeed, k).median() >= share - 1e-12) {
                return k;
            }
        }
        return -1;
    }

    private static String pct(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
