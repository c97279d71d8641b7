package dev.frontier.cli;

/** Invalid input from the user (arguments, config): reported without a stack trace, exit code 2. */
public class UserInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }
}
