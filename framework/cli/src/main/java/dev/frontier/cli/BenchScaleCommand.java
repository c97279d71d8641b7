package dev.frontier.cli;

import dev.frontier.exec.cluster.ScaleModel;
import dev.frontier.exec.cluster.StageTimes;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Planner;
import dev.frontier.plan.Stage;
import dev.frontier.plan.StageKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code frontier bench scale}: wall time of a sweep's training stages against the number of
 * executors, on paper ({@link ScaleModel}: the level-by-level schedule the Spark executor runs,
 * with the total work and the critical path as bounds), from the stage times a run folder measured;
 * for another sweep ({@code --sweep}), from its stage tree with the planner's estimates calibrated
 * by those measured times.
 */
@Command(
        name = "scale",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Predicted wall time of the training stages against the number of executors, from a run's measured stage times.")
public final class BenchScaleCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "RUN",
            description = "a run folder (its sweep.yaml and stages/*/stage.yaml times)")
    Path run;

    @Option(
            names = "--sweep",
            paramLabel = "FILE",
            description =
                    "predict this sweep's stage tree instead of RUN's: stages RUN has are taken as measured, the"
                            + " others are the planner's estimates times RUN's measured/estimated ratio for their kind")
    Path sweep;

    @Option(
            names = "--executors",
            split = ",",
            defaultValue = "1,2,4,8",
            description = "executor counts (default: ${DEFAULT-VALUE})")
    List<Integer> executors;

    @Override
    public Integer call() throws Exception {
        Path spec = run.resolve("sweep.yaml");
        if (!Files.isRegularFile(spec)) {
            throw new UserInputException(
                    run + ": no sweep.yaml (not a run folder of `frontier run`)");
        }
        for (int n : executors) {
            if (n < 1) {
                throw new UserInputException("--executors: found " + n + ", expected >= 1");
            }
        }
        Plan measured = Planner.plan(SpecFiles.read(spec));
        StageTimes times;
        try {
            times = StageTimes.read(run);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        Plan target = measured;
        Map<String, Double> seconds = times.of(measured);
        String source =
                String.format(
                        Locale.ROOT,
                        "%d measured stage(s) of %s (stage.yaml seconds)",
                        seconds.size(),
                        run);
        if (sweep != null) {
            target = Planner.plan(SpecFiles.read(sweep));
            try {
                seconds = times.predict(target, measured);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(run + ": " + e.getMessage());
            }
            StringBuilder r = new StringBuilder();
            times.ratios(measured)
                    .forEach((k, v) -> r.append(String.format(Locale.ROOT, " %s %.2f", k, v)));
            long reused =
                    target.stages().stream()
                            .filter(s -> times.seconds().containsKey(s.key()))
                            .count();
            source =
                    String.format(
                            Locale.ROOT,
                            "planner estimates calibrated by %s: measured/estimated%s (* = all);"
                                    + " %d stage(s) taken as measured",
                            run,
                            r,
                            reused);
        }
        long training =
                target.stages().stream().filter(s -> !s.kind().equals(StageKind.MEASURE)).count();
        ScaleModel m = ScaleModel.of(target, seconds);
        System.out.printf(
                Locale.ROOT,
                "bench scale: sweep %s, %d training stage(s) in %d level(s); stage times: %s%n",
                target.sweep().name(),
                training,
                m.levels(),
                source);
        System.out.printf(
                Locale.ROOT,
                "work %.1f s, critical path %.1f s (the longest chain of stages: %s)%n",
                m.totalWork(),
                m.criticalPath(),
                chain(target, seconds));
        System.out.println("executors | predicted stage phase | lower bound | speed-up over 1");
        for (int n : executors) {
            System.out.printf(
                    Locale.ROOT,
                    "%d | %.1f s | %.1f s | %.2fx%n",
                    n,
                    m.seconds(n),
                    m.lowerBound(n),
                    m.seconds(1) / m.seconds(n));
        }
        return 0;
    }

    /** The labels' kinds along the critical path, e.g. "TRAIN_TEACHER > DISTILL > PRUNE". */
    private static String chain(Plan plan, Map<String, Double> seconds) {
        Map<String, Double> upTo = new java.util.HashMap<>();
        Map<String, Stage> byKey = new java.util.HashMap<>();
        String last = null;
        double best = -1;
        for (Stage s : plan.stages()) {
            byKey.put(s.key(), s);
            double c =
                    s.parentKey().map(p -> upTo.getOrDefault(p, 0.0)).orElse(0.0)
                            + seconds.getOrDefault(s.key(), 0.0);
            upTo.put(s.key(), c);
            if (c > best && !s.kind().equals(StageKind.MEASURE)) {
                best = c;
                last = s.key();
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Stage s = byKey.get(last); s != null; s = s.parentKey().map(byKey::get).orElse(null)) {
            sb.insert(0, (sb.length() == 0 ? "" : " > "))
                    .insert(0, s.kind().name().toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
