package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;

/**
 * IQ3_XXS, 3.06 bits: 256-entry codebook of 4 magnitudes, 7-bit sign indices. Block of 256
 * values, 98 bytes: fp16 {@code d}; 64 grid indices at 2 (one per 4 values); at 66 eight uint32
 * {@code w}, one per 32-value sub-block: four 7-bit sign indices (one per 8 values) and the scale
 * in bits 28–31. Value {@code ((d × (0.5 + ls)) × 0.5 × grid byte) × sign}.
 */
@Component(service = QuantCodec.class)
public final class Iq3XxsCodec extends BlockCodec {
    private static final float GROUP_MAX_EPS = 1e-8f;

    public Iq3XxsCodec() {
        super(GgmlType.IQ3_XXS, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        float d = Bytes.f16(src, offset);
        byte[] grid = QuantTables.IQ3XXS_GRID;
        for (int s = 0; s < 8; s++) {
            int w = Bytes.u32(src, offset + 66 + 4 * s);
            float db = (d * (0.5f + (w >>> 28))) * 0.5f;
            for (int g = 0; g < 4; g++) {
                int signs = QuantTables.KSIGNS_IQ2XS[(w >>> (7 * g)) & 127];
                int first = 4 * Bytes.u8(src, offset + 2 + 8 * s + 2 * g);
                int second = 4 * Bytes.u8(src, offset + 2 + 8 * s + 2 * g + 1);
                int out = o + 32 * s + 8 * g;
                for (int j = 0; j < 8; j++) {
                    float v = db * grid[j < 4 ? first + j : second + j - 4];
                    dst[out + j] = ((signs >> j) & 1) != 0 ? -v : v;
                }
            }
        }
    }

    /** Integer form: two quads with their signs per 8 values, multiplier 2·ls + 1 per 32, factor d/4. */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        float d = Bytes.f16(src, offset);
        for (int s = 0; s < 8; s++) {
            int w = Bytes.u32(src, offset + 66 + 4 * s);
            int mult = 2 * (w >>> 28) + 1;
            mult16[2 * s] = mult;
            mult16[2 * s + 1] = mult;
            // One 8-byte read: the sub-block's 8 grid indices, two per group of 8 values.
            long indices = src.get(Bytes.U64, offset + 2 + 8 * s);
            for (int g = 0; g < 4; g++) {
                int pair = (int) (indices >>> (16 * g));
                long grid = SignedGrids.IQ3XXS[pair & 255] | (SignedGrids.IQ3XXS[(pair >>> 8) & 255] << 32);
                SignedGrids.LONGS.set(wq, 32 * s + 8 * g, SignedGrids.applyKsigns(grid, (w >>> (7 * g)) & 127));
            }
        }
        return d * 0.25f;
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        Iq3Search search = new Iq3Search(Lattices.Iq3Xxs.LATTICE, 15, false);
        float[] weight = new float[32];
        float[] waux = new float[32];
        float[] xval = new float[32];
        int[] signs = new int[4];
        int[] index = new int[8];
        float[] scales = new float[8];
        dst.asSlice(offset, 98).fill((byte) 0);
        float sigma2 = 2 * LatticeSigns.sumSquares(x, xo) / 256;
        float maxScale = 0f;
        int[] words = new int[8];
        for (int ib = 0; ib < 8; ib++) {
            int xb = xo + 32 * ib;
            if (importance != null) {
                LatticeSigns.importanceWeights(x, xb, importance, column + 32 * ib, sigma2, weight, 32);
            } else {
                for (int i = 0; i < 32; i++) {
                    weight[i] = x[xb + i] * x[xb + i];
                }
            }
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
            float scale = search.search(xval, weight, waux, max, index);
            if (scale < 0) {
                scale = -scale;
                for (int k = 0; k < 4; k++) {
                    signs[k] = ~signs[k] & 127;
                }
            }
            for (int k = 0; k < 8; k++) {
                Bytes.putU8(dst, offset + 2 + 8 * ib + k, index[k]);
            }
            words[ib] = signs[0] | (signs[1] << 7) | (signs[2] << 14) | (signs[3] << 21);
            scales[ib] = scale;
            maxScale = Math.max(maxScale, scale);
        }
        if (maxScale == 0f) {
            dst.asSlice(offset, 98).fill((byte) 0);
            return;
        }
        float d = maxScale / 31;
        Bytes.putF16(dst, offset, d * 1.0125f);
        float id = 1 / d;
        for (int ib = 0; ib < 8; ib++) {
            int ls = Rounding.clamp(Rounding.nearestInt(0.5f * (id * scales[ib] - 1)), 0, 15);
            Bytes.putU32(dst, offset + 66 + 4 * ib, words[ib] | (ls << 28));
        }
    }
}
