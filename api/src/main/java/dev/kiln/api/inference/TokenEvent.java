package dev.kiln.api.inference;

/**
 * One generated token. {@code text} is the UTF-8-complete text this token adds (possibly empty
 * while a multi-byte character is still incomplete).
 */
public record TokenEvent(int token, String text, int index) {
}
