package dev.kiln.api.format;

import java.util.List;
import java.util.Objects;

/**
 * A GGUF array: elements of one type, represented as {@link MetadataValue} describes for that type
 * (a nested array's elements are themselves {@code MetadataArray}s).
 */
public record MetadataArray(ValueType elementType, List<?> values) {
    public MetadataArray {
        Objects.requireNonNull(elementType, "elementType");
        values = List.copyOf(values);
    }

    public int size() {
        return values.size();
    }
}
