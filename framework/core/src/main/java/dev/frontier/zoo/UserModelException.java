package dev.frontier.zoo;

/**
 * The user's model cannot be loaded or built: a jar that is missing or unreadable, a class that is
 * absent or not a model provider, a factory that throws. The message names the jar and class (or
 * the in-process model); a user error.
 */
public class UserModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserModelException(String message) {
        super(message);
    }

    public UserModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
