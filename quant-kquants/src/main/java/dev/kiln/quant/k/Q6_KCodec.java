package dev.kiln.quant.k;

import static dev.kiln.quant.k.Rounding.nearestInt;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
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
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 210L * b;
            long ab = ao + 292L * b;
            int sumi = quantDot(w, wb, Le.u64(w, wb + 192), Le.u64(w, wb + 200), a, ab);
            sum += Le.f32(a, ab) * Le.half(w, wb + 208) * sumi;
        }
        return sum;
    }

    /**
     * Σ scale·q·a over a super-block whose 16 int8 scales are held in two longs. Element
     * 128n + 32g + l: low nibble from ql[64n + 32(g mod 2) + l] (high nibble for g ≥ 2), high bits
     * (qh[32n + l] >> 2g) & 3, scale scales[8n + 2g + l/16]. The stored quant is q + 32 (0..63): the
     * products use it as stored and the bias comes off once, as 32·Σ scale·bsum, from Q8_K's sums of
     * 16 activations. Small methods: C2 stops inlining Vector API calls past its node budget, and a
     * call left out boxes every vector it touches.
     */
    private static int quantDot(MemorySegment w, long wb, long scales0, long scales1, MemorySegment a, long ab) {
        IntVector sums = IntVector.zero(Simd.INTS);
        for (int n = 0; n < 2; n++) {
            long scales = n == 0 ? scales0 : scales1;
            for (int g = 0; g < 4; g++) {
                sums = sums.add(groupDot(w, wb + 64 * n + 32 * (g & 1), 4 * (g >> 1), wb + 128 + 32 * n, 2 * g,
                        a, ab + Q8_KCodec.QS + 128 * n + 32 * g,
                        (byte) Le.byteOf(scales, 2 * g), (byte) Le.byteOf(scales, 2 * g + 1)));
            }
        }
        IntVector bias = IntVector.zero(Simd.INTS);
        for (int p = 0; p < 16; p += Simd.LANES) {
            bias = bias.add(Simd.bytes(w, wb + 192 + p).mul(Simd.signedWords(a, ab + Q8_KCodec.BSUMS + 2 * p)));
        }
        return sums.sub(bias.lanewise(VectorOperators.LSHL, 5)).reduceLanes(VectorOperators.ADD);
    }

    /**
     * One group of 32 elements: low nibbles at {@code ql} shifted by {@code lowShift}, 2 high bits at
     * {@code qh} shifted by {@code highShift}, activations at {@code ae}; elements 0–15 take
     * {@code scale0}, 16–31 {@code scale1}. Products in 16-bit lanes (63 × 128 fits, and so does a
     * pair of them), pair-summed into ints, so the only 32-bit multiply applies the scales.
     */
    private static IntVector groupDot(MemorySegment w, long ql, int lowShift, long qh, int highShift,
                                      MemorySegment a, long ae, int scale0, int scale1) {
        IntVector sums = IntVector.zero(Simd.INTS);
        for (int l = 0; l < 32; l += Simd.PAIR_LANES) {
            ShortVector low = Simd.shorts(w, ql + l).lanewise(VectorOperators.ASHR, lowShift).and((short) 15);
            ShortVector high = Simd.shorts(w, qh + l).lanewise(VectorOperators.ASHR, highShift).and((short) 3);
            ShortVector q = low.or(high.lanewise(VectorOperators.LSHL, 4));
            IntVector dots = Simd.pairSums(q.mul(Simd.shorts(a, ae + l)));
            // int lane i holds elements l + 2i and l + 2i + 1
            VectorMask<Integer> second = IntVector.zero(Simd.INTS).addIndex(2).compare(VectorOperators.GE, 16 - l);
            sums = sums.add(dots.mul(IntVector.broadcast(Simd.INTS, scale0).blend(scale1, second)));
        }
        return sums;
    }
}
