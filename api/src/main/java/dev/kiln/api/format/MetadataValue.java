package dev.kiln.api.format;

import java.util.Objects;

/**
 * One typed metadata value.
 *
 * <p>The Java representation of {@code value} by {@code type}: every integer type as {@link Long}
 * (UINT64 keeps its 64 bits, read it with {@link Long#toUnsignedString(long)}), FLOAT32 as
 * {@link Float}, FLOAT64 as {@link Double}, BOOL as {@link Boolean}, STRING as {@link String},
 * ARRAY as {@link MetadataArray}.
 */
public record MetadataValue(ValueType type, Object value) {
    public MetadataValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static MetadataValue of(ValueType type, Object value) {
        return new MetadataValue(type, value);
    }

    public static MetadataValue string(String value) {
        return new MetadataValue(ValueType.STRING, value);
    }

    public static MetadataValue uint32(long value) {
        return new MetadataValue(ValueType.UINT32, value);
    }

    public static MetadataValue float32(float value) {
        return new MetadataValue(ValueType.FLOAT32, value);
    }

    public static MetadataValue bool(boolean value) {
        return new MetadataValue(ValueType.BOOL, value);
    }

    public static MetadataValue array(MetadataArray array) {
        return new MetadataValue(ValueType.ARRAY, array);
    }
}
