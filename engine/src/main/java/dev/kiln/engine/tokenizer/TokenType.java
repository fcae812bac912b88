package dev.kiln.engine.tokenizer;

/** Token types as GGUF's {@code tokenizer.ggml.token_type} numbers them. */
enum TokenType {
    UNDEFINED, NORMAL, UNKNOWN, CONTROL, USER_DEFINED, UNUSED, BYTE;

    static TokenType fromId(long id) {
        return id >= 0 && id < values().length ? values()[(int) id] : UNDEFINED;
    }

    /** Tokens matched as whole strings before the tokenizer model runs (with parse_special, or always for user-defined ones). */
    boolean isSpecial() {
        return this == CONTROL || this == USER_DEFINED || this == UNKNOWN;
    }
}
