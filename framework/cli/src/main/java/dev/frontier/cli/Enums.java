package dev.frontier.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Case-insensitive enum parsing with an error that lists the valid names. */
final class Enums {
    private Enums() {}

    static <E extends Enum<E>> E parse(Class<E> type, String text, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.replace('-', '_'))) {
                return e;
            }
        }
        throw new UserInputException(
                option
                        + ": '"
                        + text
                        + "' is not one of "
                        + Arrays.stream(type.getEnumConstants())
                                .map(e -> e.name().toLowerCase(Locale.ROOT))
                                .collect(Collectors.joining(", ")));
    }
}
