package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;

/**
 * IQ1_S, 1.56 bits: 2048-entry codebook of 8 signed values in {−1, 0, +1}, shifted by ±1/8 per
 * sub-block. Block of 256 values, 50 bytes: fp16 {@code d}; low 8 index bits of group G at 2+G;
 * at 34 eight uint16 {@code h}, one per 32-value sub-block: bits 3g…3g+2 index bits 8–10 of its
 * group g, bits 12–14 scale {@code ls}, bit 15 the sign of the shift. Value
 * {@code (d × (2·ls + 1)) × (v + δ)}.
 */
@Component(service = QuantCodec.class)
public final class Iq1SCodec extends BlockCodec {
    private static final float GROUP_MAX_EPS = 1e-12f;

    public Iq1SCodec() {
        super(GgmlType.IQ1_S, GgmlType.Q8_K);
    }

    @Override
    public boolean requiresImportance() {
        return true;
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        float d = Bytes.f16(src, offset);
        byte[] grid = QuantTables.IQ1S_GRID;
        for (int s = 0; s < 8; s++) {
            int h = Bytes.u16(src, offset + 34 + 2 * s);
            float dl = d * (float) (2 * ((h >> 12) & 7) + 1);
            float delta = (h & 0x8000) != 0 ? -Iq1Levels.DELTA : Iq1Levels.DELTA;
            for (int g = 0; g < 4; g++) {
                int entry = 8 * (Bytes.u8(src, offset + 2 + 4 * s + g) | (((h >> (3 * g)) & 7) << 8));
                int out = o + 32 * s + 8 * g;
                for (int j = 0; j < 8; j++) {
                    dst[out + j] = dl * (grid[entry + j] + delta);
                }
            }
        }
    }

