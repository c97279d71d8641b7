package dev.frontier.spec;

import java.util.List;
import java.util.Objects;

/**
 * One axis of the Pareto frontier: a measured metric and whether more or less is better.
 *
 * @param metric a metric name such as {@code accuracy}, {@code size_bytes}, {@code latency_p50_ms}
 * @param direction max or min
 */
public record Objective(String metric, Direction direction) {

    /** Accuracy up, file size down, median latency down. */
    public static final List<Objective> DEFAULTS =
            List.of(
                    new Objective("accuracy", Direction.MAX),
                    new Objective("size_bytes", Direction.MIN),
                    new Objective("latency_p50_ms", Direction.MIN));

    /** Whether larger or smaller values are better. */
    public enum Direction implements Named {
        /** Larger is better. */
        MAX,
        /** Smaller is better. */
        MIN;

        @Override
        public String yamlName() {
            return name().toLowerCase();
        }
    }

    /** Checks that the metric is a lowercase identifier. */
    public Objective {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(direction, "direction");
        new Checks()
                .value(
                        "metric",
                        metric,
                        Objective::isMetricName,
                        "a metric name of lowercase letters, digits and '_' such as accuracy or latency_p50_ms")
                .done();
    }

    static boolean isMetricName(String name) {
        return name.matches("[a-z][a-z0-9_]*");
    }
}
