package dev.kiln.api;

/**
 * The root of Kiln's exceptions. Every subclass names what was wrong and where (file, offset,
 * tensor, key or field) in its message, so a user can act on it without a stack trace.
 */
public class KilnException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KilnException(String message) {
        super(message);
    }

    public KilnException(String message, Throwable cause) {
        super(message, cause);
    }
}
