package dev.kiln.quant.k;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.quant.CodecException;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Geometry, activation pairing and refusal of malformed arguments, for every codec. */
class CodecContractTest {
    static Iterable<BlockCodec> codecs() {
        return AllCodecs.list();
    }

    @Test
    void oneCodecPerTypeOfTheIssue() {
        Set<GgmlType> types = EnumSet.noneOf(GgmlType.class);
        AllCodecs.list().forEach(c -> assertTrue(types.add(c.type()), "duplicate " + c.type()));
        assertEquals(EnumSet.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q4_0, GgmlType.Q4_1,
                GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q8_0, GgmlType.Q8_1, GgmlType.Q2_K, GgmlType.Q3_K,
                GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K, GgmlType.Q8_K), types);
    }

    @Test
    void activationTypesPairAsGgmlDoes() {
        Map<GgmlType, GgmlType> expected = Map.ofEntries(
                Map.entry(GgmlType.F32, GgmlType.F32), Map.entry(GgmlType.F16, GgmlType.F16),
                Map.entry(GgmlType.BF16, GgmlType.BF16), Map.entry(GgmlType.Q4_0, GgmlType.Q8_0),
                Map.entry(GgmlType.Q5_0, GgmlType.Q8_0), Map.entry(GgmlType.Q8_0, GgmlType.Q8_0),
                Map.entry(GgmlType.Q4_1, GgmlType.Q8_1), Map.entry(GgmlType.Q5_1, GgmlType.Q8_1),
                Map.entry(GgmlType.Q8_1, GgmlType.Q8_1), Map.entry(GgmlType.Q2_K, GgmlType.Q8_K),
                Map.entry(GgmlType.Q3_K, GgmlType.Q8_K), Map.entry(GgmlType.Q4_K, GgmlType.Q8_K),
                Map.entry(GgmlType.Q5_K, GgmlType.Q8_K), Map.entry(GgmlType.Q6_K, GgmlType.Q8_K),
                Map.entry(GgmlType.Q8_K, GgmlType.Q8_K));
        for (BlockCodec codec : AllCodecs.list()) {
            assertEquals(expected.get(codec.type()), codec.activationType(), codec.type().toString());
            assertFalse(codec.requiresImportance());
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void refusesCountsThatAreNotWholeBlocks(BlockCodec codec) {
        if (codec.blockSize == 1) {
            return;
        }
        MemorySegment seg = MemorySegment.ofArray(new byte[4096]);
        CodecException e = assertThrows(CodecException.class,
                () -> codec.dequantize(seg, 0, new float[1024], 0, codec.blockSize + 1));
        assertTrue(e.getMessage().contains(codec.type().ggmlName()), e.getMessage());
        assertThrows(CodecException.class, () -> codec.quantizeRow(new float[1024], 0, codec.blockSize - 1, null, seg, 0));
        assertThrows(CodecException.class, () -> codec.dot(seg, 0, seg, 0, codec.blockSize / 2));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void refusesSegmentsTooShortForTheData(BlockCodec codec) {
        int n = 256;
        long bytes = codec.checkedBytes(n);
        MemorySegment shortSeg = MemorySegment.ofArray(new byte[(int) bytes - 1]);
        CodecException e = assertThrows(CodecException.class, () -> codec.dequantize(shortSeg, 0, new float[n], 0, n));
        assertTrue(e.getMessage().contains(bytes + " bytes"), e.getMessage());
        assertThrows(CodecException.class, () -> codec.quantizeRow(new float[n], 0, n, null, shortSeg, 0));
        assertThrows(CodecException.class, () -> codec.dequantize(MemorySegment.ofArray(new byte[(int) bytes]), 0, new float[n - 1], 0, n));
        assertThrows(CodecException.class, () -> codec.quantizeRow(new float[n], 0, n, new float[n - 1],
                MemorySegment.ofArray(new byte[(int) bytes]), 0));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void decodesIntoOffHeapSegmentsAndAtOffsets(BlockCodec codec) {
        int n = 512;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) Math.sin(i * 0.37) * 3;
        }
        long bytes = codec.checkedBytes(n);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment q = arena.allocate(bytes + 8);
            codec.quantizeRow(x, 0, n, null, q, 8);
            float[] viaArray = new float[n + 3];
            codec.dequantize(q, 8, viaArray, 3, n);
            MemorySegment out = arena.allocate(4L * n + 4);
            codec.dequantize(q, 8, out, 4, n);
            float[] viaSegment = new float[n + 3];
            for (int i = 0; i < n; i++) {
                viaSegment[i + 3] = out.get(Le.FLOAT, 4 + 4L * i);
            }
            assertArrayEquals(viaArray, viaSegment);
        }
    }

    @Test
    void f32RoundTripsExactly() {
        F32Codec codec = new F32Codec();
        float[] x = {1.5f, -0f, Float.MIN_VALUE, 3.4e38f, Float.NaN, Float.NEGATIVE_INFINITY};
        MemorySegment q = MemorySegment.ofArray(new byte[24]);
        codec.quantizeRow(x, 0, x.length, null, q, 0);
        float[] y = new float[x.length];
        codec.dequantize(q, 0, y, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]));
        }
    }

    @Test
    void halfConversionCanonicalisesNanLikeGgml() {
        assertEquals((short) 0x7E00, Le.toHalf(Float.intBitsToFloat(0x7F800001)));
        assertEquals((short) 0xFE00, Le.toHalf(Float.intBitsToFloat(0xFFC00123)));
        assertEquals((short) 0x7C00, Le.toHalf(65520f));
        assertEquals((short) 0x7FC0, Le.toBf16(Float.intBitsToFloat(0x7F800001)));
        assertEquals((short) 0x3F80, Le.toBf16(1.0f));
    }
}
