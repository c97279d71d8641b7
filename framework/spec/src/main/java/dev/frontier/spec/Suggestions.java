package dev.frontier.spec;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean …?" for mistyped keys and names, by Levenshtein distance. */
public final class Suggestions {

    private Suggestions() {}

    /** The closest candidate to {@code found}, if it is close enough to be a plausible typo. */
    public static Optional<String> closest(String found, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(found.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, found.length() / 3);
        return best != null && bestDistance <= allowed && bestDistance < found.length()
                ? Optional.of(best)
                : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"} or the empty string. */
    public static String didYouMean(String found, Collection<String> candidates) {
        return closest(found, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** The Levenshtein edit distance between two strings. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] =
                        Math.min(
                                Math.min(current[j - 1] + 1, previous[j] + 1),
                                previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
