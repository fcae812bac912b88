package dev.kiln.quant.i;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.quant.CodecException;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What callers rely on besides the numbers: types, pairing, refusals with clear messages. */
class CodecContractTest {
    @Test
    void oneCodecPerTypeOfThisModule() {
        assertEquals(Set.of(GgmlType.IQ1_S, GgmlType.IQ1_M, GgmlType.IQ2_XXS, GgmlType.IQ2_XS, GgmlType.IQ2_S,
                GgmlType.IQ3_XXS, GgmlType.IQ3_S, GgmlType.IQ4_NL, GgmlType.IQ4_XS, GgmlType.TQ1_0, GgmlType.TQ2_0,
                GgmlType.MXFP4), AllCodecs.byType().keySet());
    }

    @Test
    void activationTypesFollowTheReferencePairing() {
        for (BlockCodec codec : AllCodecs.list()) {
            GgmlType expected = codec.type() == GgmlType.IQ4_NL || codec.type() == GgmlType.MXFP4 ? GgmlType.Q8_0 : GgmlType.Q8_K;
            assertEquals(expected, codec.activationType(), codec.type().ggmlName());
        }
    }

    @Test
    void typesThatNeedAnImportanceMatrixRefuseWithoutOne() {
        Set<GgmlType> needing = Set.of(GgmlType.IQ2_XXS, GgmlType.IQ2_XS, GgmlType.IQ1_S);
        for (BlockCodec codec : AllCodecs.list()) {
            assertEquals(needing.contains(codec.type()), codec.requiresImportance(), codec.type().ggmlName());
            if (codec.requiresImportance()) {
                MemorySegment dst = Arena.ofAuto().allocate(codec.blockBytes);
                CodecException e = assertThrows(CodecException.class,
                        () -> codec.quantizeRow(new float[256], 0, 256, null, dst, 0));
                assertTrue(e.getMessage().contains("importance matrix") && e.getMessage().contains(codec.type().ggmlName()),
                        e.getMessage());
            }
        }
    }

    @Test
    void partialBlocksAndShortSegmentsAreRefusedNamingTheType() {
        for (BlockCodec codec : AllCodecs.list()) {
            MemorySegment one = Arena.ofAuto().allocate(codec.blockBytes);
            float[] out = new float[2 * codec.blockSize];
            CodecException partial = assertThrows(CodecException.class,
                    () -> codec.dequantize(one, 0, out, 0, codec.blockSize + 1));
            assertTrue(partial.getMessage().contains(codec.type().ggmlName()), partial.getMessage());
            CodecException shortSource = assertThrows(CodecException.class,
                    () -> codec.dequantize(one, 0, out, 0, 2 * codec.blockSize));
            assertTrue(shortSource.getMessage().contains(codec.type().ggmlName()), shortSource.getMessage());
            assertThrows(CodecException.class, () -> codec.dot(one, 0, one, 0, codec.blockSize));
        }
    }

    @Test
    void codebooksLoadWithTheirSpecifiedSizes() {
        assertEquals(256 * 8, QuantTables.IQ2XXS_GRID.length);
        assertEquals(2048 * 8, QuantTables.IQ1S_GRID.length);
        assertEquals(512 * 4, QuantTables.IQ3S_GRID.length);
        assertEquals(0.125f, QuantTables.IQ1S_DELTA);
        // ksigns: seven stored bits plus a parity bit that makes the count of negatives even.
        for (int i = 0; i < 128; i++) {
            assertEquals(0, Integer.bitCount(QuantTables.KSIGNS_IQ2XS[i]) % 2, "ksigns[" + i + "]");
            assertEquals(i, QuantTables.KSIGNS_IQ2XS[i] & 127);
        }
    }
}
