package dev.frontier.tracking;

import java.util.regex.Pattern;

/**
 * MLflow's rules for metric, param and tag names and the limits on values, checked before anything
 * is written so that a bad name fails at the call that made it, with the name in the message.
 */
public final class MlflowNames {

    /** Longest key MLflow accepts for a metric, param or tag. */
    public static final int MAX_KEY_LENGTH = 250;

    /** Longest param value MLflow accepts. */
    public static final int MAX_PARAM_VALUE_LENGTH = 6000;

    /** Longest run tag value MLflow accepts. */
    public static final int MAX_TAG_VALUE_LENGTH = 8000;

    private static final Pattern VALID = Pattern.compile("[/\\w.\\- :]+");

    private MlflowNames() {}

    /**
     * Throws unless {@code key} is a valid MLflow metric/param/tag name: letters, digits, {@code _
     * - . / : } and spaces, at most 250 characters, and a normalised relative path (no {@code ..},
     * no leading or doubled {@code /}), since file stores use it as a file name.
     *
     * @param key the name
     * @param role what it names, e.g. "metric", for the message
     * @return the key
     * @throws IllegalArgumentException if it is invalid
     */
    public static String requireValidKey(String key, String role) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(role + " name must not be empty");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    role
                            + " name '"
                            + key.substring(0, 40)
                            + "…' has "
                            + key.length()
                            + " characters; MLflow allows at most "
                            + MAX_KEY_LENGTH);
        }
        if (!VALID.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    role
                            + " name '"
                            + key
                            + "' may only contain letters, digits,"
                            + " underscores, dashes, periods, colons, spaces and slashes");
        }
        if (!isNormalRelativePath(key)) {
            throw new IllegalArgumentException(
                    role
                            + " name '"
                            + key
                            + "' must be a plain relative path"
                            + " (no leading, trailing or doubled '/', no '.' or '..' segments)");
        }
        return key;
    }

    /**
     * Returns true if {@code path} is a relative path with no empty, {@code .} or {@code ..}
     * segments.
     *
     * @param path a slash-separated path
     * @return whether it is normalised and relative
     */
    public static boolean isNormalRelativePath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
