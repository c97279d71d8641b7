package dev.frontier.tracking;

/**
 * A tracking store could not do what was asked; the message names the store, the run and the
 * entity.
 */
public final class TrackingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and where
     */
    public TrackingException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed and where
     * @param cause the underlying failure
     */
    public TrackingException(String message, Throwable cause) {
        super(message, cause);
    }
}
