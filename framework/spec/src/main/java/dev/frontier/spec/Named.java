package dev.frontier.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A closed choice written in YAML under a lowercase name, e.g. {@code one-shot} or {@code
 * per-channel}.
 */
public interface Named {

    /** The name used in YAML. */
    String yamlName();

    /** The constant of {@code type} whose YAML name is {@code name}, if any. */
    static <E extends Enum<E> & Named> Optional<E> parse(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.yamlName().equals(name))
                .findFirst();
    }

    /** The YAML names of all constants of {@code type}, in declaration order. */
    static <E extends Enum<E> & Named> List<String> names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Named::yamlName).toList();
    }
}
