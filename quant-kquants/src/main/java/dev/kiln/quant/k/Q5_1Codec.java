package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q5_1: 24-byte blocks of 32 — fp16 d at 0, fp16 m at 2, uint32 qh at 4 (bit e = 5th bit of
 * element e), qs[16] at 8 (element j low nibble, j+16 high); y = F(q) × d + m. Pairs with Q8_1.
 */
@Component(service = QuantCodec.class)
public final class Q5_1Codec extends BlockCodec {
    public Q5_1Codec() {
        super(GgmlType.Q5_1, GgmlType.Q8_1);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.half(src, at);
        float m = Le.half(src, at + 2);
        int qh = Le.u32(src, at + 4);
        for (int j = 0; j < 16; j++) {
            int q = Le.u8(src, at + 8 + j);
            int q0 = (q & 15) | (((qh >>> j) & 1) << 4);
            int q1 = (q >> 4) | (((qh >>> (j + 16)) & 1) << 4);
            y[yo + j] = q0 * d + m;
            y[yo + j + 16] = q1 * d + m;
        }
    }

    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        float sigma2 = importance == null ? 0 : ImportanceWeights.sumSquares(x, xo, cols) / cols;
        float[] w = new float[32];
        byte[] L = new byte[32];
        float[] theMin = new float[1];
        for (int b = 0; b < cols / 32; b++) {
            int base = xo + 32 * b;
            float d;
            float m;
            if (importance == null) {
                // quantize_row_q5_1_ref: d = (max − min)/31, m = min, q = trunc((x − min)/d + 0.5), no clamp
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (int j = 0; j < 32; j++) {
                    float v = x[base + j];
                    if (v < min) {
                        min = v;
                    }
                    if (v > max) {
                        max = v;
                    }
                }
                d = (max - min) / 31;
                m = min;
                float id = d != 0 ? 1.0f / d : 0.0f;
                for (int j = 0; j < 32; j++) {
                    L[j] = (byte) (int) ((x[base + j] - min) * id + 0.5f);
                }
            } else {
                ImportanceWeights.fill(importance, 32 * b, x, base, sigma2, w, 32);
                d = ScaleSearch.makeQkxQuants(true, 32, 31, x, base, w, 0, L, 0, theMin, -0.9f, 0.05f, 36, false);
                m = -theMin[0];
            }
            int at = 24 * b;
            Le.putShort(out, at, Le.toHalf(d));
            Le.putShort(out, at + 2, Le.toHalf(m));
            int qh = 0;
            for (int j = 0; j < 16; j++) {
                int q0 = L[j];
                int q1 = L[j + 16];
                out[at + 8 + j] = (byte) ((q0 & 15) | ((q1 & 15) << 4));
                qh |= ((q0 >> 4) & 1) << j;
                qh |= ((q1 >> 4) & 1) << (j + 16);
            }
            Le.putInt(out, at + 4, qh);
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 32; b++) {
            long wb = wo + 24L * b;
            long ab = ao + 36L * b;
            int qh = Le.u32(w, wb + 4);
            int sumi = 0;
            for (int j = 0; j < 16; j++) {
                int q = Le.u8(w, wb + 8 + j);
                int q0 = (q & 15) | (((qh >>> j) & 1) << 4);
                int q1 = (q >> 4) | (((qh >>> (j + 16)) & 1) << 4);
                sumi += q0 * Le.s8(a, ab + 4 + j) + q1 * Le.s8(a, ab + 20 + j);
            }
            sum += (Le.half(w, wb) * Le.half(a, ab)) * sumi + Le.half(w, wb + 2) * Le.half(a, ab + 2);
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        FloatVector acc = FloatVector.zero(Simd.FLOATS);
        float offsets = 0;
        int lanes = Simd.LANES;
        IntVector laneIndex = IntVector.zero(Simd.INTS).addIndex(1);
        for (int b = 0; b < count / 32; b++) {
            long wb = wo + 24L * b;
            long ab = ao + 36L * b;
            // weights: d, m, qh (32 fifth bits), 16 bytes of nibble pairs; activations (Q8_1): d, s, 32 int8
            IntVector qh = IntVector.broadcast(Simd.INTS, Le.u32(w, wb + 4));
            IntVector sums = IntVector.zero(Simd.INTS);
            for (int j = 0; j < 16; j += lanes) {
                IntVector q = Simd.bytes(w, wb + 8 + j);
                IntVector highLo = qh.lanewise(VectorOperators.LSHR, laneIndex.add(j)).and(1).lanewise(VectorOperators.LSHL, 4);
                IntVector highHi = qh.lanewise(VectorOperators.LSHR, laneIndex.add(j + 16)).and(1).lanewise(VectorOperators.LSHL, 4);
                IntVector lo = q.and(15).or(highLo);
                IntVector hi = q.lanewise(VectorOperators.LSHR, 4).and(15).or(highHi);
                sums = sums.add(lo.mul(Simd.bytes(a, ab + 4 + j))).add(hi.mul(Simd.bytes(a, ab + 20 + j)));
            }
            acc = Simd.scaleAdd(sums, Le.half(w, wb) * Le.half(a, ab), acc);
            offsets += Le.half(w, wb + 2) * Le.half(a, ab + 2);
        }
        return acc.reduceLanes(VectorOperators.ADD) + offsets;
    }
}
