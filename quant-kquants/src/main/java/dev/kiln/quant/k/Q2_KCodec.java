package dev.kiln.quant.k;

import static dev.kiln.quant.k.Rounding.nearestInt;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q2_K: 84-byte super-blocks of 256 — scales[16] at 0 (sub-block s of 16: low nibble scale, high
 * nibble min), qs[64] at 16 as 2-bit planes (element e in byte 32·(e/128) + e mod 32 at bits
 * 2·((e mod 128)/32)), fp16 d at 80, fp16 dmin at 82. y = (d × F(sc)) × F(q) − dmin × F(mn).
 */
@Component(service = QuantCodec.class)
public final class Q2_KCodec extends BlockCodec {
    public Q2_KCodec() {
        super(GgmlType.Q2_K, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.half(src, at + 80);
        float dmin = Le.half(src, at + 82);
        for (int e = 0; e < 256; e++) {
            int sc = Le.u8(src, at + e / 16);
            float dl = d * (sc & 15);
            float ml = dmin * (sc >> 4);
            int q = (Le.u8(src, at + 16 + 32 * (e / 128) + e % 32) >> (2 * ((e % 128) / 32))) & 3;
            y[yo + e] = dl * q - ml;
        }
    }

    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        byte[] L = new byte[256];
        for (int b = 0; b < cols / 256; b++) {
            int at = 84 * b;
            int xb = xo + 256 * b;
            if (importance == null) {
                firstPassReference(x, xb, L, out, at);
            } else {
                firstPassWeighted(x, xb, importance, 256 * b, L, out, at);
            }
            float d = Le.halfAt(out, at + 80);
            float dmin = Le.halfAt(out, at + 82);
            for (int j = 0; j < 16; j++) {
                int sc = out[at + j] & 0xFF;
                float dl = d * (sc & 15);
                if (dl == 0) {
                    continue;
                }
                float ml = dmin * (sc >> 4);
                for (int i = 0; i < 16; i++) {
                    L[16 * j + i] = (byte) Math.max(0, Math.min(3, nearestInt((x[xb + 16 * j + i] + ml) / dl)));
                }
            }
            for (int h = 0; h < 2; h++) {
                for (int l = 0; l < 32; l++) {
                    int e = 128 * h + l;
                    out[at + 16 + 32 * h + l] = (byte) (L[e] | (L[e + 32] << 2) | (L[e + 64] << 4) | (L[e + 96] << 6));
                }
            }
        }
    }

    /** quantize_row_q2_K_ref's first pass: |x|-weighted MAD fits, 4-bit scales and mins under max/15. */
    private static void firstPassReference(float[] x, int xb, byte[] L, byte[] out, int at) {
        float[] scales = new float[16];
        float[] mins = new float[16];
        float[] w = new float[16];
        float[] theMin = new float[1];
        float maxScale = 0;
        float maxMin = 0;
        for (int j = 0; j < 16; j++) {
            for (int l = 0; l < 16; l++) {
                w[l] = Math.abs(x[xb + 16 * j + l]);
            }
            scales[j] = ScaleSearch.makeQkxQuants(false, 16, 3, x, xb + 16 * j, w, 0, L, 16 * j, theMin, -0.5f, 0.1f, 15, true);
            mins[j] = theMin[0];
            if (scales[j] > maxScale) {
                maxScale = scales[j];
            }
            if (mins[j] > maxMin) {
                maxMin = mins[j];
            }
        }
        if (maxScale > 0) {
            float iscale = 15f / maxScale;
            for (int j = 0; j < 16; j++) {
                out[at + j] = (byte) nearestInt(iscale * scales[j]);
            }
            Le.putShort(out, at + 80, Le.toHalf(maxScale / 15f));
        } else {
            Le.putShort(out, at + 80, Le.toHalf(0f));
        }
        if (maxMin > 0) {
            float iscale = 15f / maxMin;
            for (int j = 0; j < 16; j++) {
                out[at + j] |= (byte) (nearestInt(iscale * mins[j]) << 4);
            }
            Le.putShort(out, at + 82, Le.toHalf(maxMin / 15f));
        } else {
            Le.putShort(out, at + 82, Le.toHalf(0f));
        }
    }

