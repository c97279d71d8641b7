package dev.frontier.tracking.file;

import dev.frontier.tracking.MetricPoint;
import dev.frontier.tracking.TrackingException;
import java.nio.file.Path;
import java.util.Locale;

/** Formats and parses the {@code timestamp value step} lines of a file-store metric file. */
final class MetricLines {

    private MetricLines() {}

    static String format(MetricPoint point) {
        return point.timestampMillis() + " " + formatValue(point.value()) + " " + point.step();
    }

    /**
     * Writes values as Python's {@code repr(float)} reads back: {@code nan}, {@code inf}, {@code
     * -inf}.
     */
    static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Double.toString(value);
    }

    static MetricPoint parse(String key, String line, Path file, int lineNumber) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length < 2 || parts.length > 3) {
            throw new TrackingException(
                    "MLflow file store: "
                            + file
                            + ":"
                            + lineNumber
                            + ": expected 'timestamp value step'"
                            + " but found '"
                            + line
                            + "'");
        }
        try {
            long timestamp = Long.parseLong(parts[0]);
            double value = parseValue(parts[1]);
            long step = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
            return new MetricPoint(key, value, timestamp, step);
        } catch (NumberFormatException e) {
            throw new TrackingException(
                    "MLflow file store: "
                            + file
                            + ":"
                            + lineNumber
                            + ": not a number in '"
                            + line
                            + "'",
                    e);
        }
    }

    private static double parseValue(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "nan" -> Double.NaN;
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
