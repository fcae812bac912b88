package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q8_K: 292-byte blocks of 256 — float32 d at 0, int8 qs[256] at 4, int16 bsums[16] at 260 (sum of
 * each 16 quants); y = F(q) × d. The activation type of every K-quant: its {@link #quantizeRow} is
 * their activation quantizer, and bsums let the K-quant kernels apply their sub-block mins cheaply.
 */
@Component(service = QuantCodec.class)
public final class Q8_KCodec extends BlockCodec {
    static final int QS = 4;
    static final int BSUMS = 260;

    public Q8_KCodec() {
        super(GgmlType.Q8_K, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.f32(src, at);
        for (int j = 0; j < 256; j++) {
            y[yo + j] = d * Le.s8(src, at + QS + j);
        }
    }

    /** quantize_row_q8_K_ref: iscale = −127/(signed max), q = min(127, nearest_int(iscale·x)), d = 1/iscale. */
    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        for (int b = 0; b < cols / 256; b++) {
            int base = xo + 256 * b;
            int at = 292 * b;
            float max = 0;
            float amax = 0;
            for (int j = 0; j < 256; j++) {
                float ax = Math.abs(x[base + j]);
                if (ax > amax) {
                    amax = ax;
                    max = x[base + j];
                }
            }
            if (amax == 0) {
                continue; // d, quants and sums stay zero
            }
            float iscale = -127f / max;
            for (int j = 0; j < 256; j++) {
                out[at + QS + j] = (byte) Math.min(127, Rounding.nearestInt(iscale * x[base + j]));
            }
            for (int g = 0; g < 16; g++) {
                int sum = 0;
                for (int i = 0; i < 16; i++) {
                    sum += out[at + QS + 16 * g + i];
                }
                Le.putShort(out, at + BSUMS + 2 * g, sum);
            }
            Le.putInt(out, at, Float.floatToRawIntBits(1 / iscale));
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 292L * b;
            long ab = ao + 292L * b;
            int sumi = 0;
            for (int j = 0; j < 256; j++) {
                sumi += Le.s8(w, wb + QS + j) * Le.s8(a, ab + QS + j);
            }
            sum += (Le.f32(w, wb) * Le.f32(a, ab)) * sumi;
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        int lanes = Simd.LANES;
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 292L * b;
            long ab = ao + 292L * b;
            // block: float d, 256 int8 quants, 16 int16 sums (unused here)
            IntVector sums = IntVector.zero(Simd.INTS);
            for (int j = 0; j < 256; j += lanes) {
                sums = sums.add(Simd.bytes(w, wb + QS + j).mul(Simd.bytes(a, ab + QS + j)));
            }
            sum += (Le.f32(w, wb) * Le.f32(a, ab)) * sums.reduceLanes(VectorOperators.ADD);
        }
        return sum;
    }
}
