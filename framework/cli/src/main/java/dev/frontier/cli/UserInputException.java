package dev.frontier.cli;

import java.util.function.Supplier;

/** Invalid input from the user (arguments, config): reported without a stack trace, exit code 2. */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    /**
     * Builds {@code value} from what the user passed as {@code where} (e.g. {@code
     * --model/--width}); an {@link IllegalArgumentException} of the constructor it calls becomes a
     * user error naming {@code where}. Only for user values: elsewhere an IllegalArgumentException
     * is a bug in Frontier.
     */
    public static <T> T check(String where, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(where + ": " + e.getMessage());
        }
    }
}
