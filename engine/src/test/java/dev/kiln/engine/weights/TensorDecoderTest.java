package dev.kiln.engine.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.TensorDescriptor;
import dev.kiln.api.quant.CodecException;
import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import dev.kiln.testkit.Formats;
import dev.kiln.testkit.GgufBuilder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorDecoderTest {
    @TempDir
    Path folder;

    private static QuantCodec codec(GgmlType type) {
        return ServiceLoader.load(QuantCodec.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.type() == type).findFirst().orElseThrow();
    }

    private ModelSource model() throws Exception {
        // A 2x64 Q8_0 tensor quantized from known values, written as a real GGUF file.
        QuantCodec q8 = codec(GgmlType.Q8_0);
        float[] values = new float[128];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 17) - 8;
        }
        MemorySegment bytes = Arena.ofAuto().allocate(GgmlType.Q8_0.byteSize(128));
        q8.quantizeRow(values, 0, 64, null, bytes, 0);
        q8.quantizeRow(values, 64, 64, null, bytes, GgmlType.Q8_0.byteSize(64));
        Path file = new GgufBuilder(1).string("general.architecture", "llama")
                .tensor("blk.0.ffn_up.weight", GgmlType.Q8_0, bytes.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), 64, 2)
                .write(folder.resolve("m.gguf"));
        return Formats.gguf().open(file);
    }

    @Test
    void decodesATensorThroughItsCodec() throws Exception {
        try (ModelSource source = model()) {
            float[] decoded = TensorDecoder.dequantize(source, source.tensor("blk.0.ffn_up.weight").orElseThrow(), codec(GgmlType.Q8_0));
            float[] expected = new float[128];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (i % 17) - 8;
            }
            assertArrayEquals(expected, decoded, 0.05f);
        }
    }

    @Test
    void refusesDataThatDoesNotMatchTheShapeNamingTheTensor() throws Exception {
        try (ModelSource source = model()) {
            TensorDescriptor real = source.tensor("blk.0.ffn_up.weight").orElseThrow();
            // Claims three rows over the two rows' bytes.
            TensorDescriptor wrong = new TensorDescriptor(real.name(), real.type(), List.of(64L, 3L), real.file(),
                    real.offset(), real.byteSize());
            CodecException e = assertThrows(CodecException.class,
                    () -> TensorDecoder.check(wrong, codec(GgmlType.Q8_0), source.data(real)));
            assertTrue(e.getMessage().contains("blk.0.ffn_up.weight") && e.getMessage().contains("needs 204 bytes"), e.getMessage());
        }
    }

    @Test
    void refusesACodecForAnotherType() throws Exception {
        try (ModelSource source = model()) {
            CodecException e = assertThrows(CodecException.class, () -> TensorDecoder.dequantize(source,
                    source.tensor("blk.0.ffn_up.weight").orElseThrow(), codec(GgmlType.Q4_0)));
            assertTrue(e.getMessage().contains("'blk.0.ffn_up.weight'") && e.getMessage().contains("q4_0 codec"), e.getMessage());
        }
    }
}
