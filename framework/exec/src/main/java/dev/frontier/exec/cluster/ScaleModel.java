package dev.frontier.exec.cluster;

import dev.frontier.plan.Plan;
import dev.frontier.plan.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Wall time of a sweep's training stages against the number of executors, on paper: from measured
 * stage times and the stage tree, under the schedule the Spark executor runs (one level of the tree
 * after another; within a level, longest stage first onto the executor free soonest). Also the two
 * bounds every schedule is between: the total work over the executors, and the critical path (the
 * longest chain of stages, which no number of executors shortens).
 */
public final class ScaleModel {
    private final List<List<Double>> levels;
    private final double criticalPath;
    private final double total;

    private ScaleModel(List<List<Double>> levels, double criticalPath, double total) {
        this.levels = levels;
        this.criticalPath = criticalPath;
        this.total = total;
    }

    /** The model of {@code plan}'s stages that have a time in {@code seconds} (by stage key). */
    public static ScaleModel of(Plan plan, Map<String, Double> seconds) {
        Map<String, Integer> depth = new HashMap<>();
        Map<String, Double> chain = new HashMap<>();
        TreeMap<Integer, List<Double>> byLevel = new TreeMap<>();
        double longest = 0;
        double total = 0;
        for (Stage s : plan.stages()) { // parents come before children
            int d = s.parentKey().map(p -> depth.getOrDefault(p, 0) + 1).orElse(0);
            depth.put(s.key(), d);
            double t = seconds.getOrDefault(s.key(), 0.0);
            double c = s.parentKey().map(p -> chain.getOrDefault(p, 0.0)).orElse(0.0) + t;
            chain.put(s.key(), c);
            longest = Math.max(longest, c);
            if (seconds.containsKey(s.key())) {
                byLevel.computeIfAbsent(d, k -> new ArrayList<>()).add(t);
                total += t;
            }
        }
        return new ScaleModel(new ArrayList<>(byLevel.values()), longest, total);
    }

    /**
     * Predicted wall time of the stages on {@code executors} executors, one stage each at a time.
     */
    public double seconds(int executors) {
        if (executors < 1) {
            throw new IllegalArgumentException("executors must be >= 1, got " + executors);
        }
        double wall = 0;
        for (List<Double> level : levels) {
            List<Double> longestFirst = new ArrayList<>(level);
            longestFirst.sort(Collections.reverseOrder());
            PriorityQueue<Double> free = new PriorityQueue<>();
            for (int i = 0; i < executors; i++) {
                free.add(0.0);
            }
            double makespan = 0;
            for (double t : longestFirst) {
                double end = free.poll() + t;
                free.add(end);
                makespan = Math.max(makespan, end);
            }
            wall += makespan;
        }
        return wall;
    }

    /** The number of levels (one Spark job each) that have stages with a time. */
    public int levels() {
        return levels.size();
    }

    /** The sum of all stage times: the wall time on one executor. */
    public double totalWork() {
        return total;
    }

    /** The longest root-to-leaf chain of stage times: no schedule is faster. */
    public double criticalPath() {
        return criticalPath;
    }

    /**
     * The lower bound on {@code executors}: the larger of the critical path and the work shared.
     */
    public double lowerBound(int executors) {
        return Math.max(criticalPath, total / executors);
    }
}
