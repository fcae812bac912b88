package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import org.osgi.service.component.annotations.Component;

/**
 * IQ4_NL: 4-bit indices into a non-linear 16-level table. Block of 32 values, 18 bytes: fp16
 * {@code d}, 16 bytes of indices (low nibble element j, high nibble j+16); value
 * {@code d × kvalues_iq4nl[index]}.
 */
@Component(service = QuantCodec.class)
public final class Iq4NlCodec extends BlockCodec {
    private static final ByteVector TABLE = Nibbles.table(QuantTables.KVALUES_IQ4NL);
    private final ThreadLocal<float[]> weights = ThreadLocal.withInitial(() -> new float[32]);

    public Iq4NlCodec() {
        super(GgmlType.IQ4_NL, GgmlType.Q8_0);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        float d = Bytes.f16(src, offset);
        for (int j = 0; j < 16; j++) {
            int b = Bytes.u8(src, offset + 2 + j);
            dst[o + j] = d * QuantTables.KVALUES_IQ4NL[b & 15];
            dst[o + j + 16] = d * QuantTables.KVALUES_IQ4NL[b >> 4];
        }
    }

    /** Integer form: the table values themselves, multiplier 1, factor d. */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        mult16[0] = 1;
        mult16[1] = 1;
        for (int j = 0; j < 16; j++) {
            int b = Bytes.u8(src, offset + 2 + j);
            wq[j] = QuantTables.KVALUES_IQ4NL[b & 15];
            wq[j + 16] = QuantTables.KVALUES_IQ4NL[b >> 4];
        }
        return Bytes.f16(src, offset);
    }

    /** Fused kernel: one int8 table-lookup dot product against the block's Q8_0 partner. */
    @Override
    float dotBlock(MemorySegment weights, long offset, MemorySegment act, long actOffset, IntegerBlock scratch) {
        int sumi = Nibbles.dot32(TABLE, weights, offset + 2, act, actOffset + 2);
        return Bytes.f16(weights, offset) * (ActivationBlocks.scale(GgmlType.Q8_0, act, actOffset) * (float) sumi);
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        float sigma2 = Iq4Search.sigma2(x, xo, 32);
        float scale = Iq4Search.subBlockScale(x, xo, importance, column, sigma2, weights.get());
        Bytes.putF16(dst, offset, scale);
        // Indices are re-assigned against the unrounded scale, as the reference does.
        float id = scale != 0f ? 1 / scale : 0f;
        for (int j = 0; j < 16; j++) {
            int lo = Iq4Search.bestIndex(id * x[xo + j]);
            int hi = Iq4Search.bestIndex(id * x[xo + j + 16]);
            Bytes.putU8(dst, offset + 2 + j, lo | (hi << 4));
        }
    }
}
