package dev.frontier.exec;

import dev.frontier.compress.LayerMap;
import dev.frontier.plan.Trial;
import dev.frontier.spec.Distill;
import dev.frontier.spec.Pass;
import dev.frontier.spec.Prune;
import dev.frontier.spec.Sweep;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a trial asked for, to set beside what was measured: the training epochs its model saw (the
 * baseline's, when it starts from the baseline, plus every training pass's) and the overall sparsity
 * its magnitude pruning asked for. A trial that trained longer than the baseline and beats it says more
 * about the baseline than about compression; a measured sparsity below the asked-for one means a later
 * pass regrew pruned weights.
 */
public final class TrialFacts {
    /** A measured sparsity further than this from the asked-for one is flagged (0.5 points). */
    public static final double SPARSITY_TOLERANCE = 0.005;

    private TrialFacts() {
    }

    /** Epochs of training the trial's final model saw in all. */
    static int trainEpochs(Sweep sweep, Trial trial) {
        boolean fromScratch = trial.pipeline().stream()
                .anyMatch(p -> p instanceof Distill d && d.init().value() == Distill.Init.SCRATCH);
        int epochs = fromScratch ? 0 : sweep.training().epochs();
        for (Pass p : trial.pipeline()) {
            epochs += p.trainingEpochs();
        }
        return epochs;
    }

    /** Epochs beyond the baseline's (negative when the trial trained less). */
    static int extraEpochs(Sweep sweep, Trial trial) {
        return trainEpochs(sweep, trial) - sweep.training().epochs();
    }

    /**
     * The fraction of all layer weights that the trial's last magnitude pruning asked to zero: its ratio
     * times the share of weights in the layers it prunes (excluded layers stay dense). Empty without
     * magnitude pruning (structured pruning shrinks layers instead of zeroing weights).
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
        return Optional.of(String.format(Locale.ROOT,
                "%s: sparsity %.1f%% measured in its file, %.1f%% asked for (%+.1f points)", trialName, 100 * measured,
                100 * target, 100 * (measured - target)));
    }
}
