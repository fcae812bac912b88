package dev.kiln.quant.k;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import org.osgi.service.component.annotations.Component;

/**
 * Q5_K: 176-byte super-blocks of 256 — fp16 d at 0, fp16 dmin at 2, 12 bytes of 6-bit scales/mins
 * at 4, qh[32] at 16 (bit s of qh[l] = 5th bit of element l of sub-block s), qs[128] at 48 laid out
 * as Q4_K's. q = nibble + 16·bit; y = (d × F(sc)) × F(q) − dmin × F(mn). Pairs with Q8_K.
 */
@Component(service = QuantCodec.class)
public final class Q5_KCodec extends BlockCodec {
    public Q5_KCodec() {
        super(GgmlType.Q5_K, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long at, float[] y, int yo) {
        float d = Le.half(src, at);
        float dmin = Le.half(src, at + 2);
        for (int s = 0; s < 8; s++) {
            float dl = d * KScales.scale6(src, at + 4, s);
            float ml = dmin * KScales.min6(src, at + 4, s);
            int shift = 4 * (s & 1);
            long qs = at + 48 + 32 * (s >> 1);
            for (int l = 0; l < 32; l++) {
                int q = ((Le.u8(src, qs + l) >> shift) & 15) + (((Le.u8(src, at + 16 + l) >> s) & 1) << 4);
                y[yo + 32 * s + l] = dl * q - ml;
            }
        }
    }

    @Override
    void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out) {
        byte[] L = new byte[256];
        for (int b = 0; b < cols / 256; b++) {
            int at = 176 * b;
            ScaleMinSuperBlock.quantize(x, xo + 256 * b, importance, 256 * b, 31, -0.5f, 0.1f, 15, out, at, L);
            for (int c = 0; c < 4; c++) {
                for (int l = 0; l < 32; l++) {
                    int l1 = L[64 * c + l];
                    int l2 = L[64 * c + 32 + l];
                    out[at + 16 + l] |= (byte) (((l1 >> 4) << (2 * c)) | ((l2 >> 4) << (2 * c + 1)));
                    out[at + 48 + 32 * c + l] = (byte) ((l1 & 15) | ((l2 & 15) << 4));
                }
            }
        }
    }

    @Override
    float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count) {
        float sum = 0;
        for (int b = 0; b < count / 256; b++) {
            long wb = wo + 176L * b;
            long ab = ao + 292L * b;
            int sumi = 0;
            int mins = 0;
            for (int s = 0; s < 8; s++) {
                int shift = 4 * (s & 1);
                long qs = wb + 48 + 32 * (s >> 1);
                int dot = 0;
                for (int l = 0; l < 32; l++) {
                    int q = ((Le.u8(w, qs + l) >> shift) & 15) + (((Le.u8(w, wb + 16 + l) >> s) & 1) << 4);
                    dot += q * Le.s8(a, ab + Q8_KCodec.QS + 32 * s + l);
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
            long wb = wo + 176L * b;
            long ab = ao + 292L * b;
            long scLow = Le.u64(w, wb + 4);
            int scHigh = Le.u32(w, wb + 12);
            int sumi = 0;
            int mins = 0;
            // chunk c: qs bytes 32c.. give sub-block 2c (low nibbles) and 2c+1 (high nibbles);
            // their fifth bits are bits 2c and 2c+1 of qh[l]
            sumi += quantDot(w, wb, scLow, scHigh, a, ab + Q8_KCodec.QS);
            for (int c = 0; c < 4; c++) {
                long bsums = Le.u64(a, ab + Q8_KCodec.BSUMS + 8 * c);
                mins += KScales.min6(scLow, scHigh, 2 * c) * (Le.shortOf(bsums, 0) + Le.shortOf(bsums, 1))
                        + KScales.min6(scLow, scHigh, 2 * c + 1) * (Le.shortOf(bsums, 2) + Le.shortOf(bsums, 3));
            }
            float da = Le.f32(a, ab);
            sum += da * Le.half(w, wb) * sumi - da * Le.half(w, wb + 2) * mins;
        }
        return sum;
    }

    /**
     * Σ sc·q·a over the super-block: chunk c's 32 qs bytes give sub-block 2c (low nibbles, fifth
     * bit 2c of qh[l]) and 2c+1 (high nibbles, bit 2c+1). A method of its own, kept to a few vector
     * operations: C2 stops inlining Vector API calls past its node budget, and a call left out
     * boxes every vector it touches.
     */
    private static int quantDot(MemorySegment w, long wb, long scLow, int scHigh, MemorySegment a, long aq) {
        IntVector sums = IntVector.zero(Simd.INTS);
        for (int c = 0; c < 4; c++) {
            IntVector lowSums = IntVector.zero(Simd.INTS);
            IntVector highSums = IntVector.zero(Simd.INTS);
            for (int l = 0; l < 32; l += Simd.LANES) {
                IntVector q = Simd.bytes(w, wb + 48 + 32 * c + l);
                IntVector h = Simd.bytes(w, wb + 16 + l).lanewise(VectorOperators.LSHR, 2 * c);
                IntVector lo = q.and(15).or(h.and(1).lanewise(VectorOperators.LSHL, 4));
                IntVector hi = q.lanewise(VectorOperators.LSHR, 4).and(15).or(h.and(2).lanewise(VectorOperators.LSHL, 3));
                lowSums = lowSums.add(lo.mul(Simd.bytes(a, aq + 64 * c + l)));
                highSums = highSums.add(hi.mul(Simd.bytes(a, aq + 64 * c + 32 + l)));
            }
            sums = sums.add(lowSums.mul(KScales.scale6(scLow, scHigh, 2 * c)))
                    .add(highSums.mul(KScales.scale6(scLow, scHigh, 2 * c + 1)));
        }
        return sums.reduceLanes(VectorOperators.ADD);
    }
}