    /** quantize_row_q2_K_impl's first pass: imatrix weights, squared-error fits, scales by make_qp_quants. */
    private static void firstPassWeighted(float[] x, int xb, float[] importance, int io, byte[] L, byte[] out, int at) {
        float[] scales = new float[16];
        float[] mins = new float[16];
        float[] sw = new float[16];
        float[] w = new float[16];
        float[] theMin = new float[1];
        float sigma2 = ImportanceWeights.sumSquares(x, xb, 256) / 256;
        for (int j = 0; j < 16; j++) {
            ImportanceWeights.fill(importance, io + 16 * j, x, xb + 16 * j, sigma2, w, 16);
            for (int l = 0; l < 16; l++) {
                sw[j] += w[l];
            }
            scales[j] = ScaleSearch.makeQkxQuants(true, 16, 3, x, xb + 16 * j, w, 0, L, 16 * j, theMin, -0.9f, 0.05f, 36, false);
            mins[j] = theMin[0];
        }
        byte[] ls = new byte[16];
        byte[] lm = new byte[16];
        float dm = ScaleSearch.makeQpQuants(16, 15, scales, ls, sw);
        float mm = ScaleSearch.makeQpQuants(16, 15, mins, lm, sw);
        Le.putShort(out, at + 80, Le.toHalf(dm));
        Le.putShort(out, at + 82, Le.toHalf(mm));
        for (int j = 0; j < 16; j++) {
            out[at + j] = (byte) (ls[j] | (lm[j] << 4));
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 84L * b;
            long ab = ao + 292L * b;
            int sumi = 0;
            int mins = 0;
            for (int s = 0; s < 16; s++) {
                int sc = Le.u8(w, wb + s);
                int dot = 0;
                for (int i = 0; i < 16; i++) {
                    int e = 16 * s + i;
                    int q = (Le.u8(w, wb + 16 + 32 * (e / 128) + e % 32) >> (2 * ((e % 128) / 32))) & 3;
                    dot += q * Le.s8(a, ab + Q8_KCodec.QS + e);
                }
                sumi += (sc & 15) * dot;
                mins += (sc >> 4) * Le.s16(a, ab + Q8_KCodec.BSUMS + 2 * s);
            }
            float da = Le.f32(a, ab);
            sum += da * Le.half(w, wb + 80) * sumi - da * Le.half(w, wb + 82) * mins;
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 84L * b;
            long ab = ao + 292L * b;
            int sumi = 0;
            int mins = 0;
            // half h (128 elements) uses qs bytes 32h..32h+31; plane g (bits 2g) of byte 32h+l is
            // element 128h + 32g + l, in sub-block 8h + 2g + l/16; scale bytes read as one long per half
            long scales0 = Le.u64(w, wb);
            long scales1 = Le.u64(w, wb + 8);
            sumi += quantDot(w, wb, scales0, scales1, a, ab + Q8_KCodec.QS);
            for (int h = 0; h < 2; h++) {
                long scales = h == 0 ? scales0 : scales1;
                for (int i = 0; i < 2; i++) {
                    long bsums = Le.u64(a, ab + Q8_KCodec.BSUMS + 16 * h + 8 * i);
                    for (int k = 0; k < 4; k++) {
                        mins += (Le.byteOf(scales, 4 * i + k) >> 4) * Le.shortOf(bsums, k);
                    }
                }
            }
            float da = Le.f32(a, ab);
            sum += da * Le.half(w, wb + 80) * sumi - da * Le.half(w, wb + 82) * mins;
        }
        return sum;
    }

    /**
     * Σ sc·q·a over the super-block, the 4-bit scales held in two longs. A method of its own, kept
     * to a few vector operations: C2 stops inlining Vector API calls past its node budget, and a
     * call left out boxes every vector it touches.
     */
    private static int quantDot(MemorySegment w, long wb, long scales0, long scales1, MemorySegment a, long aq) {
        IntVector sums = IntVector.zero(Simd.INTS);
        for (int h = 0; h < 2; h++) {
            long scales = h == 0 ? scales0 : scales1;
            for (int g = 0; g < 4; g++) {
                for (int l = 0; l < 32; l += Simd.LANES) {
                    IntVector q = Simd.bytes(w, wb + 16 + 32 * h + l).lanewise(VectorOperators.LSHR, 2 * g).and(3);
                    int scale = Le.byteOf(scales, 2 * g + (l >> 4)) & 15;
                    sums = sums.add(q.mul(Simd.bytes(a, aq + 128 * h + 32 * g + l)).mul(scale));
                }
            }
        }
        return sums.reduceLanes(VectorOperators.ADD);
    }
}
