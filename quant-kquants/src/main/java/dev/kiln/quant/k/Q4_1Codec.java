package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q4_1: 20-byte blocks of 32 — fp16 d at 0, fp16 m at 2, qs[16] at 4 (element j low nibble, j+16
 * high); y = F(q) × d + m. Dot products pair it with Q8_1, whose s = d·Σq carries the m term.
 */
@Component(service = QuantCodec.class)
public final class Q4_1Codec extends BlockCodec {
    public Q4_1Codec() {
        super(GgmlType.Q4_1, GgmlType.Q8_1);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.half(src, at);
        float m = Le.half(src, at + 2);
        for (int j = 0; j < 16; j++) {
            int q = Le.u8(src, at + 4 + j);
            y[yo + j] = (q & 15) * d + m;
            y[yo + j + 16] = (q >> 4) * d + m;
        }
    }

    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        if (importance == null) {
            encodeReference(x, xo, cols, out);
            return;
        }
        // quantize_row_q4_1_impl: row-σ² weights, asymmetric search; the offset is never positive
        float sigma2 = ImportanceWeights.sumSquares(x, xo, cols) / cols;
        float[] w = new float[32];
        byte[] L = new byte[32];
        float[] theMin = new float[1];
        for (int b = 0; b < cols / 32; b++) {
            ImportanceWeights.fill(importance, 32 * b, x, xo + 32 * b, sigma2, w, 32);
            float d = ScaleSearch.makeQkxQuants(true, 32, 15, x, xo + 32 * b, w, 0, L, 0, theMin, -0.9f, 0.05f, 36, false);
            int at = 20 * b;
            Le.putShort(out, at, Le.toHalf(d));
            Le.putShort(out, at + 2, Le.toHalf(-theMin[0]));
            for (int j = 0; j < 16; j++) {
                out[at + 4 + j] = (byte) (L[j] | (L[j + 16] << 4));
            }
        }
    }

    /** quantize_row_q4_1_ref: d = (max − min)/15, m = min, q = trunc((x − min)/d + 0.5). */
    private static void encodeReference(float[] x, int xo, int cols, byte[] out) {
        for (int b = 0; b < cols / 32; b++) {
            int base = xo + 32 * b;
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
            float d = (max - min) / 15;
            float id = d != 0 ? 1.0f / d : 0.0f;
            int at = 20 * b;
            Le.putShort(out, at, Le.toHalf(d));
            Le.putShort(out, at + 2, Le.toHalf(min));
            for (int j = 0; j < 16; j++) {
                int q0 = Math.min(15, (int) ((x[base + j] - min) * id + 0.5f));
                int q1 = Math.min(15, (int) ((x[base + 16 + j] - min) * id + 0.5f));
                out[at + 4 + j] = (byte) (q0 | (q1 << 4));
            }
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 32; b++) {
            long wb = wo + 20L * b;
            long ab = ao + 36L * b;
            int sumi = 0;
            for (int j = 0; j < 16; j++) {
                int q = Le.u8(w, wb + 4 + j);
                sumi += (q & 15) * Le.s8(a, ab + 4 + j) + (q >> 4) * Le.s8(a, ab + 20 + j);
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
        for (int b = 0; b < count / 32; b++) {
            long wb = wo + 20L * b;
            long ab = ao + 36L * b;
            // weights: d, m, 16 bytes of nibble pairs (j | j+16); activations (Q8_1): d, s, 32 int8
            IntVector sums = IntVector.zero(Simd.INTS);
            for (int j = 0; j < 16; j += lanes) {
                IntVector q = Simd.bytes(w, wb + 4 + j);
                IntVector lo = q.and(15);
                IntVector hi = q.lanewise(VectorOperators.LSHR, 4).and(15);
                sums = sums.add(lo.mul(Simd.bytes(a, ab + 4 + j))).add(hi.mul(Simd.bytes(a, ab + 20 + j)));
            }
            acc = Simd.scaleAdd(sums, Le.half(w, wb) * Le.half(a, ab), acc);
            offsets += Le.half(w, wb + 2) * Le.half(a, ab + 2);
        }
        return acc.reduceLanes(VectorOperators.ADD) + offsets;
    }
}
