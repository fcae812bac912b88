package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q4_0: 18-byte blocks of 32 — fp16 d at 0, qs[16] at 2 holding element j in the low nibble and
 * j+16 in the high nibble; y = F(q − 8) × d. Dot products pair it with Q8_0.
 */
@Component(service = QuantCodec.class)
public final class Q4_0Codec extends BlockCodec {
    public Q4_0Codec() {
        super(GgmlType.Q4_0, GgmlType.Q8_0);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.half(src, at);
        for (int j = 0; j < 16; j++) {
            int q = Le.u8(src, at + 2 + j);
            y[yo + j] = ((q & 15) - 8) * d;
            y[yo + j + 16] = ((q >> 4) - 8) * d;
        }
    }

    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        if (importance == null) {
            encodeReference(x, xo, cols, out);
            return;
        }
        // quantize_row_q4_0_impl: weights from the whole row's mean square, then the symmetric search
        float sigma2 = ImportanceWeights.sumSquares(x, xo, cols) / cols;
        float[] w = new float[32];
        byte[] L = new byte[32];
        for (int b = 0; b < cols / 32; b++) {
            ImportanceWeights.fill(importance, 32 * b, x, xo + 32 * b, sigma2, w, 32);
            float d = ScaleSearch.makeQxQuants(32, 8, x, xo + 32 * b, L, 0, w, 0);
            int at = 18 * b;
            Le.putShort(out, at, Le.toHalf(d));
            for (int j = 0; j < 16; j++) {
                out[at + 2 + j] = (byte) (L[j] | (L[j + 16] << 4));
            }
        }
    }

    /** quantize_row_q4_0_ref: d = (signed max)/−8, quants from the unrounded d. */
    private static void encodeReference(float[] x, int xo, int cols, byte[] out) {
        for (int b = 0; b < cols / 32; b++) {
            int base = xo + 32 * b;
            float amax = 0;
            float max = 0;
            for (int j = 0; j < 32; j++) {
                float v = x[base + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8;
            float id = d != 0 ? 1.0f / d : 0.0f;
            int at = 18 * b;
            Le.putShort(out, at, Le.toHalf(d));
            for (int j = 0; j < 16; j++) {
                int q0 = Math.min(15, (int) (x[base + j] * id + 8.5f));
                int q1 = Math.min(15, (int) (x[base + 16 + j] * id + 8.5f));
                out[at + 2 + j] = (byte) (q0 | (q1 << 4));
            }
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 32; b++) {
            long wb = wo + 18L * b;
            long ab = ao + 34L * b;
            int sumi = 0;
            for (int j = 0; j < 16; j++) {
                int q = Le.u8(w, wb + 2 + j);
                sumi += ((q & 15) - 8) * Le.s8(a, ab + 2 + j) + ((q >> 4) - 8) * Le.s8(a, ab + 18 + j);
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
            long wb = wo + 18L * b;
            long ab = ao + 34L * b;
            // weights: d, 16 bytes of nibble pairs (j | j+16); activations (Q8_0): d, 32 int8
            IntVector sums = IntVector.zero(Simd.INTS);
            for (int j = 0; j < 16; j += lanes) {
                IntVector q = Simd.bytes(w, wb + 2 + j);
                IntVector lo = q.and(15).sub(8);
                IntVector hi = q.lanewise(VectorOperators.LSHR, 4).and(15).sub(8);
                sums = sums.add(lo.mul(Simd.bytes(a, ab + 2 + j))).add(hi.mul(Simd.bytes(a, ab + 18 + j)));
            }
            acc = Simd.scaleAdd(sums, Le.half(w, wb) * Le.half(a, ab), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
