package dev.kiln.api.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SequencedMap;

/**
 * A model's metadata: typed key/value pairs in file order.
 *
 * <p>The typed getters return empty when the key is absent and throw {@link FormatException} when
 * the key is present with a type that cannot be read as asked (so a wrong type is never mistaken
 * for a missing key).
 */
public record Metadata(SequencedMap<String, MetadataValue> entries) {
    public Metadata {
        entries = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(entries));
    }

    public Optional<MetadataValue> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    public Optional<String> getString(String key) {
        return get(key).map(v -> expect(key, v, ValueType.STRING, String.class));
    }

    /** Any integer type as a long (UINT64 as its raw bits). */
    public OptionalLong getLong(String key) {
        MetadataValue v = entries.get(key);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!v.type().isInteger()) {
            throw wrongType(key, v, "an integer");
        }
        return OptionalLong.of((Long) v.value());
    }

    /** Any integer or float type as a double. */
    public OptionalDouble getDouble(String key) {
        MetadataValue v = entries.get(key);
        if (v == null) {
            return OptionalDouble.empty();
        }
        if (v.value() instanceof Number n && (v.type().isInteger() || v.type().isFloat())) {
            return OptionalDouble.of(n.doubleValue());
        }
        throw wrongType(key, v, "a number");
    }

    public Optional<Boolean> getBool(String key) {
        return get(key).map(v -> expect(key, v, ValueType.BOOL, Boolean.class));
    }

    public Optional<MetadataArray> getArray(String key) {
        return get(key).map(v -> expect(key, v, ValueType.ARRAY, MetadataArray.class));
    }

    /** An array of strings, such as {@code tokenizer.ggml.tokens}. */
    @SuppressWarnings("unchecked")
    public Optional<List<String>> getStringList(String key) {
        return getArray(key).map(a -> {
            if (a.elementType() != ValueType.STRING) {
                throw new FormatException("metadata key '" + key + "' is an array of " + a.elementType()
                        + ", expected an array of STRING");
            }
            return (List<String>) a.values();
        });
    }

    private static <T> T expect(String key, MetadataValue v, ValueType type, Class<T> javaType) {
        if (v.type() != type) {
            throw wrongType(key, v, type.name());
        }
        return javaType.cast(v.value());
    }

    private static FormatException wrongType(String key, MetadataValue v, String expected) {
        return new FormatException("metadata key '" + key + "' has type " + v.type() + ", expected " + expected);
    }
}
