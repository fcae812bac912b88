package dev.kiln.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ValueType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Compares one metadata value with its entry in a reference {@code .gguf.json}. */
final class MetadataComparison {
    private MetadataComparison() {
    }

    static void assertMatches(String key, JsonNode expected, MetadataValue actual) {
        assertNotNull(expected, "key '" + key + "' is not in the reference");
        assertEquals(expected.get("type").asText(), actual.type().name(), key + " type");
        if (actual.value() instanceof MetadataArray array) {
            assertEquals(expected.get("element_type").asText(), array.elementType().name(), key + " element type");
            assertEquals(expected.get("length").asLong(), array.size(), key + " length");
            JsonNode values = expected.has("values") ? expected.get("values") : expected.get("first");
            assertNotNull(values, key + ": reference has neither values nor first");
            for (int i = 0; i < values.size(); i++) {
                assertScalar(key + "[" + i + "]", values.get(i), array.elementType(), array.values().get(i));
            }
            if (expected.has("sha256_of_elements")) {
                assertEquals(expected.get("sha256_of_elements").asText(), sha256(array), key + " SHA-256 of elements");
            }
        } else {
            assertScalar(key, expected.get("value"), actual.type(), actual.value());
        }
    }

    private static void assertScalar(String what, JsonNode expected, ValueType type, Object actual) {
        switch (type) {
            case FLOAT32 -> assertEquals(Float.floatToIntBits((float) expected.asDouble()),
                    Float.floatToIntBits((Float) actual), what + ": expected " + expected + ", read " + actual);
            case FLOAT64 -> assertEquals(expected.asDouble(), (Double) actual, what);
            case BOOL -> assertEquals(expected.asBoolean(), actual, what);
            case STRING -> assertEquals(expected.asText(), actual, what);
            case UINT64 -> assertEquals(expected.bigIntegerValue().toString(), Long.toUnsignedString((Long) actual), what);
            case ARRAY -> fail(what + ": nested arrays are not in the reference data");
            default -> {
                assertTrue(expected.canConvertToLong(), what + ": " + expected);
                assertEquals(expected.asLong(), actual, what);
            }
        }
    }

    /** The README's definition: strings as u64 length + bytes, numbers as their little-endian bytes. */
    static String sha256(MetadataArray array) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        ByteBuffer number = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (Object element : array.values()) {
            number.clear();
            switch (array.elementType()) {
                case STRING -> {
                    byte[] bytes = ((String) element).getBytes(StandardCharsets.UTF_8);
                    number.putLong(bytes.length);
                    digest.update(number.array(), 0, 8);
                    digest.update(bytes);
                    continue;
                }
                case UINT8, INT8 -> number.put((byte) (long) (Long) element);
                case UINT16, INT16 -> number.putShort((short) (long) (Long) element);
                case UINT32, INT32 -> number.putInt((int) (long) (Long) element);
                case UINT64, INT64 -> number.putLong((Long) element);
                case FLOAT32 -> number.putFloat((Float) element);
                case FLOAT64 -> number.putDouble((Double) element);
                case BOOL -> number.put((byte) ((Boolean) element ? 1 : 0));
                case ARRAY -> throw new AssertionError("no hash is defined for nested arrays");
            }
            digest.update(number.array(), 0, number.position());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
