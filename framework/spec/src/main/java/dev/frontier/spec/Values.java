package dev.frontier.spec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Canonical text of parameter values, shared by messages, the YAML writer and the planner's hashes.
 */
public final class Values {

    private static final MathContext TWELVE_DIGITS = new MathContext(12);

    private Values() {}

    /**
     * The canonical text of a value: decimals as Java prints doubles, choices by YAML name, lists
     * in brackets.
     */
    public static String show(Object value) {
        if (value instanceof Named named) {
            return named.yamlName();
        }
        if (value instanceof Double d) {
            return decimal(d);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Values::show).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    /**
     * A decimal as YAML reads it back exactly: plain digits with a point for everyday magnitudes
     * (0.0005, 2.0).
     */
    public static String decimal(double value) {
        double abs = Math.abs(value);
        if (abs != 0 && (abs < 1e-4 || abs >= 1e9)) {
            return Double.toString(value);
        }
        String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /**
     * Rounds to 12 significant digits so that computed axis values print and hash stably (0.7, not
     * 0.70000001).
     */
    static double tidy(double value) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return new BigDecimal(value).round(TWELVE_DIGITS).doubleValue();
    }
}
