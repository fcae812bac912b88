package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * IQ4_XS: IQ4_NL indices with 6-bit sub-block scales. Block of 256 values, 136 bytes: fp16
 * {@code d} at 0; {@code scales_h} uint16 at 2 (2 high bits of sub-block s at bits 2s, 2s+1);
 * {@code scales_l[4]} at 4 (low nibble for even s); {@code qs[128]} at 8, 16 bytes per 32-value
 * sub-block in IQ4_NL nibble order. Value {@code (d × (ls − 32)) × kvalues_iq4nl[index]}.
 */
@Component(service = QuantCodec.class)
public final class Iq4XsCodec extends BlockCodec {
    private static final ByteVector TABLE = Nibbles.table(QuantTables.KVALUES_IQ4NL);
    private final ThreadLocal<float[]> weights = ThreadLocal.withInitial(() -> new float[32]);

    public Iq4XsCodec() {
        super(GgmlType.IQ4_XS, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        float d = Bytes.f16(src, offset);
        int scalesH = Bytes.u16(src, offset + 2);
        for (int s = 0; s < 8; s++) {
            int ls = ((Bytes.u8(src, offset + 4 + s / 2) >> (4 * (s % 2))) & 15) | (((scalesH >> (2 * s)) & 3) << 4);
            float dl = d * (float) (ls - 32);
            long qs = offset + 8 + 16 * s;
            int out = o + 32 * s;
            for (int j = 0; j < 16; j++) {
                int b = Bytes.u8(src, qs + j);
                dst[out + j] = dl * QuantTables.KVALUES_IQ4NL[b & 15];
                dst[out + j + 16] = dl * QuantTables.KVALUES_IQ4NL[b >> 4];
            }
        }
    }

    /** Integer form: the table values, multiplier ls − 32 per 32 values, factor d. */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        int scalesH = Bytes.u16(src, offset + 2);
        for (int s = 0; s < 8; s++) {
            int ls = ((Bytes.u8(src, offset + 4 + s / 2) >> (4 * (s % 2))) & 15) | (((scalesH >> (2 * s)) & 3) << 4);
            mult16[2 * s] = ls - 32;
            mult16[2 * s + 1] = ls - 32;
            long qs = offset + 8 + 16 * s;
            for (int j = 0; j < 16; j++) {
                int b = Bytes.u8(src, qs + j);
                wq[32 * s + j] = QuantTables.KVALUES_IQ4NL[b & 15];
                wq[32 * s + j + 16] = QuantTables.KVALUES_IQ4NL[b >> 4];
            }
        }
        return Bytes.f16(src, offset);
    }

    /** Fused kernel: per 32-value sub-block an int8 table-lookup dot product, times ls − 32. */
    @Override
    float dotBlock(MemorySegment weights, long offset, MemorySegment act, long actOffset, IntegerBlock scratch) {
        int sumi = Nibbles.WIDE ? sumWide(weights, offset, act, actOffset + 4) : sumNarrow(weights, offset, act, actOffset + 4);
        return Bytes.f16(weights, offset) * (ActivationBlocks.scale(GgmlType.Q8_K, act, actOffset) * (float) sumi);
    }

    /**
     * AVX-512: each sub-block's 16 int lanes times its scale, summed over the block and reduced
     * once (a lane reduction per sub-block cost as much as the products). Layout: scales_h at 2,
     * scales_l at 4, the 16 code bytes of sub-block s at 8 + 16s; its activations at qs + 32s.
     */
    private static int sumWide(MemorySegment weights, long offset, MemorySegment act, long qs) {
        int scalesH = Bytes.u16(weights, offset + 2);
        int scalesL = Bytes.u32(weights, offset + 4);
        IntVector acc = IntVector.zero(IntVector.SPECIES_512);
        // One call site only: each inlined copy of the kernel spends C2's node budget, and a
        // kernel left out of line returns a boxed vector.
        for (int s = 0; s < 8; s++) {
            IntVector p = Nibbles.products32(TABLE, weights, offset + 8 + 16 * s, act, qs + 32 * s);
            acc = acc.add(p.mul(subScale(scalesL, scalesH, s)));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** Narrower vectors: one 32-value sub-block at a time. */
    private static int sumNarrow(MemorySegment weights, long offset, MemorySegment act, long qs) {
        int scalesH = Bytes.u16(weights, offset + 2);
        int scalesL = Bytes.u32(weights, offset + 4);
        int sumi = 0;
        for (int s = 0; s < 8; s++) {
            sumi += subScale(scalesL, scalesH, s) * Nibbles.dot32(TABLE, weights, offset + 8 + 16 * s, act, qs + 32 * s);
        }
        return sumi;
    }

    /** ls − 32 of sub-block s: low nibble s of scales_l (as one little-endian int), 2 bits of scales_h. */
    private static int subScale(int scalesL, int scalesH, int s) {
        return (((scalesL >>> (4 * s)) & 15) | (((scalesH >> (2 * s)) & 3) << 4)) - 32;
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        float sigma2 = Iq4Search.sigma2(x, xo, 256);
        float[] scales = new float[8];
        float maxScale = 0f;
        float amaxScale = 0f;
        for (int s = 0; s < 8; s++) {
            scales[s] = Iq4Search.subBlockScale(x, xo + 32 * s, importance, column + 32 * s, sigma2, weights.get());
            float abs = Math.abs(scales[s]);
            if (abs > amaxScale) {
                amaxScale = abs;
                maxScale = scales[s];
            }
        }
        float d = -maxScale / 32;
        Bytes.putF16(dst, offset, d);
        float id = d != 0f ? 1 / d : 0f;
        int scalesH = 0;
        for (int s = 0; s < 8; s++) {
            int l = Rounding.clamp(Rounding.nearestInt(id * scales[s]), -32, 31);
            float dl = d * l;
            float idl = dl != 0f ? 1 / dl : 0f;
            for (int j = 0; j < 16; j++) {
                int lo = Iq4Search.bestIndex(idl * x[xo + 32 * s + j]);
                int hi = Iq4Search.bestIndex(idl * x[xo + 32 * s + 16 + j]);
                Bytes.putU8(dst, offset + 8 + 16 * s + j, lo | (hi << 4));
            }
            l += 32;
            long low = offset + 4 + s / 2;
            int previous = s % 2 == 0 ? 0 : Bytes.u8(dst, low);
            Bytes.putU8(dst, low, previous | ((l & 15) << (4 * (s % 2))));
            scalesH |= (l >> 4) << (2 * s);
        }
        Bytes.putU16(dst, offset + 2, scalesH);
    }
}
