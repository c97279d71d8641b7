package dev.frontier.tracking.sync;

import java.util.List;

/**
 * What a sync did.
 *
 * @param created runs created on the target
 * @param updated runs that existed on the target and were brought up to date
 * @param tagsOnly runs whose only change was their tags (e.g. pareto tags set after the trial
 *     ended)
 * @param unchanged runs already up to date, left alone
 * @param refused partial runs not pushed, each with its reason
 * @param repaired leftovers removed from the source, one sentence each
 */
public record SyncReport(
        int created,
        int updated,
        int tagsOnly,
        int unchanged,
        List<String> refused,
        List<String> repaired) {

    /** Checks that the counts are not negative; freezes the lists. */
    public SyncReport {
        if (created < 0 || updated < 0 || tagsOnly < 0 || unchanged < 0) {
            throw new IllegalArgumentException("sync counts must not be negative");
        }
        refused = List.copyOf(refused);
        repaired = List.copyOf(repaired);
    }

    /**
     * A report with nothing refused or repaired.
     *
     * @param created runs created
     * @param updated runs updated
     * @param tagsOnly runs whose tags only changed
     * @param unchanged runs left alone
     */
    public SyncReport(int created, int updated, int tagsOnly, int unchanged) {
        this(created, updated, tagsOnly, unchanged, List.of(), List.of());
    }

    /**
     * Returns the number of runs looked at.
     *
     * @return the total
     */
    public int total() {
        return created + updated + tagsOnly + unchanged;
    }

    @Override
    public String toString() {
        return total()
                + " runs: "
                + created
                + " created, "
                + updated
                + " updated, "
                + tagsOnly
                + " tags only, "
                + unchanged
                + " unchanged"
                + (refused.isEmpty() ? "" : ", " + refused.size() + " partial refused")
                + (repaired.isEmpty() ? "" : "; repaired: " + String.join("; ", repaired));
    }
}
