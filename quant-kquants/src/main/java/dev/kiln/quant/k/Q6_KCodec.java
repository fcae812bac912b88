package dev.kiln.quant.k;

import static dev.kiln.quant.k.Rounding.nearestInt;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q6_K: 210-byte super-blocks of 256 — ql[128] at 0, qh[64] at 128, int8 scales[16] at 192, fp16 d
 * at 208. Element e (n = e/128, g = (e mod 128)/32, l = e mod 32): low nibble of
 * ql[64n + 32(g mod 2) + l] (high nibble for g ≥ 2), high bits (qh[32n + l] >> 2g) & 3,
 * q = (low | high << 4) − 32; y = (d × F(scales[e/16])) × F(q), a grouping the signed zeros need.
 */
@Component(service = QuantCodec.class)
public final class Q6_KCodec extends BlockCodec {
    public Q6_KCodec() {
        super(GgmlType.Q6_K, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.half(src, at + 208);
        for (int e = 0; e < 256; e++) {
            y[yo + e] = (d * Le.s8(src, at + 192 + e / 16)) * quant(src, at, e);
        }
    }

    private static int quant(MemorySegment src, long at, int e) {
        int n = e / 128;
        int g = (e % 128) / 32;
        int l = e % 32;
        int low = (Le.u8(src, at + 64 * n + 32 * (g % 2) + l) >> (4 * (g / 2))) & 15;
        int high = (Le.u8(src, at + 128 + 32 * n + l) >> (2 * g)) & 3;
        return (low | (high << 4)) - 32;
    }

    /**
     * quantize_row_q6_K_ref (weights x²) or _impl (the raw importance values as weights): symmetric
     * search per 16, int8 sub-scales under d = max/−128, then requantization against decoded scales.
     */
    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        byte[] L = new byte[256];
        float[] scales = new float[16];
        for (int b = 0; b < cols / 256; b++) {
            int at = 210 * b;
            int xb = xo + 256 * b;
            float maxScale = 0;
            float maxAbsScale = 0;
            for (int j = 0; j < 16; j++) {
                scales[j] = ScaleSearch.makeQxQuants(16, 32, x, xb + 16 * j, L, 16 * j, importance, 256 * b + 16 * j);
                float abs = Math.abs(scales[j]);
                if (abs > maxAbsScale) {
                    maxAbsScale = abs;
                    maxScale = scales[j];
                }
            }
            if (maxAbsScale < ScaleSearch.GROUP_MAX_EPS) {
                continue; // the whole block stays zero bytes
            }
            float iscale = -128f / maxScale;
            Le.putShort(out, at + 208, Le.toHalf(1 / iscale));
            for (int j = 0; j < 16; j++) {
                out[at + 192 + j] = (byte) Math.min(127, nearestInt(iscale * scales[j]));
            }
            float dStored = Le.roundTripHalf(1 / iscale);
            for (int j = 0; j < 16; j++) {
                float dl = dStored * out[at + 192 + j];
                if (dl == 0) {
                    continue;
                }
                for (int i = 0; i < 16; i++) {
                    int l = Math.max(-32, Math.min(31, nearestInt(x[xb + 16 * j + i] / dl)));
                    L[16 * j + i] = (byte) (l + 32);
                }
            }
            for (int n = 0; n < 2; n++) {
                for (int l = 0; l < 32; l++) {
                    int e = 128 * n + l;
                    out[at + 64 * n + l] = (byte) ((L[e] & 15) | ((L[e + 64] & 15) << 4));
                    out[at + 64 * n + 32 + l] = (byte) ((L[e + 32] & 15) | ((L[e + 96] & 15) << 4));
                    out[at + 128 + 32 * n + l] = (byte) ((L[e] >> 4) | ((L[e + 32] >> 4) << 2)
                            | ((L[e + 64] >> 4) << 4) | ((L[e + 96] >> 4) << 6));
                }
            }
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 210L * b;
            long ab = ao + 292L * b;
            int sumi = 0;
            for (int s = 0; s < 16; s++) {
                int dot = 0;
                for (int i = 0; i < 16; i++) {
                    dot += quant(w, wb, 16 * s + i) * Le.s8(a, ab + Q8_KCodec.QS + 16 * s + i);
                }
                sumi += Le.s8(w, wb + 192 + s) * dot;
            }
            sum += Le.f32(a, ab) * Le.half(w, wb + 208) * sumi;
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        int lanes = Simd.LANES;
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 210L * b;
            long ab = ao + 292L * b;
            long aq = ab + Q8_KCodec.QS;
            // half n: ql bytes 64n+l (A) and 64n+32+l (B), qh byte 32n+l (H) give the four elements
            // 128n + 32g + l: g=0 A low | H bits 0-1, g=1 B low | H 2-3, g=2 A high | H 4-5, g=3 B high | H 6-7
            IntVector sums = IntVector.zero(Simd.INTS);
            for (int n = 0; n < 2; n++) {
                for (int l = 0; l < 32; l += lanes) {
                    IntVector qa = Simd.bytes(w, wb + 64 * n + l);
                    IntVector qb = Simd.bytes(w, wb + 64 * n + 32 + l);
                    IntVector h = Simd.bytes(w, wb + 128 + 32 * n + l);
                    long sc = wb + 192 + 8 * n + l / 16;
                    long ae = aq + 128 * n + l;
                    IntVector q0 = qa.and(15).or(h.and(3).lanewise(VectorOperators.LSHL, 4)).sub(32);
                    IntVector q1 = qb.and(15).or(h.lanewise(VectorOperators.LSHR, 2).and(3).lanewise(VectorOperators.LSHL, 4)).sub(32);
                    IntVector q2 = qa.lanewise(VectorOperators.LSHR, 4).and(15)
                            .or(h.lanewise(VectorOperators.LSHR, 4).and(3).lanewise(VectorOperators.LSHL, 4)).sub(32);
                    IntVector q3 = qb.lanewise(VectorOperators.LSHR, 4).and(15)
                            .or(h.lanewise(VectorOperators.LSHR, 6).and(3).lanewise(VectorOperators.LSHL, 4)).sub(32);
                    sums = sums.add(q0.mul(Simd.bytes(a, ae)).mul(Le.s8(w, sc)))
                            .add(q1.mul(Simd.bytes(a, ae + 32)).mul(Le.s8(w, sc + 2)))
                            .add(q2.mul(Simd.bytes(a, ae + 64)).mul(Le.s8(w, sc + 4)))
                            .add(q3.mul(Simd.bytes(a, ae + 96)).mul(Le.s8(w, sc + 6)));
                }
            }
            sum += Le.f32(a, ab) * Le.half(w, wb + 208) * sums.reduceLanes(VectorOperators.ADD);
        }
        return sum;
    }
}
