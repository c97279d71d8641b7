package dev.frontier.analysis.pareto;

import dev.frontier.analysis.TrialOutcome;
import java.util.Objects;

/**
 * One trial as the Pareto analysis sees it: its standing, its front rank, and a note saying why it
 * was left out when it was.
 *
 * @param outcome the trial
 * @param standing whether it was ranked or why not
 * @param rank front rank, 1 = on the frontier; 0 when not {@link Standing#RANKED}
 * @param note why the trial was left out (violated constraints, missing metrics, failure); empty if
 *     ranked
 */
public record RankedTrial(TrialOutcome outcome, Standing standing, int rank, String note) {

    /** Checks that the rank agrees with the standing. */
    public RankedTrial {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(standing, "standing");
        Objects.requireNonNull(note, "note");
        if (standing == Standing.RANKED ? rank < 1 : rank != 0) {
            throw new IllegalArgumentException(
                    "trial "
                            + outcome.trialId()
                            + " is "
                            + standing
                            + " with rank "
                            + rank
                            + "; ranked trials have rank >= 1, others 0");
        }
    }

    /**
     * Returns true if the trial is on the first front.
     *
     * @return whether the rank is 1
     */
    public boolean onFrontier() {
        return rank == 1;
    }

    /**
     * Returns the trial's id.
     *
     * @return {@code outcome().trialId()}
     */
    public String trialId() {
        return outcome.trialId();
    }
}
