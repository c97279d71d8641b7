package dev.frontier.exec.run;

import dev.frontier.exec.store.StageStore;
import dev.frontier.exec.store.TrialRecord;
import dev.frontier.plan.Plan;
import dev.frontier.plan.Stage;
import dev.frontier.plan.Trial;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which finished trial records of one run folder can be reused, each checked once per run (a check
 * hashes the record's input files and moves a damaged record aside).
 */
final class TrialReuse {

    private final StageStore store;
    private final Map<String, Optional<TrialRecord>> checked = new HashMap<>();
    private final boolean stopped;

    /** {@code stopped}: STOPPED records count as finished (the sweep stops trials early). */
    TrialReuse(StageStore store, boolean stopped) {
        this.store = store;
        this.stopped = stopped;
    }

    /** The reusable record of a trial (or "baseline") measured from {@code stageKey}'s model. */
    Optional<TrialRecord> record(String trialId, int repeat, String stageKey) {
        return checked.computeIfAbsent(
                trialId + "\n" + repeat + "\n" + stageKey,
                k -> store.reusableTrial(trialId, repeat, stageKey, stopped));
    }

    /**
     * The stages some trial still needs: those on the path of every baseline and trial without a
     * reusable record. A stage only finished trials pass through is neither checked nor rebuilt.
     */
    Set<String> neededStages(Plan plan, int repeats) {
        Set<String> needed = new HashSet<>();
        for (int r = 0; r < repeats; r++) {
            Stage root = plan.path(plan.trials().get(0), r).get(0);
            if (record("baseline", r, root.key()).isEmpty()) {
                needed.add(root.key());
            }
            for (Trial t : plan.trials()) {
                List<Stage> path = plan.path(t, r);
                if (record(t.id(), r, path.get(path.size() - 2).key()).isEmpty()) {
                    path.forEach(s -> needed.add(s.key()));
                }
            }
        }
        return needed;
    }
}
