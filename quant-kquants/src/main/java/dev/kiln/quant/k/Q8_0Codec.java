package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q8_0: 34-byte blocks of 32 — fp16 d at 0, int8 qs[32] at 2; y = F(q) × d. Also the activation
 * type of Q4_0, Q5_0 and Q8_0: its {@link #quantizeRow} is the activation quantizer.
 */
@Component(service = QuantCodec.class)
public final class Q8_0Codec extends BlockCodec {
    public Q8_0Codec() {
        super(GgmlType.Q8_0, GgmlType.Q8_0);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.half(src, at);
        for (int j = 0; j < 32; j++) {
            y[yo + j] = Le.s8(src, at + 2 + j) * d;
        }
    }

    /** quantize_row_q8_0_ref: d = amax/127, q = roundf(x/d) ties away; the importance matrix is not used. */
    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        for (int b = 0; b < cols / 32; b++) {
            int base = xo + 32 * b;
            int at = 34 * b;
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[base + j]));
            }
            float d = amax / 127;
            float id = d != 0 ? 1.0f / d : 0.0f;
            Le.putShort(out, at, Le.toHalf(d));
            for (int j = 0; j < 32; j++) {
                out[at + 2 + j] = (byte) (int) Rounding.roundAway(x[base + j] * id);
            }
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 32; b++) {
            long wb = wo + 34L * b;
            long ab = ao + 34L * b;
            int sumi = 0;
            for (int j = 0; j < 32; j++) {
                sumi += Le.s8(w, wb + 2 + j) * Le.s8(a, ab + 2 + j);
            }
            sum += sumi * (Le.half(w, wb) * Le.half(a, ab));
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        FloatVector acc = FloatVector.zero(Simd.FLOATS);
        for (int b = 0; b < count / 32; b++) {
            long wb = wo + 34L * b;
            long ab = ao + 34L * b;
            // block: fp16 d, then 32 int8 quants on both sides; integer products, one scale per block
            IntVector sums = IntVector.zero(Simd.INTS);
            for (int j = 0; j < 32; j += Simd.PAIR_LANES) {
                // 16-bit products (±2¹⁴), pair-summed into ints: no 32-bit multiply per element
                sums = sums.add(Simd.pairSumsWide(Simd.shorts(w, wb + 2 + j).mul(Simd.shorts(a, ab + 2 + j))));
            }
            acc = Simd.scaleAdd(sums, Le.half(w, wb) * Le.half(a, ab), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
