package dev.frontier.spec;

/** Joins and shortens key paths such as {@code pipeline[1].prune.ratio}. */
final class Paths {

    private Paths() {}

    static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return prefix;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    static String index(String prefix, int i) {
        return prefix + "[" + i + "]";
    }

    /** The path one level up, or empty at the root. */
    static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /** The last part of a path: {@code quantize} for {@code pipeline[1].quantize}. */
    static String last(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
