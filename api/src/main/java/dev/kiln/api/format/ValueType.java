package dev.kiln.api.format;

import java.util.Optional;

/** Metadata value types, numbered and spelled as the GGUF specification does. */
public enum ValueType {
    UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4),
    FLOAT32(6, 4), BOOL(7, 1), STRING(8, -1), ARRAY(9, -1), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

    private final int id;
    private final int fixedBytes;

    ValueType(int id, int fixedBytes) {
        this.id = id;
        this.fixedBytes = fixedBytes;
    }

    /** The id GGUF stores for this type. */
    public int id() {
        return id;
    }

    /** Encoded size of one value, or -1 for the variable-length STRING and ARRAY. */
    public int fixedBytes() {
        return fixedBytes;
    }

    public boolean isInteger() {
        return this == UINT8 || this == INT8 || this == UINT16 || this == INT16
                || this == UINT32 || this == INT32 || this == UINT64 || this == INT64;
    }

    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    public static Optional<ValueType> fromId(int id) {
        for (ValueType type : values()) {
            if (type.id == id) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
