package dev.frontier.codec.entropy;

/**
 * A range-coded stream is truncated, has trailing bytes, or decodes to something no encoder writes;
 * the message says which and at which byte.
 */
public final class CorruptCodeStreamException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying what is wrong and where. */
    public CorruptCodeStreamException(String message) {
        super(message);
    }
}
