package dev.frontier.plan;

import dev.frontier.spec.Sweep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planned sweep: trials in sweep order and the stage tree (parents listed before children).
 * Immutable; {@link #render()} gives the text the CLI prints for {@code frontier plan}.
 */
public final class Plan {

    private final Sweep sweep;
    private final List<Trial> trials;
    private final List<Stage> stages;
    private final Map<String, Stage> byKey = new LinkedHashMap<>();
    private final Map<String, List<Stage>> children = new LinkedHashMap<>();
    private final int excludedCount;
    private final int mergedCount;
    private final int naiveStageCount;
    private final double naiveEstimatedSeconds;

    Plan(
            Sweep sweep,
            List<Trial> trials,
            List<Stage> stages,
            int excludedCount,
            int mergedCount,
            int naiveStageCount,
            double naiveEstimatedSeconds) {
        this.sweep = sweep;
        this.trials = List.copyOf(trials);
        this.stages = List.copyOf(stages);
        this.excludedCount = excludedCount;
        this.mergedCount = mergedCount;
        this.naiveStageCount = naiveStageCount;
        this.naiveEstimatedSeconds = naiveEstimatedSeconds;
        for (Stage s : this.stages) {
            byKey.put(s.key(), s);
            children.computeIfAbsent(s.key(), k -> new ArrayList<>());
            s.parentKey().ifPresent(p -> children.get(p).add(s));
        }
    }

    /** The sweep this plan was made from. */
    public Sweep sweep() {
        return sweep;
    }

    /** The trials in sweep order. */
    public List<Trial> trials() {
        return trials;
    }

    /** Number of trials. */
    public int trialCount() {
        return trials.size();
    }

    /** Every unique stage, each parent before its children. */
    public List<Stage> stages() {
        return stages;
    }

    /** Number of unique stages: the work actually done. */
    public int uniqueStageCount() {
        return stages.size();
    }

    /** The sum over trials (and repeats) of their path lengths: the work without sharing. */
    public int naiveStageCount() {
        return naiveStageCount;
    }

    /** Combinations dropped by {@code exclude} rules. */
    public int excludedCount() {
        return excludedCount;
    }

    /**
     * Combinations dropped because their effective parameters equal an earlier trial's (e.g. 32
     * bits).
     */
    public int mergedCount() {
        return mergedCount;
    }

    /** The stage with this key, if any. */
    public Optional<Stage> stage(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** The children of a stage, in plan order. */
    public List<Stage> children(String key) {
        return List.copyOf(children.getOrDefault(key, List.of()));
    }

    /** The root stages (one baseline per repeat). */
    public List<Stage> roots() {
        return stages.stream().filter(s -> s.parentKey().isEmpty()).toList();
    }

    /** A trial's stages for one repeat, from the baseline to its MEASURE leaf. */
    public List<Stage> path(Trial trial, int repeat) {
        List<Stage> path = new ArrayList<>();
        for (Optional<String> k = Optional.of(trial.leafKeys().get(repeat));
                k.isPresent();
                k = byKey.get(k.get()).parentKey()) {
            path.add(0, byKey.get(k.get()));
        }
        return path;
    }

    /** Estimated seconds of all unique stages, run one after another. */
    public double estimatedSeconds() {
        return stages.stream().mapToDouble(Stage::estimatedSeconds).sum();
    }

    /** Estimated seconds if every trial ran its whole path alone. */
    public double naiveEstimatedSeconds() {
        return naiveEstimatedSeconds;
    }

    /** The summary and the stage tree as text, for {@code frontier plan}. */
    public String render() {
        return PlanRenderer.render(this);
    }
}
