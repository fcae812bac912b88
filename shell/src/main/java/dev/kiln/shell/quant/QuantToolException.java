package dev.kiln.shell.quant;

/** A {@code kiln:quant} invocation refused before or while it ran; the message says what to fix. */
public final class QuantToolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    QuantToolException(String message) {
        super(message);
    }

    QuantToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
