package dev.kiln.format.gguf.writer;

import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.ValueType;

/** Refuses a metadata value whose Java representation does not match its type, before anything is written. */
final class ValueCheck {
    private ValueCheck() {
    }

    static void check(String key, ValueType type, Object value) {
        boolean ok = switch (type) {
            case UINT8 -> value instanceof Long n && n >= 0 && n <= 0xFF;
            case INT8 -> value instanceof Long n && n >= Byte.MIN_VALUE && n <= Byte.MAX_VALUE;
            case UINT16 -> value instanceof Long n && n >= 0 && n <= 0xFFFF;
            case INT16 -> value instanceof Long n && n >= Short.MIN_VALUE && n <= Short.MAX_VALUE;
            case UINT32 -> value instanceof Long n && n >= 0 && n <= 0xFFFF_FFFFL;
            case INT32 -> value instanceof Long n && n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE;
            case UINT64, INT64 -> value instanceof Long;
            case FLOAT32 -> value instanceof Float;
            case FLOAT64 -> value instanceof Double;
            case BOOL -> value instanceof Boolean;
            case STRING -> value instanceof String;
            case ARRAY -> value instanceof MetadataArray;
        };
        if (!ok) {
            throw new IllegalArgumentException("metadata '" + key + "': " + value + " (" + value.getClass().getSimpleName()
                    + ") is not a " + type + " value");
        }
        if (value instanceof MetadataArray array) {
            for (Object element : array.values()) {
                check(key + "[]", array.elementType(), element);
            }
        }
    }
}
