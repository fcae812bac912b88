package dev.kiln.quant.k;

import static dev.kiln.quant.k.Rounding.nearestInt;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q3_K: 110-byte super-blocks of 256 — hmask[32] at 0 (high bit of element e: bit e/32 of
 * hmask[e mod 32]), qs[64] at 32 as 2-bit planes (like Q2_K), 12 bytes of 6-bit scales at 96
 * (biased by 32), fp16 d at 108. q = low − (high ? 0 : 4); y = (d × F(sc − 32)) × F(q).
 */
@Component(service = QuantCodec.class)
public final class Q3_KCodec extends BlockCodec {
    public Q3_KCodec() {
        super(GgmlType.Q3_K, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.half(src, at + 108);
        for (int s = 0; s < 16; s++) {
            float dl = d * KScales.scale3(src, at + 96, s);
            for (int i = 0; i < 16; i++) {
                y[yo + 16 * s + i] = dl * quant(src, at, 16 * s + i);
            }
        }
    }

    private static int quant(MemorySegment src, long at, int e) {
        int low = (Le.u8(src, at + 32 + 32 * (e / 128) + e % 32) >> (2 * ((e % 128) / 32))) & 3;
        int high = (Le.u8(src, at + e % 32) >> (e / 32)) & 1;
        return low - (high != 0 ? 0 : 4);
    }

    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        byte[] L = new byte[256];
        int[] biased = new int[16];
        for (int b = 0; b < cols / 256; b++) {
            int at = 110 * b;
            int xb = xo + 256 * b;
            float d = importance == null ? firstPassReference(x, xb, L, biased)
                    : firstPassWeighted(x, xb, importance, 256 * b, L, biased);
            KScales.pack3(out, at + 96, biased);
            Le.putShort(out, at + 108, Le.toHalf(d));
            float dStored = Le.roundTripHalf(d);
            for (int j = 0; j < 16; j++) {
                float dl = dStored * (biased[j] - 32);
                if (dl == 0) {
                    continue;
                }
                for (int i = 0; i < 16; i++) {
                    int l = Math.max(-4, Math.min(3, nearestInt(x[xb + 16 * j + i] / dl)));
                    L[16 * j + i] = (byte) (l + 4);
                }
            }
            // high bit of element e goes to bit e/32 of hmask[e mod 32]; the low two bits to the planes
            for (int e = 0; e < 256; e++) {
                if (L[e] > 3) {
                    out[at + e % 32] |= (byte) (1 << (e / 32));
                    L[e] -= 4;
                }
            }
            for (int h = 0; h < 2; h++) {
                for (int l = 0; l < 32; l++) {
                    int e = 128 * h + l;
                    out[at + 32 + 32 * h + l] = (byte) (L[e] | (L[e + 32] << 2) | (L[e + 64] << 4) | (L[e + 96] << 6));
                }
            }
        }
    }

    /** quantize_row_q3_K_ref's first pass; fills the biased 6-bit scales and returns d. */
    private static float firstPassReference(float[] x, int xb, byte[] L, int[] biased) {
        float[] scales = new float[16];
        float maxScale = 0;
        float amax = 0;
        for (int j = 0; j < 16; j++) {
            scales[j] = ScaleSearch.makeQ3Quants(16, 4, x, xb + 16 * j, L, 16 * j);
            float scale = Math.abs(scales[j]);
            if (scale > amax) {
                amax = scale;
                maxScale = scales[j];
            }
        }
        if (maxScale == 0) {
            java.util.Arrays.fill(biased, 0);
            return 0f;
        }
        float iscale = -32f / maxScale;
        for (int j = 0; j < 16; j++) {
            int l = (byte) nearestInt(iscale * scales[j]);
            biased[j] = Math.max(-32, Math.min(31, l)) + 32;
        }
        return 1 / iscale;
    }

    /** quantize_row_q3_K_impl's first pass: imatrix weights, then the 16 scales themselves searched. */
    private static float firstPassWeighted(float[] x, int xb, float[] importance, int io, byte[] L, int[] biased) {
        float[] scales = new float[16];
        float[] sw = new float[16];
        float[] w = new float[16];
        float sigma2 = 2 * ImportanceWeights.sumSquares(x, xb, 256) / 256;
        for (int j = 0; j < 16; j++) {
            ImportanceWeights.fill(importance, io + 16 * j, x, xb + 16 * j, sigma2, w, 16);
            float sumW = 0;
            for (int l = 0; l < 16; l++) {
                sumW += w[l];
            }
            sw[j] = sumW;
            scales[j] = ScaleSearch.makeQxQuants(16, 4, x, xb + 16 * j, L, 16 * j, w, 0);
        }
        byte[] ls = new byte[16];
        float d = ScaleSearch.makeQxQuants(16, 32, scales, 0, ls, 0, sw, 0);
        for (int j = 0; j < 16; j++) {
            biased[j] = ls[j];
        }
        return d;
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 110L * b;
            long ab = ao + 292L * b;
            int sumi = 0;
            for (int s = 0; s < 16; s++) {
                int dot = 0;
                for (int i = 0; i < 16; i++) {
                    dot += quant(w, wb, 16 * s + i) * Le.s8(a, ab + Q8_KCodec.QS + 16 * s + i);
                }
                sumi += KScales.scale3(w, wb + 96, s) * dot;
            }
            sum += Le.f32(a, ab) * Le.half(w, wb + 108) * sumi;
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 110L * b;
            long ab = ao + 292L * b;
            long scLow = Le.u64(w, wb + 96);
            int scHigh = Le.u32(w, wb + 104);
            // half h uses qs bytes 32h..; plane g (bits 2g) of byte 32h+l is element e = 128h+32g+l,
            // whose high bit is bit 4h+g of hmask[l]; sub-block 8h + 2g + l/16
            int sumi = quantDot(w, wb, scLow, scHigh, a, ab + Q8_KCodec.QS);
            sum += Le.f32(a, ab) * Le.half(w, wb + 108) * sumi;
        }
        return sum;
    }

    /**
     * Σ sc·q·a over the super-block. A method of its own, kept to a few vector operations: C2
     * stops inlining Vector API calls past its node budget, and a call left out boxes every vector
     * it touches.
     */
    private static int quantDot(MemorySegment w, long wb, long scLow, int scHigh, MemorySegment a, long aq) {
        IntVector sums = IntVector.zero(Simd.INTS);
        for (int h = 0; h < 2; h++) {
            for (int g = 0; g < 4; g++) {
                for (int l = 0; l < 32; l += Simd.LANES) {
                    IntVector low = Simd.bytes(w, wb + 32 + 32 * h + l).lanewise(VectorOperators.LSHR, 2 * g).and(3);
                    IntVector high = Simd.bytes(w, wb + l).lanewise(VectorOperators.LSHR, 4 * h + g).and(1);
                    IntVector q = low.add(high.lanewise(VectorOperators.LSHL, 2)).sub(4);
                    int scale = KScales.scale3(scLow, scHigh, 8 * h + 2 * g + (l >> 4));
                    sums = sums.add(q.mul(Simd.bytes(a, aq + 128 * h + 32 * g + l)).mul(scale));
                }
            }
        }
        return sums.reduceLanes(VectorOperators.ADD);
    }
}
