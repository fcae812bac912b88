package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q4_K: 144-byte super-blocks of 256 — fp16 d at 0, fp16 dmin at 2, 12 bytes of 6-bit scales/mins
 * at 4, qs[128] at 16 as 4 chunks of 32 bytes: chunk c holds sub-block 2c in the low nibbles and
 * 2c+1 in the high nibbles. y = (d × F(sc)) × F(q) − dmin × F(mn). Pairs with Q8_K.
 */
@Component(service = QuantCodec.class)
public final class Q4_KCodec extends BlockCodec {
    public Q4_KCodec() {
        super(GgmlType.Q4_K, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.half(src, at);
        float dmin = Le.half(src, at + 2);
        for (int s = 0; s < 8; s++) {
            float dl = d * KScales.scale6(src, at + 4, s);
            float ml = dmin * KScales.min6(src, at + 4, s);
            int shift = 4 * (s & 1);
            long qs = at + 16 + 32 * (s >> 1);
            for (int l = 0; l < 32; l++) {
                y[yo + 32 * s + l] = dl * ((Le.u8(src, qs + l) >> shift) & 15) - ml;
            }
        }
    }

    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        byte[] L = new byte[256];
        for (int b = 0; b < cols / 256; b++) {
            int at = 144 * b;
            ScaleMinSuperBlock.quantize(x, xo + 256 * b, importance, 256 * b, 15, -1f, 0.1f, 20, out, at, L);
            for (int c = 0; c < 4; c++) {
                for (int l = 0; l < 32; l++) {
                    out[at + 16 + 32 * c + l] = (byte) (L[64 * c + l] | (L[64 * c + 32 + l] << 4));
                }
            }
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 144L * b;
            long ab = ao + 292L * b;
            int sumi = 0;
            int mins = 0;
            for (int s = 0; s < 8; s++) {
                int shift = 4 * (s & 1);
                long qs = wb + 16 + 32 * (s >> 1);
                int dot = 0;
                for (int l = 0; l < 32; l++) {
                    dot += ((Le.u8(w, qs + l) >> shift) & 15) * Le.s8(a, ab + Q8_KCodec.QS + 32 * s + l);
                }
                sumi += KScales.scale6(w, wb + 4, s) * dot;
                int bsum = Le.s16(a, ab + Q8_KCodec.BSUMS + 4 * s) + Le.s16(a, ab + Q8_KCodec.BSUMS + 4 * s + 2);
                mins += KScales.min6(w, wb + 4, s) * bsum;
            }
            float da = Le.f32(a, ab);
            sum += da * Le.half(w, wb) * sumi - da * Le.half(w, wb + 2) * mins;
        }
        return sum;
    }

    @Override
    float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 144L * b;
            long ab = ao + 292L * b;
            // super-block: fp16 d, fp16 dmin, 12 packed scale/min bytes at 4, 128 nibble bytes at 16;
            // Q8_K: f32 d, 256 int8 at QS, 16 sums of 16 at BSUMS (the min terms need only those)
            int u2 = Le.u32(w, wb + 12);
            long scales = KScales.scales6(Le.u32(w, wb + 4), u2);
            long mins = KScales.mins6(Le.u32(w, wb + 8), u2);
            int sumi = quantDot(w, wb + 16, scales, a, ab + Q8_KCodec.QS);
            int minSum = minDot(mins, a, ab + Q8_KCodec.BSUMS);
            float da = Le.f32(a, ab);
            sum += da * Le.half(w, wb) * sumi - da * Le.half(w, wb + 2) * minSum;
        }
        return sum;
    }

    /** Σ mn[j]·(bsums[2j] + bsums[2j+1]): Q8_K's sums of 16 activations, two per 32-element sub-block. */
    private static int minDot(long mins, MemorySegment a, long bsums) {
        int sum = 0;
        for (int c = 0; c < 4; c++) {
            long pair = Le.u64(a, bsums + 8 * c);
            sum += Le.byteOf(mins, 2 * c) * (Le.shortOf(pair, 0) + Le.shortOf(pair, 1))
                    + Le.byteOf(mins, 2 * c + 1) * (Le.shortOf(pair, 2) + Le.shortOf(pair, 3));
        }
        return sum;
    }

    /**
     * Σ over the super-block of sc·q·a, the 8 scales one per byte of {@code scales}: chunk c's 32
     * bytes hold sub-block 2c in the low nibbles and 2c+1 in the high nibbles. A method of its own,
     * kept to a few vector operations: C2 stops inlining Vector API calls past its node budget, and
     * a call left out boxes every vector it touches.
     */
    private static int quantDot(MemorySegment w, long qs, long scales, MemorySegment a, long aq) {
        IntVector sums = IntVector.zero(Simd.INTS);
        for (int c = 0; c < 4; c++) {
            sums = sums.add(chunkDot(w, qs + 32 * c, a, aq + 64 * c, Le.byteOf(scales, 2 * c), Le.byteOf(scales, 2 * c + 1)));
        }
        return sums.reduceLanes(VectorOperators.ADD);
    }

    /**
     * One chunk: 32 weight bytes at {@code q} (low nibbles × the 32 activations at {@code ae}, high
     * nibbles × the next 32), scaled by the two sub-block scales. Products are taken in 16-bit lanes
     * (15 × 128 fits) and pair-summed into ints, so the only 32-bit multiply is one per sub-block scale.
     */
    private static IntVector chunkDot(MemorySegment w, long q, MemorySegment a, long ae, int scaleLow, int scaleHigh) {
        IntVector low = IntVector.zero(Simd.INTS);
        IntVector high = IntVector.zero(Simd.INTS);
        for (int l = 0; l < 32; l += Simd.PAIR_LANES) {
            ShortVector bytes = Simd.shorts(w, q + l);
            // sign-extended bytes: masking after the shift recovers each unsigned nibble
            ShortVector lowNibbles = bytes.and((short) 15);
            ShortVector highNibbles = bytes.lanewise(VectorOperators.ASHR, 4).and((short) 15);
            low = low.add(Simd.pairSums(lowNibbles.mul(Simd.shorts(a, ae + l))));
            high = high.add(Simd.pairSums(highNibbles.mul(Simd.shorts(a, ae + 32 + l))));
        }
        return low.mul(scaleLow).add(high.mul(scaleHigh));
    }
}
