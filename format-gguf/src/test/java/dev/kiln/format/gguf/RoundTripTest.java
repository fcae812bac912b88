package dev.kiln.format.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.TensorDescriptor;
import dev.kiln.api.format.ValueType;
import dev.kiln.api.tensor.GgmlType;
import dev.kiln.format.gguf.internal.GgufFormat;
import dev.kiln.format.gguf.writer.GgufWriter;
import dev.kiln.format.gguf.writer.TensorContent;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SequencedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyValueTypeAndTensorTypeComesBackIdentical() throws IOException {
        SequencedMap<String, MetadataValue> metadata = everyValueType();
        Random random = new Random(42);
        Map<String, byte[]> data = new LinkedHashMap<>();
        GgufWriter writer = new GgufWriter().alignment(64);
        metadata.forEach(writer::put);
        for (GgmlType type : GgmlType.values()) {
            List<Long> shape = List.of((long) type.blockSize() * 2, 3L);
            byte[] bytes = SyntheticFiles.bytes(random, (int) type.byteSize(shape.get(0) * shape.get(1)));
            data.put("t." + type.ggmlName(), bytes);
            writer.tensor("t." + type.ggmlName(), type, shape, TensorContent.of(bytes));
        }
        Path file = dir.resolve("all.gguf");
        writer.write(file);

        try (ModelSource model = new GgufFormat().open(file)) {
            assertEquals(3, model.version());
            SequencedMap<String, MetadataValue> expected = new LinkedHashMap<>();
            expected.put("general.alignment", MetadataValue.uint32(64));
            expected.putAll(metadata);
            assertEquals(List.copyOf(expected.sequencedEntrySet()), List.copyOf(model.metadata().entries().sequencedEntrySet()));
            assertEquals(List.copyOf(data.keySet()), model.tensors().stream().map(TensorDescriptor::name).toList());
            for (TensorDescriptor t : model.tensors()) {
                assertEquals(0, t.offset() % 64, t.name());
                assertEquals(0, (model.dataOffset(0).orElseThrow() + t.offset()) % 64, t.name());
                assertArrayEquals(data.get(t.name()), model.data(t).toArray(ValueLayout.JAVA_BYTE), t.name());
                assertTrue(model.data(t).isReadOnly());
            }
            assertEquals(Files.size(file), model.fileSize());
        }
    }

    @Test
    void closingUnmapsTheData() throws IOException {
        Path file = SyntheticFiles.small(dir);
        ModelSource model = new GgufFormat().open(file);
        MemorySegment alpha = model.data(model.tensor(SyntheticFiles.ALPHA).orElseThrow());
        model.close();
        assertFalse(alpha.scope().isAlive());
        assertThrows(IllegalStateException.class, () -> alpha.get(ValueLayout.JAVA_BYTE, 0));
        model.close(); // a second close is harmless
    }

    @Test
    void recognizesOnlyGguf() throws IOException {
        Path file = SyntheticFiles.small(dir);
        Path other = Files.writeString(dir.resolve("other.bin"), "not a model");
        GgufFormat format = new GgufFormat();
        assertEquals("gguf", format.name());
        assertTrue(format.recognizes(file));
        assertFalse(format.recognizes(other));
        assertFalse(format.recognizes(dir.resolve("absent.gguf")));
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = SyntheticFiles.small(dir);
        byte[] before = Files.readAllBytes(file);
        MemorySegment gone;
        try (Arena arena = Arena.ofConfined()) {
            gone = arena.allocate(32 * 4);
        }
        GgufWriter writer = new GgufWriter().tensor("t", GgmlType.F32, List.of(32L), TensorContent.of(gone));
        assertThrows(IllegalStateException.class, () -> writer.write(file));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList());
        }
    }

    @Test
    void writerRefusesContentOfTheWrongSize() {
        GgufWriter writer = new GgufWriter();
        assertThrows(IllegalArgumentException.class,
                () -> writer.tensor("t", GgmlType.Q4_0, List.of(32L), TensorContent.of(new byte[17])));
        assertThrows(IllegalArgumentException.class,
                () -> writer.tensor("t", GgmlType.Q4_0, List.of(31L), TensorContent.hole()));
        assertThrows(IllegalArgumentException.class, () -> writer.put("k", MetadataValue.uint32(-1)));
    }

    /** A file of more than 4 GiB, almost all hole, whose last tensor starts past 4 GiB. */
    @Test
    void offsetsBeyondFourGibibytes() throws IOException {
        byte[] tail = SyntheticFiles.bytes(new Random(3), 4096);
        Path file = dir.resolve("big.gguf");
        new GgufWriter()
                .tensor("hole", GgmlType.F32, List.of(1L << 20, 1100L), TensorContent.hole())
                .tensor("tail", GgmlType.F32, List.of(1024L), TensorContent.of(tail))
                .write(file);
        try (ModelSource model = new GgufFormat().open(file)) {
            TensorDescriptor t = model.tensor("tail").orElseThrow();
            assertTrue(model.dataOffset(0).orElseThrow() + t.offset() > 4L << 30);
            assertArrayEquals(tail, model.data(t).toArray(ValueLayout.JAVA_BYTE));
            MemorySegment hole = model.data(model.tensor("hole").orElseThrow());
            assertEquals(0, hole.get(ValueLayout.JAVA_BYTE, 3L << 30));
        }
    }

    private static SequencedMap<String, MetadataValue> everyValueType() {
        SequencedMap<String, MetadataValue> m = new LinkedHashMap<>();
        m.put("v.uint8", MetadataValue.of(ValueType.UINT8, 255L));
        m.put("v.int8", MetadataValue.of(ValueType.INT8, -128L));
        m.put("v.uint16", MetadataValue.of(ValueType.UINT16, 65535L));
        m.put("v.int16", MetadataValue.of(ValueType.INT16, -32768L));
        m.put("v.uint32", MetadataValue.uint32(0xFFFF_FFFFL));
        m.put("v.int32", MetadataValue.of(ValueType.INT32, (long) Integer.MIN_VALUE));
        m.put("v.uint64", MetadataValue.of(ValueType.UINT64, -1L));
        m.put("v.int64", MetadataValue.of(ValueType.INT64, Long.MIN_VALUE));
        m.put("v.float32", MetadataValue.float32(Float.NaN));
        m.put("v.float64", MetadataValue.of(ValueType.FLOAT64, -0.0));
        m.put("v.bool", MetadataValue.bool(false));
        m.put("v.string", MetadataValue.string("ünïcødé ✓ \u0000 end"));
        m.put("v.empty", MetadataValue.string(""));
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add("tok" + i);
        }
        m.put("v.strings", MetadataValue.array(new MetadataArray(ValueType.STRING, tokens)));
        m.put("v.floats", MetadataValue.array(new MetadataArray(ValueType.FLOAT32, List.of(1.5f, -2f))));
        m.put("v.nested", MetadataValue.array(new MetadataArray(ValueType.ARRAY, List.of(
                new MetadataArray(ValueType.INT32, List.of(1L, 2L)),
                new MetadataArray(ValueType.STRING, List.of("a")),
                new MetadataArray(ValueType.ARRAY, List.of(new MetadataArray(ValueType.BOOL, List.of(true))))))));
        m.put("v.emptyarray", MetadataValue.array(new MetadataArray(ValueType.UINT64, List.of())));
        return m;
    }
}
