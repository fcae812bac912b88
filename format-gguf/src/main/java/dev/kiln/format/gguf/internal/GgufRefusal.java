package dev.kiln.format.gguf.internal;

import dev.kiln.api.format.FormatException;

/** The one shape of every refusal message: file, byte offset, field, what is wrong. */
final class GgufRefusal {
    private GgufRefusal() {
    }

    static FormatException of(String file, long offset, String field, String problem) {
        return new FormatException(file + ": at byte offset " + offset + ", field '" + field + "': " + problem);
    }
}
