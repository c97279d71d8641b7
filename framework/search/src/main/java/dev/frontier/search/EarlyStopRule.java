package dev.frontier.search;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a trial still in training can reach the frontier of the trials measured so far, on two
 * objectives: accuracy (higher is better) and file size (lower is better). A trial is hopeless when
 * some measured trial is at most its (estimated) size and at least {@code margin} more accurate
 * than its accuracy so far: even gaining the margin, it would stay dominated. The measured trial
 * named is on the measured front (the most accurate one at or below the size, the smaller on ties).
 */
public final class EarlyStopRule {

    private final double margin;

    /** A rule with {@code margin} in [0, 1): how far ahead (a fraction of accuracy) is hopeless. */
    public EarlyStopRule(double margin) {
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("margin " + margin + " is not in [0, 1)");
        }
        this.margin = margin;
    }

    /**
     * A measured trial.
     *
     * @param id its id
     * @param name its readable name
     * @param accuracy its measured accuracy, a fraction
     * @param sizeBytes its file size (as estimated for the trials it is compared with)
     */
    public record Measured(String id, String name, double accuracy, double sizeBytes) {
        /** Checks the identity. */
        public Measured {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Why a trial stops: the measured trial that beats it and by how much.
     *
     * @param by the measured trial on the front that beats it
     * @param accuracy the stopped trial's accuracy so far
     * @param sizeBytes its estimated size
     * @param margin the margin it had to be within
     */
    public record Verdict(Measured by, double accuracy, double sizeBytes, double margin) {
        /** How far ahead {@link #by} is, in accuracy (a fraction). */
        public double gap() {
            return by.accuracy() - accuracy;
        }

        /** One line: who beats it, at what size, by how many points. */
        public String reason(String when) {
            return String.format(
                    Locale.ROOT,
                    "stopped %s: validation accuracy %.2f%% at an estimated %.0f B; %s (%s) is"
                            + " %.2f pts more accurate (margin %.2f) at an estimated %.0f B",
                    when,
                    100 * accuracy,
                    sizeBytes,
                    by.id(),
                    by.name(),
                    100 * gap(),
                    100 * margin,
                    by.sizeBytes());
        }
    }

    /**
     * The verdict on a trial with {@code accuracy} so far at {@code sizeBytes}, given the trials
     * measured so far; empty while it can still reach their frontier (or when a figure is NaN).
     */
    public Optional<Verdict> judge(double accuracy, double sizeBytes, List<Measured> measured) {
        if (Double.isNaN(accuracy) || Double.isNaN(sizeBytes)) {
            return Optional.empty();
        }
        Measured best = null;
        for (Measured m : measured) {
            if (Double.isNaN(m.accuracy()) || Double.isNaN(m.sizeBytes())) {
                continue;
            }
            if (m.sizeBytes() > sizeBytes || m.accuracy() < accuracy + margin) {
                continue;
            }
            if (best == null
                    || m.accuracy() > best.accuracy()
                    || (m.accuracy() == best.accuracy() && m.sizeBytes() < best.sizeBytes())) {
                best = m;
            }
        }
        return best == null
                ? Optional.empty()
                : Optional.of(new Verdict(best, accuracy, sizeBytes, margin));
    }
}
