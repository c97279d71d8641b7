package dev.frontier.exec.run;

import dev.frontier.exec.store.StageStore;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.exec.store.Yaml;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Stage;
import dev.frontier.plan.Trial;
import dev.frontier.search.EarlyStopRule;
import dev.frontier.spec.EarlyStop;
import dev.frontier.spec.Problem;
import dev.frontier.spec.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Early stopping of a searched sweep's trials ({@code search.earlyStop}). Trials run one at a time,
 * so when a trial is judged no other unfinished trial needs its remaining stages: a stage is stored
 * whole or not at all, and one a later trial needs is run for it then.
 *
 * <p>What "after k epochs" means for a pipeline: the trial's own training is the epochs of its
 * passes (distillation, fine-tuning after pruning, QAT), in pipeline order; the baseline's and the
 * teacher's epochs are shared by every trial and are not counted. Once the stages holding the
 * trial's first k epochs are done (run now or reused), and before the next stage that must run or
 * the measurement, the validation accuracy recorded after its k-th epoch ({@code stage.yaml}) is
 * set against the accuracy of the trials measured so far (the baseline included). Sizes on both
 * sides are {@link SizeEstimate}'s, so what the estimate leaves out (containers, scales, how well
 * the coder does) weighs alike on the trial and on the measured trials it is compared with. {@link
 * EarlyStopRule} decides. The stage holding epoch k runs in full: a partial stage could serve no
 * trial.
 */
final class EarlyStopper {

    private final EarlyStop settings;
    private final EarlyStopRule rule;
    private final SizeEstimate sizes;
    private final List<EarlyStopRule.Measured> measured = new ArrayList<>();

    EarlyStopper(EarlyStop settings, SizeEstimate sizes) {
        this.settings = settings;
        this.rule = new EarlyStopRule(settings.margin());
        this.sizes = sizes;
    }

    /** The sweep's early-stop settings, if it searches with them. */
    static Optional<EarlyStop> settings(Sweep sweep) {
        return sweep.search().flatMap(s -> s.earlyStop());
    }

    /**
     * Early stopping judges accuracy and size, the only objectives known before measuring: any
     * other objective is a problem at {@code search.earlyStop}.
     */
    static Optional<Problem> objectivesProblem(Sweep sweep) {
        if (settings(sweep).isEmpty()) {
            return Optional.empty();
        }
        for (var o : SweepRunner.criteria(sweep).objectives()) {
            boolean known =
                    (o.metric().equals("accuracy")
                                    && o.direction() == dev.frontier.analysis.Direction.MAX)
                            || (o.metric().equals("size_bytes")
                                    && o.direction() == dev.frontier.analysis.Direction.MIN);
            if (!known) {
                return Optional.of(
                        Problem.at(
                                "search.earlyStop",
                                "early stopping compares validation accuracy (max) and the"
                                        + " estimated size_bytes (min); objective '"
                                        + o.metric()
                                        + "' ("
                                        + o.direction().name().toLowerCase(java.util.Locale.ROOT)
                                        + ") is known only once a trial is measured: drop it or"
                                        + " drop earlyStop"));
            }
        }
        return Optional.empty();
    }

    int afterEpochs() {
        return settings.afterEpochs();
    }

    /**
     * A measured (or reused) OK record with its estimated size: a point to beat (one whose size
     * cannot be estimated is left out).
     */
    void measured(TrialRecord rec, OptionalDouble estimate) {
        Double acc = rec.metrics().get("accuracy");
        if (!rec.ok() || acc == null || estimate.isEmpty()) {
            return;
        }
        measured.add(
                new EarlyStopRule.Measured(rec.trialId(), rec.name(), acc, estimate.getAsDouble()));
    }

    /** The estimated size of {@code trial}, or empty when unknown. */
    OptionalDouble estimate(Trial trial) {
        return sizes.bytes(trial);
    }

    /** The baseline's estimate: the dense model. */
    OptionalDouble baselineEstimate() {
        return OptionalDouble.of(sizes.dense());
    }

    /**
     * Why {@code trial} stops, judged on the pass stages of its path done so far (in order), or
     * empty when it goes on (also when its size or its k-th epoch's validation accuracy is
     * unknown).
     */
    Optional<Stopped> judge(Plan plan, Trial trial, List<Stage> donePasses, StageStore store)
            throws IOException {
        OptionalDouble raw = sizes.bytes(trial);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        int k = settings.afterEpochs();
        int seen = 0;
        for (Stage s : donePasses) {
            List<Double> val = validationAccuracies(store.stage(s.key()));
            if (seen + val.size() >= k) {
                double acc = val.get(k - seen - 1);
                double size = raw.getAsDouble();
                String when =
                        "after "
                                + k
                                + " epoch"
                                + (k == 1 ? "" : "s")
                                + " of its own training (stage "
                                + s.label()
                                + ")";
                return rule.judge(acc, size, measured)
                        .map(v -> new Stopped(v.reason(when), acc, size, s));
            }
            seen += val.size();
        }
        return Optional.empty();
    }

    /** The validation accuracy after each epoch a stage recorded (NaN where it had none). */
    @SuppressWarnings("unchecked")
    static List<Double> validationAccuracies(Path stageFolder) throws IOException {
        Path meta = stageFolder.resolve("stage.yaml");
        List<Double> out = new ArrayList<>();
        if (!Files.isRegularFile(meta)) {
            return out;
        }
        Map<String, Object> m = Yaml.load(Files.readString(meta), meta.toString());
        Object epochs = m.get("epochs");
        if (epochs instanceof List<?> list) {
            for (Object e : list) {
                Object v = e instanceof Map<?, ?> em ? em.get("val_accuracy") : null;
                out.add(v instanceof Number n ? n.doubleValue() : Double.NaN);
            }
        }
        return out;
    }

    /**
     * A stopped trial: why, its validation accuracy after k epochs, its corrected size estimate,
     * and the stage whose epoch k was judged.
     */
    record Stopped(String reason, double accuracy, double estimatedBytes, Stage judged) {}
}