    /** Integer form: 8v ± 1 per value (the shift folded in), multiplier 2·ls + 1 per 32, factor d/8. */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        float d = Bytes.f16(src, offset);
        for (int s = 0; s < 8; s++) {
            int h = Bytes.u16(src, offset + 34 + 2 * s);
            int mult = 2 * ((h >> 12) & 7) + 1;
            mult16[2 * s] = mult;
            mult16[2 * s + 1] = mult;
            long[] grid = (h & 0x8000) != 0 ? SignedGrids.IQ1_MINUS : SignedGrids.IQ1_PLUS;
            for (int g = 0; g < 4; g++) {
                int index = Bytes.u8(src, offset + 2 + 4 * s + g) | (((h >> (3 * g)) & 7) << 8);
                SignedGrids.LONGS.set(wq, 32 * s + 8 * g, grid[index]);
            }
        }
        return d * 0.125f;
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        Lattice lattice = Lattices.Iq1.LATTICE;
        float[] weight = new float[32];
        float[] sumx = new float[33];
        float[] sumw = new float[33];
        byte[] l = new byte[32];
        int[] index = new int[4];
        float[] scales = new float[8];
        int[] shifts = new int[8];
        dst.asSlice(offset, 50).fill((byte) 0);
        float sigma2 = 2 * LatticeSigns.sumSquares(x, xo) / 256;
        float maxScale = 0f;
        float[] xp = Iq1Levels.PLUS;
        float[] xm = Iq1Levels.MINUS;
        for (int ib = 0; ib < 8; ib++) {
            int xb = xo + 32 * ib;
            LatticeSigns.importanceWeights(x, xb, importance, column + 32 * ib, sigma2, weight, 32);
            float max = Math.abs(x[xb]);
            for (int i = 1; i < 32; i++) {
                max = Math.max(max, Math.abs(x[xb + i]));
            }
            if (max < GROUP_MAX_EPS) {
                scales[ib] = 0;
                shifts[ib] = 1;
                continue;
            }
            // Exact search over the two split points of the sorted values (levels −1 | 0 | +1).
            int[] order = Iq1Levels.sortedOrder(x, xb, 32);
            for (int j = 0; j < 32; j++) {
                int i = order[j];
                sumx[j + 1] = sumx[j] + weight[i] * x[xb + i];
                sumw[j + 1] = sumw[j] + weight[i];
            }
            float bestScore = -Float.MAX_VALUE;
            float scale = max;
            int besti1 = -1;
            int besti2 = -1;
            int bestShift = 0;
            for (int i1 = 0; i1 <= 32; i1++) {
                for (int i2 = i1; i2 <= 32; i2++) {
                    for (int shift = 1; shift >= -1; shift -= 2) {
                        float[] v = shift == 1 ? xp : xm;
                        float sumqx = (sumx[i1] - sumx[0]) * v[0] + (sumx[i2] - sumx[i1]) * v[1] + (sumx[32] - sumx[i2]) * v[2];
                        float sumq2 = (sumw[i1] - sumw[0]) * v[0] * v[0] + (sumw[i2] - sumw[i1]) * v[1] * v[1]
                                + (sumw[32] - sumw[i2]) * v[2] * v[2];
                        if (sumq2 > 0 && sumqx * sumqx > bestScore * sumq2) {
                            scale = sumqx / sumq2;
                            bestScore = scale * sumqx;
                            besti1 = i1;
                            besti2 = i2;
                            bestShift = shift;
                        }
                    }
                }
            }
            if (besti1 < 0 || besti2 < 0 || bestShift == 0) {
                scales[ib] = 0;
                shifts[ib] = 1;
                continue;
            }
            for (int j = 0; j < 32; j++) {
                l[order[j]] = (byte) (j < besti1 ? 0 : j < besti2 ? 1 : 2);
            }
            if (scale < 0) {
                for (int j = 0; j < 32; j++) {
                    l[j] = (byte) (2 - l[j]);
                }
                scale = -scale;
                bestShift = -bestShift;
            }
            float[] xx = bestShift == 1 ? xp : xm;
            boolean allOnGrid = true;
            for (int k = 0; k < 4; k++) {
                int key = lattice.key(l, 8 * k);
                int gridIndex = lattice.map[key];
                if (gridIndex < 0) {
                    allOnGrid = false;
                    gridIndex = lattice.bestNeighbourShifted(key, x, xb + 8 * k, weight, 8 * k, scale, xx, l, 8 * k);
                }
                index[k] = gridIndex;
            }
            if (!allOnGrid) {
                float sumqx = 0f;
                float sumq2 = 0f;
                for (int k = 0; k < 4; k++) {
                    for (int j = 0; j < 8; j++) {
                        float w = weight[8 * k + j];
                        float q = xx[lattice.levels[8 * index[k] + j]];
                        sumqx += w * q * x[xb + 8 * k + j];
                        sumq2 += w * q * q;
                    }
                }
                if (sumqx > 0 && sumq2 > 0) {
                    scale = sumqx / sumq2;
                }
            }
            int h = 0;
            for (int k = 0; k < 4; k++) {
                Bytes.putU8(dst, offset + 2 + 4 * ib + k, index[k] & 255);
                h |= (index[k] >> 8) << (3 * k);
            }
            Bytes.putU16(dst, offset + 34 + 2 * ib, h);
            scales[ib] = scale;
            shifts[ib] = bestShift;
            maxScale = Math.max(maxScale, scale);
        }
        if (maxScale == 0f) {
            return;
        }
        float d = maxScale / 15;
        Bytes.putF16(dst, offset, d * 1.125f);
        float id = 1 / d;
        for (int ib = 0; ib < 8; ib++) {
            int ls = Rounding.clamp(Rounding.nearestInt(0.5f * (id * scales[ib] - 1)), 0, 7);
            if (shifts[ib] == -1) {
                ls |= 8;
            }
            long at = offset + 34 + 2 * ib;
            Bytes.putU16(dst, at, Bytes.u16(dst, at) | (ls << 12));
        }
    }
}
