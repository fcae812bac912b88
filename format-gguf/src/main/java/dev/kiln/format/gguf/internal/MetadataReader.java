package dev.kiln.format.gguf.internal;

import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ValueType;
import java.util.ArrayList;
import java.util.List;

/** Reads typed metadata values, represented as {@link MetadataValue} documents them. */
final class MetadataReader {
    /** Nesting deeper than this is refused: each level costs only 12 bytes, and recursion must stay bounded. */
    static final int MAX_ARRAY_DEPTH = 8;

    private final HeaderCursor cursor;

    MetadataReader(HeaderCursor cursor) {
        this.cursor = cursor;
    }

    ValueType type(String field) {
        long at = cursor.position();
        int id = cursor.u32(field);
        return ValueType.fromId(id).orElseThrow(() -> cursor.refuse(at, field,
                "unknown metadata value type id " + Integer.toUnsignedString(id) + " (known: 0 to 12)"));
    }

    MetadataValue value(ValueType type, String field) {
        return new MetadataValue(type, read(type, field, 0));
    }

    private Object read(ValueType type, String field, int depth) {
        return switch (type) {
            case UINT8 -> (long) Byte.toUnsignedInt(cursor.u8(field));
            case INT8 -> (long) cursor.u8(field);
            case UINT16 -> (long) Short.toUnsignedInt(cursor.u16(field));
            case INT16 -> (long) cursor.u16(field);
            case UINT32 -> Integer.toUnsignedLong(cursor.u32(field));
            case INT32 -> (long) cursor.u32(field);
            case UINT64, INT64 -> cursor.u64(field);
            case FLOAT32 -> Float.intBitsToFloat(cursor.u32(field));
            case FLOAT64 -> Double.longBitsToDouble(cursor.u64(field));
            case BOOL -> bool(field);
            case STRING -> cursor.string(field);
            case ARRAY -> array(field, depth);
        };
    }

    private Boolean bool(String field) {
        long at = cursor.position();
        byte b = cursor.u8(field);
        if (b != 0 && b != 1) {
            throw cursor.refuse(at, field, "BOOL must be 0 or 1, found " + Byte.toUnsignedInt(b));
        }
        return b == 1;
    }

    private MetadataArray array(String field, int depth) {
        long at = cursor.position();
        if (depth >= MAX_ARRAY_DEPTH) {
            throw cursor.refuse(at, field, "arrays nested deeper than " + MAX_ARRAY_DEPTH + " levels");
        }
        ValueType elementType = type(field + " element type");
        long countAt = cursor.position();
        long count = cursor.count(field + " length", minimumBytes(elementType));
        if (count > Integer.MAX_VALUE - 8) {
            throw cursor.refuse(countAt, field + " length", "array of " + count + " elements is longer than a Java list holds");
        }
        // count is bounded by the bytes left in the file, so this allocation is too.
        List<Object> values = new ArrayList<>((int) Math.min(count, Integer.MAX_VALUE - 8));
        for (long i = 0; i < count; i++) {
            values.add(read(elementType, field, depth + 1));
        }
        return new MetadataArray(elementType, values);
    }

    /** The fewest bytes one value of {@code type} can take: a string its length, an array its type and count. */
    static long minimumBytes(ValueType type) {
        return switch (type) {
            case STRING -> 8;
            case ARRAY -> 12;
            default -> type.fixedBytes();
        };
    }
}
