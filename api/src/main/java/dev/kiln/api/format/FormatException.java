package dev.kiln.api.format;

import dev.kiln.api.KilnException;

/** A model file that cannot be read as it claims to be; the message names the file, offset and field. */
public class FormatException extends KilnException {
    private static final long serialVersionUID = 1L;

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
