package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;

/**
 * IQ2_XXS, 2.06 bits: magnitudes from a 256-entry lattice codebook, 8 at a time, with 7-bit sign
 * indices. Block of 256 values, 66 bytes: fp16 {@code d}, then per 32-value sub-block 8 bytes:
 * 4 grid indices (one per 8 values), then uint32 {@code w} = four 7-bit sign indices (bits 7g…)
 * and the 4-bit scale {@code ls} in bits 28–31. Value
 * {@code ((d × (0.5 + ls)) × 0.25 × grid byte) × sign}.
 */
@Component(service = QuantCodec.class)
public final class Iq2XxsCodec extends BlockCodec {
    private static final int MAX_Q = 3;
    private static final float GROUP_MAX_EPS = 1e-15f;

    public Iq2XxsCodec() {
        super(GgmlType.IQ2_XXS, GgmlType.Q8_K);
    }

    @Override
    public boolean requiresImportance() {
        return true;
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        float d = Bytes.f16(src, offset);
        byte[] grid = QuantTables.IQ2XXS_GRID;
        for (int s = 0; s < 8; s++) {
            long sub = offset + 2 + 8 * s;
            int w = Bytes.u32(src, sub + 4);
            float db = (d * (0.5f + (w >>> 28))) * 0.25f;
            for (int g = 0; g < 4; g++) {
                int entry = 8 * Bytes.u8(src, sub + g);
                int signs = QuantTables.KSIGNS_IQ2XS[(w >>> (7 * g)) & 127];
                int out = o + 32 * s + 8 * g;
                for (int j = 0; j < 8; j++) {
                    float v = db * grid[entry + j];
                    dst[out + j] = ((signs >> j) & 1) != 0 ? -v : v;
                }
            }
        }
    }

    /** Integer form: grid bytes with signs, multiplier 2·ls + 1 per 32 values, factor d/8. */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        float d = Bytes.f16(src, offset);
        for (int s = 0; s < 8; s++) {
            // One 8-byte read per sub-block: bytes 0–3 grid indices, bytes 4–7 signs and scale.
            long sub = src.get(Bytes.U64, offset + 2 + 8 * s);
            int w = (int) (sub >>> 32);
            int mult = 2 * (w >>> 28) + 1;
            mult16[2 * s] = mult;
            mult16[2 * s + 1] = mult;
            for (int g = 0; g < 4; g++) {
                long grid = SignedGrids.IQ2XXS[(int) (sub >>> (8 * g)) & 255];
                SignedGrids.LONGS.set(wq, 32 * s + 8 * g, SignedGrids.applyKsigns(grid, (w >>> (7 * g)) & 127));
            }
        }
        return d * 0.125f;
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        Lattice lattice = Lattices.Iq2Xxs.LATTICE;
        float[] weight = new float[32];
        float[] waux = new float[32];
        float[] xval = new float[32];
        byte[] l = new byte[32];
        byte[] laux = new byte[32];
        int[] signs = new int[4];
        float[] scales = new float[8];
        int[] words = new int[16];
        float sigma2 = LatticeSigns.sumSquares(x, xo) / 256;
        float maxScale = 0f;
        for (int ib = 0; ib < 8; ib++) {
            int xb = xo + 32 * ib;
            LatticeSigns.importanceWeights(x, xb, importance, column + 32 * ib, sigma2, weight, 32);
            for (int i = 0; i < 32; i++) {
                waux[i] = (float) Math.sqrt(weight[i]);
            }
            for (int k = 0; k < 4; k++) {
                signs[k] = LatticeSigns.split(x, xb + 8 * k, weight, 8 * k, xval, 8 * k, true) & 127;
            }
            float max = xval[0];
            for (int i = 1; i < 32; i++) {
                max = Math.max(max, xval[i]);
            }
            if (max < GROUP_MAX_EPS) {
                scales[ib] = 0;
                continue;
            }
            float scale = QpQuants.make(32, MAX_Q + 1, xval, weight);
            float effMax = scale * MAX_Q;
            if (effMax <= 0) {
                scales[ib] = 0;
                continue;
            }
            float best = 0;
            for (int is = -6; is <= 6; is++) {
                float id = (2 * MAX_Q - 1 + is * 0.1f) / effMax;
                float thisScale = 1 / id;
                for (int k = 0; k < 4; k++) {
                    snap(lattice, id, thisScale, xval, waux, laux, k);
                }
                float sumqx = 0f;
                float sumq2 = 0f;
                for (int i = 0; i < 32; i++) {
                    float w = weight[i];
                    float q = 2 * laux[i] + 1;
                    sumqx += w * xval[i] * q;
                    sumq2 += w * q * q;
                }
                if (sumq2 > 0 && sumqx * sumqx > best * sumq2) {
                    scale = sumqx / sumq2;
                    best = scale * sumqx;
                    System.arraycopy(laux, 0, l, 0, 32);
                }
            }
            if (scale > 0) {
                // Re-snap every group against the fitted scale, then refit.
                float id = 1 / scale;
                for (int k = 0; k < 4; k++) {
                    snap(lattice, id, scale, xval, waux, l, k);
                }
                float sumqx = 0f;
                float sumq2 = 0f;
                for (int i = 0; i < 32; i++) {
                    float w = weight[i];
                    float q = 2 * l[i] + 1;
                    sumqx += w * xval[i] * q;
                    sumq2 += w * q * q;
                }
                if (sumq2 > 0) {
                    scale = sumqx / sumq2;
                }
            }
            if (scale < 0) {
                scale = -scale;
                for (int k = 0; k < 4; k++) {
                    signs[k] = ~signs[k] & 127;
                }
            }
            for (int k = 0; k < 4; k++) {
                int index = lattice.map[lattice.key(l, 8 * k)];
                words[2 * ib] |= index << (8 * k);
                words[2 * ib + 1] |= signs[k] << (7 * k);
            }
            scales[ib] = scale;
            maxScale = Math.max(maxScale, scale);
        }
        dst.asSlice(offset, 66).fill((byte) 0);
        if (maxScale == 0f) {
            return;
        }
        float d = maxScale / 31;
        Bytes.putF16(dst, offset, d);
        float id = 1 / d;
        for (int ib = 0; ib < 8; ib++) {
            int ls = Rounding.clamp(Rounding.nearestInt(0.5f * (id * scales[ib] - 1)), 0, 15);
            words[2 * ib + 1] |= ls << 28;
        }
        for (int i = 0; i < 16; i++) {
            Bytes.putU32(dst, offset + 2 + 4L * i, words[i]);
        }
    }

    /** Levels of group k at inverse scale {@code id}; an off-grid key takes its best neighbour at {@code scale}. */
    private static void snap(Lattice lattice, float id, float scale, float[] xval, float[] waux, byte[] levels, int k) {
        for (int i = 0; i < 8; i++) {
            int q = Rounding.nearestInt(0.5f * (id * xval[8 * k + i] - 1));
            levels[8 * k + i] = (byte) Rounding.clamp(q, 0, MAX_Q - 1);
        }
        int key = lattice.key(levels, 8 * k);
        if (lattice.map[key] < 0) {
            lattice.bestNeighbour(key, xval, 8 * k, waux, scale, levels, 8 * k);
        }
    }
}
