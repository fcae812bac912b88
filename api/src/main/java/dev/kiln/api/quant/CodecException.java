package dev.kiln.api.quant;

import dev.kiln.api.KilnException;

/** A codec asked to do something its type cannot: wrong lengths, a missing importance matrix, no codec for a type. */
public class CodecException extends KilnException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }
}
