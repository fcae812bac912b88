package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q8_1: 36-byte blocks of 32 — fp16 d at 0, fp16 s = d·Σq at 2, int8 qs[32] at 4; y = F(q) × d.
 * The activation type of Q4_1 and Q5_1 (s carries the block sum their offset m multiplies).
 */
@Component(service = QuantCodec.class)
public final class Q8_1Codec extends BlockCodec {
    public Q8_1Codec() {
        super(GgmlType.Q8_1, GgmlType.Q8_1);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.half(src, at);
        for (int j = 0; j < 32; j++) {
            y[yo + j] = Le.s8(src, at + 4 + j) * d;
        }
    }

    /** quantize_row_q8_1_ref: as Q8_0, plus s = fp16(Σq × d). */
    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        for (int b = 0; b < cols / 32; b++) {
            int base = xo + 32 * b;
            int at = 36 * b;
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[base + j]));
            }
            float d = amax / 127;
            float id = d != 0 ? 1.0f / d : 0.0f;
            int sum = 0;
            for (int j = 0; j < 32; j++) {
                int q = (byte) (int) Rounding.roundAway(x[base + j] * id);
                out[at + 4 + j] = (byte) q;
                sum += q;
            }
            Le.putShort(out, at, Le.toHalf(d));
            Le.putShort(out, at + 2, Le.toHalf(sum * d));
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 32; b++) {
            long wb = wo + 36L * b;
            long ab = ao + 36L * b;
            int sumi = 0;
            for (int j = 0; j < 32; j++) {
                sumi += Le.s8(w, wb + 4 + j) * Le.s8(a, ab + 4 + j);
            }
            sum += sumi * (Le.half(w, wb) * Le.half(a, ab));
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        FloatVector acc = FloatVector.zero(Simd.FLOATS);
        int lanes = Simd.LANES;
        for (int b = 0; b < count / 32; b++) {
            long wb = wo + 36L * b;
            long ab = ao + 36L * b;
            // block: fp16 d, fp16 s, then 32 int8 quants on both sides
            IntVector sums = IntVector.zero(Simd.INTS);
            for (int j = 0; j < 32; j += lanes) {
                sums = sums.add(Simd.bytes(w, wb + 4 + j).mul(Simd.bytes(a, ab + 4 + j)));
            }
            acc = Simd.scaleAdd(sums, Le.half(w, wb) * Le.half(a, ab), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
