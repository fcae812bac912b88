package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q5_0: 22-byte blocks of 32 — fp16 d at 0, uint32 qh at 2 (bit e = 5th bit of element e), qs[16]
 * at 6 (element j low nibble, j+16 high); y = F(q − 16) × d. Dot products pair it with Q8_0.
 */
@Component(service = QuantCodec.class)
public final class Q5_0Codec extends BlockCodec {
    public Q5_0Codec() {
        super(GgmlType.Q5_0, GgmlType.Q8_0);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.half(src, at);
        int qh = Le.u32(src, at + 2);
        for (int j = 0; j < 16; j++) {
            int q = Le.u8(src, at + 6 + j);
            int q0 = (q & 15) | (((qh >>> j) & 1) << 4);
            int q1 = (q >> 4) | (((qh >>> (j + 16)) & 1) << 4);
            y[yo + j] = (q0 - 16) * d;
            y[yo + j + 16] = (q1 - 16) * d;
        }
    }

    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        float sigma2 = importance == null ? 0 : ImportanceWeights.sumSquares(x, xo, cols) / cols;
        float[] w = new float[32];
        byte[] L = new byte[32];
        for (int b = 0; b < cols / 32; b++) {
            int base = xo + 32 * b;
            float d;
            if (importance == null) {
                // quantize_row_q5_0_ref: d = (signed max)/−16, quants from the unrounded d
                float amax = 0;
                float max = 0;
                for (int j = 0; j < 32; j++) {
                    float v = x[base + j];
                    if (amax < Math.abs(v)) {
                        amax = Math.abs(v);
                        max = v;
                    }
                }
                d = max / -16;
                float id = d != 0 ? 1.0f / d : 0.0f;
                for (int j = 0; j < 32; j++) {
                    L[j] = (byte) Math.min(31, (int) (x[base + j] * id + 16.5f));
                }
            } else {
                ImportanceWeights.fill(importance, 32 * b, x, base, sigma2, w, 32);
                d = ScaleSearch.makeQxQuants(32, 16, x, base, L, 0, w, 0);
            }
            pack(out, 22 * b, d, L);
        }
    }

    private static void pack(byte[] out, int at, float d, byte[] L) {
        Le.putShort(out, at, Le.toHalf(d));
        int qh = 0;
        for (int j = 0; j < 16; j++) {
            int q0 = L[j];
            int q1 = L[j + 16];
            out[at + 6 + j] = (byte) ((q0 & 15) | ((q1 & 15) << 4));
            qh |= ((q0 >> 4) & 1) << j;
            qh |= ((q1 >> 4) & 1) << (j + 16);
        }
        Le.putInt(out, at + 2, qh);
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 32; b++) {
            long wb = wo + 22L * b;
            long ab = ao + 34L * b;
            int qh = Le.u32(w, wb + 2);
            int sumi = 0;
            for (int j = 0; j < 16; j++) {
                int q = Le.u8(w, wb + 6 + j);
                int q0 = ((q & 15) | (((qh >>> j) & 1) << 4)) - 16;
                int q1 = ((q >> 4) | (((qh >>> (j + 16)) & 1) << 4)) - 16;
                sumi += q0 * Le.s8(a, ab + 2 + j) + q1 * Le.s8(a, ab + 18 + j);
            }
            sum += sumi * (Le.half(w, wb) * Le.half(a, ab));
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        FloatVector acc = FloatVector.zero(Simd.FLOATS);
        int lanes = Simd.LANES;
        IntVector laneIndex = IntVector.zero(Simd.INTS).addIndex(1);
        for (int b = 0; b < count / 32; b++) {
            long wb = wo + 22L * b;
            long ab = ao + 34L * b;
            // weights: d, qh (32 fifth bits), 16 bytes of nibble pairs (j | j+16); activations (Q8_0): d, 32 int8
            IntVector qh = IntVector.broadcast(Simd.INTS, Le.u32(w, wb + 2));
            IntVector sums = IntVector.zero(Simd.INTS);
            for (int j = 0; j < 16; j += lanes) {
                IntVector q = Simd.bytes(w, wb + 6 + j);
                IntVector highLo = qh.lanewise(VectorOperators.LSHR, laneIndex.add(j)).and(1).lanewise(VectorOperators.LSHL, 4);
                IntVector highHi = qh.lanewise(VectorOperators.LSHR, laneIndex.add(j + 16)).and(1).lanewise(VectorOperators.LSHL, 4);
                IntVector lo = q.and(15).or(highLo).sub(16);
                IntVector hi = q.lanewise(VectorOperators.LSHR, 4).and(15).or(highHi).sub(16);
                sums = sums.add(lo.mul(Simd.bytes(a, ab + 2 + j))).add(hi.mul(Simd.bytes(a, ab + 18 + j)));
            }
            acc = Simd.scaleAdd(sums, Le.half(w, wb) * Le.half(a, ab), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
