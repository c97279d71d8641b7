package dev.frontier.spec;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A limit a trial must meet to be on the frontier, written {@code accuracy_drop <= 1.0}.
 *
 * @param metric a metric name; {@code accuracy_drop} is baseline accuracy minus trial accuracy, in
 *     points
 * @param op the comparison
 * @param bound the limit
 */
public record Constraint(String metric, Op op, double bound) {

    private static final Pattern FORM =
            Pattern.compile(
                    "\\s*([a-z][a-z0-9_]*)\\s*(<=|>=|<|>)\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*");

    /** A comparison operator. */
    public enum Op implements Named {
        /** At most. */
        LE("<="),
        /** Less than. */
        LT("<"),
        /** At least. */
        GE(">="),
        /** Greater than. */
        GT(">");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        @Override
        public String yamlName() {
            return symbol;
        }

        /** Whether {@code value op bound} holds. */
        public boolean test(double value, double bound) {
            return switch (this) {
                case LE -> value <= bound;
                case LT -> value < bound;
                case GE -> value >= bound;
                case GT -> value > bound;
            };
        }
    }

    /** Checks the metric name and that the bound is finite. */
    public Constraint {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(op, "op");
        new Checks()
                .require(
                        Objective.isMetricName(metric) && Double.isFinite(bound),
                        "",
                        "found '"
                                + metric
                                + " "
                                + op.yamlName()
                                + " "
                                + bound
                                + "', expected '<metric> <op> <number>'")
                .done();
    }

    /**
     * Parses {@code metric op number}, e.g. {@code accuracy_drop <= 1.0}.
     *
     * @throws SpecException naming what was found and what is expected
     */
    public static Constraint parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new SpecException(
                    Problem.at(
                            "",
                            "found '"
                                    + text
                                    + "', expected '<metric> <op> <number>' with op one of <=, <, >=, > (e.g. 'accuracy_drop <= 1.0')"));
        }
        Op op = Named.parse(Op.class, m.group(2)).orElseThrow();
        return new Constraint(m.group(1), op, Double.parseDouble(m.group(3)));
    }

    /** Whether a measured value satisfies this constraint. */
    public boolean test(double value) {
        return op.test(value, bound);
    }

    /** The YAML form, {@code metric op bound}. */
    @Override
    public String toString() {
        return metric + " " + op.yamlName() + " " + bound;
    }
}
