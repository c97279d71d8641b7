package dev.frontier.analysis;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A bound a trial's metric must satisfy to be feasible, e.g. {@code size_mb <= 5}.
 *
 * @param metric the metric name as it appears in {@link TrialOutcome#metrics()}
 * @param operator the comparison
 * @param bound the finite bound
 */
public record Constraint(String metric, Operator operator, double bound) {

    /** The comparison a {@link Constraint} applies. */
    public enum Operator {
        /** Value must be at most the bound. */
        LE("<="),
        /** Value must be at least the bound. */
        GE(">="),
        /** Value must be below the bound. */
        LT("<"),
        /** Value must be above the bound. */
        GT(">");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /**
         * Returns the operator's symbol, e.g. {@code <=}.
         *
         * @return the symbol
         */
        public String symbol() {
            return symbol;
        }

        /**
         * Returns the operator written as {@code symbol}.
         *
         * @param symbol one of {@code <=, >=, <, >}
         * @return the operator
         * @throws IllegalArgumentException if the symbol is unknown
         */
        public static Operator fromSymbol(String symbol) {
            for (Operator op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(
                    "unknown constraint operator '"
                            + symbol
                            + "'; use one of "
                            + Arrays.stream(values())
                                    .map(Operator::symbol)
                                    .collect(Collectors.joining(" ")));
        }

        boolean holds(double value, double bound) {
            switch (this) {
                case LE:
                    return value <= bound;
                case GE:
                    return value >= bound;
                case LT:
                    return value < bound;
                case GT:
                    return value > bound;
                default:
                    throw new AssertionError(this);
            }
        }
    }

    /** Validates the metric name, operator and bound. */
    public Constraint {
        MetricNames.requireValid(metric, "constraint metric");
        Objects.requireNonNull(operator, "constraint operator");
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException(
                    "constraint on '" + metric + "' needs a finite bound, got " + bound);
        }
    }

    /**
     * Parses a constraint written as {@code "<metric> <op> <bound>"}, e.g. {@code "size_mb <= 5"}.
     *
     * @param text the constraint text; spaces around the operator are optional
     * @return the constraint
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Constraint parse(String text) {
        Objects.requireNonNull(text, "constraint text");
        var matcher =
                java.util.regex.Pattern.compile("\\s*(\\S+?)\\s*(<=|>=|<|>)\\s*(\\S+)\\s*")
                        .matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    "cannot read constraint '"
                            + text
                            + "'; write it as '<metric> <op> <number>' with op one of <= >= < >, e.g. 'size_mb <= 5'");
        }
        double bound;
        try {
            bound = Double.parseDouble(matcher.group(3));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "constraint '"
                            + text
                            + "' has bound '"
                            + matcher.group(3)
                            + "', which is not a number",
                    e);
        }
        return new Constraint(matcher.group(1), Operator.fromSymbol(matcher.group(2)), bound);
    }

    /**
     * Returns true if the value satisfies this constraint; NaN never does.
     *
     * @param value the trial's metric value
     * @return whether the value is within the bound
     */
    public boolean isSatisfiedBy(double value) {
        return operator.holds(value, bound);
    }

    @Override
    public String toString() {
        return metric + " " + operator.symbol + " " + MetricNames.format(bound);
    }
}
