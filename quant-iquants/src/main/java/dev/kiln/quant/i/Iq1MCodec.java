package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;

/**
 * IQ1_M, 1.75 bits: the IQ1_S codebook with a shift sign per 8 values and a 3-bit scale per 16.
 * Block of 256 values, 56 bytes: low 8 index bits of group G at G; at 32 one byte per 16 values
 * (low nibble group 2t, high nibble 2t+1: bits 0–2 index bits 8–10, bit 3 shift sign); at 48 four
 * uint16 words holding the 3-bit scales (16-value block b at word b/4, bits 3·(b%4)) and, in their
 * top nibbles, the fp16 super-scale. Value {@code (d × (2·scale + 1)) × (v + δ)}.
 */
@Component(service = QuantCodec.class)
public final class Iq1MCodec extends BlockCodec {
    private static final float GROUP_MAX_EPS = 1e-7f;
    /** qh shift bits per combination: 0 (+,+), 1 (+,−), 2 (−,+), 3 (−,−). */
    private static final int[] SHIFT_MASKS = {0x00, 0x80, 0x08, 0x88};

    public Iq1MCodec() {
        super(GgmlType.IQ1_M, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        int w0 = Bytes.u16(src, offset + 48);
        int w1 = Bytes.u16(src, offset + 50);
        int w2 = Bytes.u16(src, offset + 52);
        int w3 = Bytes.u16(src, offset + 54);
        float d = Float.float16ToFloat((short) ((w0 >> 12) | ((w1 >> 12) << 4) | ((w2 >> 12) << 8) | ((w3 >> 12) << 12)));
        byte[] grid = QuantTables.IQ1S_GRID;
        for (int b = 0; b < 16; b++) {
            int word = Bytes.u16(src, offset + 48 + 2 * (b / 4));
            float dl = d * (float) (2 * ((word >> (3 * (b % 4))) & 7) + 1);
            int qh = Bytes.u8(src, offset + 32 + b);
            for (int k = 0; k < 2; k++) {
                int nibble = (qh >> (4 * k)) & 15;
                int entry = 8 * (Bytes.u8(src, offset + 2 * b + k) | ((nibble & 7) << 8));
                float delta = (nibble & 8) != 0 ? -Iq1Levels.DELTA : Iq1Levels.DELTA;
                int out = o + 16 * b + 8 * k;
                for (int j = 0; j < 8; j++) {
                    dst[out + j] = dl * (grid[entry + j] + delta);
                }
            }
        }
    }

    /** The shifted levels of group k (0 or 1) of a 16-value block under shift combination {@code combo}. */
    private static float[] levelsFor(int combo, int k) {
        boolean plus = k == 0 ? combo < 2 : combo % 2 == 0;
        return plus ? Iq1Levels.PLUS : Iq1Levels.MINUS;
    }

    /** Integer form: 8v ± 1 per value (the shift folded in), multiplier 2·scale + 1 per 16, factor d/8. */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        int w0 = Bytes.u16(src, offset + 48);
        int w1 = Bytes.u16(src, offset + 50);
        int w2 = Bytes.u16(src, offset + 52);
        int w3 = Bytes.u16(src, offset + 54);
        float d = Float.float16ToFloat((short) ((w0 >> 12) | ((w1 >> 12) << 4) | ((w2 >> 12) << 8) | ((w3 >> 12) << 12)));
        for (int b = 0; b < 16; b++) {
            int word = Bytes.u16(src, offset + 48 + 2 * (b / 4));
            mult16[b] = 2 * ((word >> (3 * (b % 4))) & 7) + 1;
            int qh = Bytes.u8(src, offset + 32 + b);
            for (int k = 0; k < 2; k++) {
                int nibble = (qh >> (4 * k)) & 15;
                int index = Bytes.u8(src, offset + 2 * b + k) | ((nibble & 7) << 8);
                long[] grid = (nibble & 8) != 0 ? SignedGrids.IQ1_MINUS : SignedGrids.IQ1_PLUS;
                SignedGrids.LONGS.set(wq, 16 * b + 8 * k, grid[index]);
            }
        }
        return d * 0.125f;
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        Lattice lattice = Lattices.Iq1.LATTICE;
        float[] weight = new float[16];
        byte[] l = new byte[16];
        int[] index = new int[2];
        float[] scales = new float[16];
        int[] shifts = new int[16];
        float[] sumqx = new float[4];
        float[] sumq2 = new float[4];
        dst.asSlice(offset, 56).fill((byte) 0);
        float sigma2 = 2 * LatticeSigns.sumSquares(x, xo) / 256;
        float maxScale = 0f;
        for (int ib = 0; ib < 16; ib++) {
            int xb = xo + 16 * ib;
            weights(x, xb, importance, column + 16 * ib, sigma2, weight);
            float max = Math.abs(x[xb]);
            for (int i = 1; i < 16; i++) {
                max = Math.max(max, Math.abs(x[xb + i]));
            }
            if (max < GROUP_MAX_EPS) {
                scales[ib] = 0;
                shifts[ib] = 0;
                continue;
            }
            int[] order = Iq1Levels.sortedOrder(x, xb, 16);
            float bestScore = -Float.MAX_VALUE;
            float scale = max;
            int besti1 = -1;
            int besti2 = -1;
            int bestK = -1;
            for (int i1 = 0; i1 <= 16; i1++) {
                for (int i2 = i1; i2 <= 16; i2++) {
                    // All four shift combinations at once, sums taken directly in sorted order.
                    java.util.Arrays.fill(sumqx, 0f);
                    java.util.Arrays.fill(sumq2, 0f);
                    for (int j = 0; j < 16; j++) {
                        int i = order[j];
                        int level = j < i1 ? 0 : j < i2 ? 1 : 2;
                        int group = i < 8 ? 0 : 1;
                        for (int combo = 0; combo < 4; combo++) {
                            float q = levelsFor(combo, group)[level];
                            sumqx[combo] += weight[i] * q * x[xb + i];
                            sumq2[combo] += weight[i] * q * q;
                        }
                    }
                    for (int combo = 0; combo < 4; combo++) {
                        if (sumq2[combo] > 0 && sumqx[combo] * sumqx[combo] > bestScore * sumq2[combo]) {
                            scale = sumqx[combo] / sumq2[combo];
                            bestScore = scale * sumqx[combo];
                            besti1 = i1;
                            besti2 = i2;
                            bestK = combo;
                        }
                    }
                }
            }
            if (besti1 < 0 || besti2 < 0 || bestK < 0) {
                scales[ib] = 0;
                shifts[ib] = 0;
                continue;
            }
            for (int j = 0; j < 16; j++) {
                l[order[j]] = (byte) (j < besti1 ? 0 : j < besti2 ? 1 : 2);
            }
            if (scale < 0) {
                for (int j = 0; j < 16; j++) {
                    l[j] = (byte) (2 - l[j]);
                }
                scale = -scale;
                bestK = 3 - bestK;
            }
            boolean allOnGrid = true;
            for (int k = 0; k < 2; k++) {
                int key = lattice.key(l, 8 * k);
                int gridIndex = lattice.map[key];
                if (gridIndex < 0) {
                    allOnGrid = false;
                    gridIndex = lattice.bestNeighbourShifted(key, x, xb + 8 * k, weight, 8 * k, scale,
                            levelsFor(bestK, k), l, 8 * k);
                }
                index[k] = gridIndex;
            }
            if (!allOnGrid) {
                float sx = 0f;
                float s2 = 0f;
                for (int k = 0; k < 2; k++) {
                    float[] xx = levelsFor(bestK, k);
                    for (int j = 0; j < 8; j++) {
                        float w = weight[8 * k + j];
                        float q = xx[lattice.levels[8 * index[k] + j]];
                        sx += w * q * x[xb + 8 * k + j];
                        s2 += w * q * q;
                    }
                }
                if (sx > 0 && s2 > 0) {
                    scale = sx / s2;
                }
            }
            Bytes.putU8(dst, offset + 2 * ib, index[0] & 255);
            Bytes.putU8(dst, offset + 2 * ib + 1, index[1] & 255);
            Bytes.putU8(dst, offset + 32 + ib, (index[0] >> 8) | ((index[1] >> 8) << 4));
            scales[ib] = scale;
            shifts[ib] = bestK;
            maxScale = Math.max(maxScale, scale);
        }
        if (maxScale == 0f) {
            return;
        }
        int[] sc = new int[4];
        float d = maxScale / 15;
        float id = 1 / d;
        float sx = 0f;
        float s2 = 0f;
        for (int ib = 0; ib < 16; ib++) {
            int ls = Rounding.clamp(Rounding.nearestInt(0.5f * (id * scales[ib] - 1)), 0, 7);
            sc[ib / 4] |= ls << (3 * (ib % 4));
            int qh = Bytes.u8(dst, offset + 32 + ib) | SHIFT_MASKS[shifts[ib]];
            Bytes.putU8(dst, offset + 32 + ib, qh);
            int xb = xo + 16 * ib;
            weights(x, xb, importance, column + 16 * ib, sigma2, weight);
            // Refit the super-block scale over all values with the final levels and sub-scales.
            for (int k = 0; k < 2; k++) {
                float[] xx = levelsFor(shifts[ib], k);
                int entry = Bytes.u8(dst, offset + 2 * ib + k) + ((qh << (8 - 4 * k)) & 0x700);
                for (int j = 0; j < 8; j++) {
                    float w = weight[8 * k + j];
                    float q = xx[lattice.levels[8 * entry + j]] * (2 * ls + 1);
                    sx += w * q * x[xb + 8 * k + j];
                    s2 += w * q * q;
                }
            }
        }
        if (s2 > 0) {
            d = sx / s2;
        }
        int bits = Bytes.toF16Bits(d * 1.1125f) & 0xFFFF;
        sc[0] |= (bits & 0x000F) << 12;
        sc[1] |= (bits & 0x00F0) << 8;
        sc[2] |= (bits & 0x0F00) << 4;
        sc[3] |= bits & 0xF000;
        for (int i = 0; i < 4; i++) {
            Bytes.putU16(dst, offset + 48 + 2 * i, sc[i]);
        }
    }

    private static void weights(float[] x, int xb, float[] importance, int column, float sigma2, float[] weight) {
        if (importance != null) {
            LatticeSigns.importanceWeights(x, xb, importance, column, sigma2, weight, 16);
        } else {
            for (int i = 0; i < 16; i++) {
                weight[i] = x[xb + i] * x[xb + i];
            }
        }
    }
}
