package dev.frontier.plan;

import dev.frontier.spec.Values;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Content hashes and derived seeds: pure functions of their text input. */
final class Hashing {

    private Hashing() {}

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The first 12 hex digits of SHA-256. */
    static String shortHash(String text) {
        return HexFormat.of().formatHex(sha256(text)).substring(0, 12);
    }

    /** A 64-bit seed from the first 8 bytes of SHA-256 of the parts joined by '|'. */
    static long seed(Object... parts) {
        String text =
                java.util.Arrays.stream(parts)
                        .map(String::valueOf)
                        .collect(Collectors.joining("|"));
        return ByteBuffer.wrap(sha256(text)).getLong();
    }

    /** Canonical text of a parameter map: {@code k=v} in order, nested maps and lists included. */
    static String canonical(Map<String, ?> params) {
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + value(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Object v) {
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream()
                    .map(e -> e.getKey() + "=" + value(e.getValue()))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Hashing::value).collect(Collectors.joining(",", "[", "]"));
        }
        return Values.show(v);
    }
}
