package dev.kiln.quant.k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The activation formats' side fields, which the dot kernels rely on, and the vector fp16 decoding. */
class ActivationQuantizerTest {
    @Test
    void q8kBlockSumsAreTheSumsOfTheirSixteenQuants() {
        Q8_KCodec codec = new Q8_KCodec();
        float[] x = DotProductTest.Pair.gaussian(new Random(2), 512);
        MemorySegment q = MemorySegment.ofArray(new byte[2 * 292]);
        codec.quantizeRow(x, 0, 512, null, q, 0);
        for (int b = 0; b < 2; b++) {
            float max = 0;
            for (int i = 0; i < 256; i++) {
                max = Math.max(max, Math.abs(x[256 * b + i]));
            }
            float d = Le.f32(q, 292L * b);
            assertEquals(max, 127 * Math.abs(d), max * 1e-6, "block " + b + " scale");
            for (int g = 0; g < 16; g++) {
                int sum = 0;
                for (int i = 0; i < 16; i++) {
                    int v = Le.s8(q, 292L * b + Q8_KCodec.QS + 16 * g + i);
                    assertTrue(v >= -127 && v <= 127);
                    sum += v;
                }
                assertEquals(sum, Le.s16(q, 292L * b + Q8_KCodec.BSUMS + 2 * g), "block " + b + " group " + g);
            }
        }
    }

    @Test
    void q81CarriesScaleTimesQuantSum() {
        Q8_1Codec codec = new Q8_1Codec();
        float[] x = DotProductTest.Pair.gaussian(new Random(4), 64);
        MemorySegment q = MemorySegment.ofArray(new byte[2 * 36]);
        codec.quantizeRow(x, 0, 64, null, q, 0);
        for (int b = 0; b < 2; b++) {
            int sum = 0;
            float amax = 0;
            for (int i = 0; i < 32; i++) {
                sum += Le.s8(q, 36L * b + 4 + i);
                amax = Math.max(amax, Math.abs(x[32 * b + i]));
            }
            // s is Σq times the unrounded d = amax/127, rounded once to fp16
            assertEquals(Le.roundTripHalf(sum * (amax / 127)), Le.half(q, 36L * b + 2), "block " + b);
        }
    }

    @Test
    void vectorHalfDecodingMatchesJavaForEveryBitPattern() {
        assumeTrue(Simd.ENABLED, "no supported vector width on this machine");
        byte[] all = new byte[2 * 65536];
        for (int h = 0; h < 65536; h++) {
            Le.putShort(all, 2 * h, h);
        }
        MemorySegment s = MemorySegment.ofArray(all);
        float[] lanes = new float[Simd.LANES];
        for (int h = 0; h < 65536; h += Simd.LANES) {
            FloatVector v = F16Codec.halves(s, 2L * h);
            v.intoArray(lanes, 0);
            for (int i = 0; i < Simd.LANES; i++) {
                float want = Float.float16ToFloat((short) (h + i));
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(lanes[i]),
                        "half 0x" + Integer.toHexString(h + i));
            }
        }
    }
}
