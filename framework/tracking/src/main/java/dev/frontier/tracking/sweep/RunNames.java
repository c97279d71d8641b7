package dev.frontier.tracking.sweep;

import java.math.BigDecimal;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Builds short, readable child-run names such as {@code T4-r0.9-b4} from a trial id and its axes.
 */
public final class RunNames {

    private static final int MAX_VALUE_LENGTH = 12;

    private RunNames() {}

    /**
     * Returns the trial id followed by one {@code <letter><value>} part per axis: the first letter
     * of the key's last word ({@code prune.ratio} → {@code r}, {@code quant.bits} → {@code b}) and
     * the value with trailing zeros dropped. Pass only the swept axes; values longer than 12
     * characters are cut.
     *
     * @param trialId the trial's id, e.g. {@code T4}
     * @param axes the varied parameters, in order
     * @return the name, e.g. {@code T4-r0.9-b4}
     */
    public static String forTrial(String trialId, Map<String, String> axes) {
        var name = new StringJoiner("-");
        name.add(trialId);
        axes.forEach(
                (key, value) -> {
                    String[] words = key.split("[._\\-/ ]+");
                    String last = words.length == 0 ? key : words[words.length - 1];
                    String letter =
                            last.isEmpty()
                                    ? ""
                                    : last.substring(0, 1).toLowerCase(java.util.Locale.ROOT);
                    name.add(letter + shortValue(value));
                });
        return name.toString();
    }

    private static String shortValue(String value) {
        String text = value.strip();
        try {
            text = new BigDecimal(text).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException notANumber) {
            text = text.replaceAll("[^\\w.+]", "");
        }
        return text.length() > MAX_VALUE_LENGTH
                ? text.substring(0, MAX_VALUE_LENGTH).replaceAll("[^A-Za-z0-9]+$", "")
                : text;
    }
}
