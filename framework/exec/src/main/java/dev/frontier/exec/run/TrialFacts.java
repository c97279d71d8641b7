package dev.frontier.exec.run;

import dev.frontier.compress.LayerMap;
import dev.frontier.plan.Trial;
import dev.frontier.spec.Distill;
import dev.frontier.spec.Pass;
import dev.frontier.spec.Prune;
import dev.frontier.spec.Sweep;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What a trial asked for, to set beside what was measured: the training epochs its model saw (the
 * baseline's, when it starts from the baseline, plus every training pass's) and the overall
 * sparsity its magnitude pruning asked for. A trial that trained longer than the baseline and beats
 * it says more about the baseline than about compression; a measured sparsity below the asked-for
 * one means a later pass regrew pruned weights.
 */
public final class TrialFacts {
    /** A measured sparsity further than this from the asked-for one is flagged (0.5 points). */
    public static final double SPARSITY_TOLERANCE = 0.005;

    private TrialFacts() {}

    /**
     * Epochs of training the trial's final model saw in all; empty when that includes a pretrained
     * baseline's epochs, which nobody told Frontier.
     */
    static OptionalInt trainEpochs(Sweep sweep, Trial trial) {
        int passes = passEpochs(trial);
        if (fromScratch(trial)) {
            return OptionalInt.of(passes);
        }
        return pretrained(sweep)
                ? OptionalInt.empty()
                : OptionalInt.of(sweep.training().epochs() + passes);
    }

    /**
     * Epochs beyond the baseline's (negative when the trial trained less). With a pretrained
     * baseline: the passes' epochs for a trial that starts from it, empty for one trained from
     * scratch (the baseline's epochs are unknown, so the two cannot be compared).
     */
    static OptionalInt extraEpochs(Sweep sweep, Trial trial) {
        if (pretrained(sweep)) {
            return fromScratch(trial) ? OptionalInt.empty() : OptionalInt.of(passEpochs(trial));
        }
        return OptionalInt.of(trainEpochs(sweep, trial).orElseThrow() - sweep.training().epochs());
    }

    /** Whether the baseline's weights were loaded from a file rather than trained by the sweep. */
    static boolean pretrained(Sweep sweep) {
        return sweep.training().pretrained().isPresent();
    }

    /**
     * The epoch facts of a trial as metrics: {@code train_epochs} and {@code extra_epochs} where
     * known, and {@code baseline_pretrained: 1} when the baseline was loaded from a file.
     */
    static void put(Map<String, Double> metrics, Sweep sweep, Trial trial) {
        trainEpochs(sweep, trial).ifPresent(e -> metrics.put("train_epochs", (double) e));
        extraEpochs(sweep, trial).ifPresent(e -> metrics.put("extra_epochs", (double) e));
        if (pretrained(sweep)) {
            metrics.put("baseline_pretrained", 1.0);
        }
    }

    /** The baseline's epoch facts: its epochs (unknown when pretrained), no extra epochs. */
    static void putBaseline(Map<String, Double> metrics, Sweep sweep) {
        if (pretrained(sweep)) {
            metrics.put("baseline_pretrained", 1.0);
        } else {
            metrics.put("train_epochs", (double) sweep.training().epochs());
        }
        metrics.put("extra_epochs", 0.0);
    }

    private static boolean fromScratch(Trial trial) {
        return trial.pipeline().stream()
                .anyMatch(p -> p instanceof Distill d && d.init().value() == Distill.Init.SCRATCH);
    }

    private static int passEpochs(Trial trial) {
        int epochs = 0;
        for (Pass p : trial.pipeline()) {
            epochs += p.trainingEpochs();
        }
        return epochs;
    }

    /**
     * The fraction of all layer weights that the trial's last magnitude pruning asked to zero: its
     * ratio times the share of weights in the layers it prunes (excluded layers stay dense). Empty
     * without magnitude pruning (structured pruning shrinks layers instead of zeroing weights).
     */
    static Optional<Double> sparsityTarget(Trial trial, LayerMap layers) {
        Prune last = null;
        for (Pass p : trial.pipeline()) {
            if (p instanceof Prune prune && prune.method().value() == Prune.Method.MAGNITUDE) {
                last = prune;
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        List<String> excluded = layers.excludedFromPruning(last.exclude());
        Set<String> skip = new HashSet<>(excluded);
        long total = 0;
        long pruned = 0;
        for (LayerMap.Layer l : layers.layers()) {
            total += l.weightCount();
            if (!skip.contains(l.name())) {
                pruned += l.weightCount();
            }
        }
        return Optional.of(total == 0 ? 0 : last.ratio().value() * pruned / total);
    }

    /** Whether a measured sparsity is more than {@link #SPARSITY_TOLERANCE} from its target. */
    public static boolean offTarget(double target, double measured) {
        return Math.abs(target - measured) > SPARSITY_TOLERANCE;
    }

    /** A warning when the measured sparsity is {@link #offTarget off its target}. */
    static Optional<String> sparsityGap(String trialName, double target, double measured) {
        if (!offTarget(target, measured)) {
            return Optional.empty();
        }
        return Optional.of(
                String.format(
                        Locale.ROOT,
                        "%s: sparsity %.1f%% measured in its file, %.1f%% asked for (%+.1f points)",
                        trialName,
                        100 * measured,
                        100 * target,
                        100 * (measured - target)));
    }
}
