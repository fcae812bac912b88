package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import org.osgi.service.component.annotations.Component;

/**
 * MXFP4 (OCP microscaling FP4). Block of 32 values, 17 bytes: one E8M0 exponent byte {@code e},
 * then 16 bytes of E2M1 codes (low nibble element j, high nibble j+16). The table holds the E2M1
 * values doubled, so the scale is half the E8M0 value, {@code 2^(e−128)}.
 */
@Component(service = QuantCodec.class)
public final class Mxfp4Codec extends BlockCodec {
    private static final ByteVector TABLE = Nibbles.table(QuantTables.KVALUES_FP4);

    public Mxfp4Codec() {
        super(GgmlType.MXFP4, GgmlType.Q8_0);
    }

    /** Half the E8M0 value as float32 bits; e = 0 and 1 land in the subnormals. */
    static float halfE8m0(int e) {
        int bits = e >= 2 ? (e - 1) << 23 : e == 1 ? 0x00400000 : 0x00200000;
        return Float.intBitsToFloat(bits);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        float d = halfE8m0(Bytes.u8(src, offset));
        for (int j = 0; j < 16; j++) {
            int b = Bytes.u8(src, offset + 1 + j);
            dst[o + j] = (float) QuantTables.KVALUES_FP4[b & 15] * d;
            dst[o + j + 16] = (float) QuantTables.KVALUES_FP4[b >> 4] * d;
        }
    }

    /** Integer form: the doubled E2M1 values, multiplier 1, factor 2^(e−128). */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        mult16[0] = 1;
        mult16[1] = 1;
        for (int j = 0; j < 16; j++) {
            int b = Bytes.u8(src, offset + 1 + j);
            wq[j] = QuantTables.KVALUES_FP4[b & 15];
            wq[j + 16] = QuantTables.KVALUES_FP4[b >> 4];
        }
        return halfE8m0(Bytes.u8(src, offset));
    }

    /** Fused kernel: one int8 table-lookup dot product against the block's Q8_0 partner. */
    @Override
    float dotBlock(MemorySegment weights, long offset, MemorySegment act, long actOffset, IntegerBlock scratch) {
        int sumi = Nibbles.dot32(TABLE, weights, offset + 1, act, actOffset + 2);
        return halfE8m0(Bytes.u8(weights, offset)) * (ActivationBlocks.scale(GgmlType.Q8_0, act, actOffset) * (float) sumi);
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        float amax = 0f;
        for (int j = 0; j < 32; j++) {
            amax = Math.max(amax, Math.abs(x[xo + j]));
        }
        // floorf(log2f(amax)) − 2 + 127 in float32, then the C conversion to uint8 (low 8 bits).
        int e = amax > 0f ? ((int) ((float) Math.floor(log2f(amax)) - 2f + 127f)) & 0xFF : 0;
        float d = halfE8m0(e);
        Bytes.putU8(dst, offset, e);
        for (int j = 0; j < 16; j++) {
            int lo = nearestCode(x[xo + j], d);
            int hi = nearestCode(x[xo + j + 16], d);
            Bytes.putU8(dst, offset + 1 + j, lo | (hi << 4));
        }
    }

    /**
     * log2 rounded to float32 as a correctly rounded log2f gives it: exact for powers of two (where
     * a double quotient of logarithms could land a hair below the integer), otherwise the double
     * value rounded once to float.
     */
    private static float log2f(float v) {
        int bits = Float.floatToRawIntBits(v);
        if ((bits & 0x007FFFFF) == 0 && Math.getExponent(v) >= Float.MIN_EXPONENT) {
            return Math.getExponent(v);
        }
        return (float) (Math.log(v) / Math.log(2.0));
    }

    /** First code with the smallest |value·d − x| (strict less, so +0 beats −0). */
    private static int nearestCode(float x, float d) {
        int best = 0;
        float bestErr = Math.abs((float) QuantTables.KVALUES_FP4[0] * d - x);
        for (int i = 1; i < 16; i++) {
            float err = Math.abs((float) QuantTables.KVALUES_FP4[i] * d - x);
            if (err < bestErr) {
                best = i;
                bestErr = err;
            }
        }
        return best;
    }
}
