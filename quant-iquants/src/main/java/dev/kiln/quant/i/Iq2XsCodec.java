package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;

/**
 * IQ2_XS, 2.31 bits: 512-entry lattice codebook, 8 values per entry. Block of 256 values,
 * 74 bytes: fp16 {@code d}; {@code qs[32]} uint16 at 2 (bits 0–8 grid index, 9–15 sign index),
 * entry 4s+g is group g of 32-value sub-block s; {@code scales[8]} at 66, low nibble for groups
 * 0–1 of sub-block s, high nibble for groups 2–3. Value
 * {@code ((d × (0.5 + nibble)) × 0.25 × grid byte) × sign}.
 */
@Component(service = QuantCodec.class)
public final class Iq2XsCodec extends BlockCodec {
    private static final float GROUP_MAX_EPS = 1e-15f;

    public Iq2XsCodec() {
        super(GgmlType.IQ2_XS, GgmlType.Q8_K);
    }

    @Override
    public boolean requiresImportance() {
        return true;
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        float d = Bytes.f16(src, offset);
        byte[] grid = QuantTables.IQ2XS_GRID;
        for (int s = 0; s < 8; s++) {
            int sc = Bytes.u8(src, offset + 66 + s);
            float db0 = (d * (0.5f + (sc & 15))) * 0.25f;
            float db1 = (d * (0.5f + (sc >> 4))) * 0.25f;
            for (int g = 0; g < 4; g++) {
                int q = Bytes.u16(src, offset + 2 + 2 * (4 * s + g));
                int entry = 8 * (q & 511);
                int signs = QuantTables.KSIGNS_IQ2XS[q >> 9];
                float db = g < 2 ? db0 : db1;
                int out = o + 32 * s + 8 * g;
                for (int j = 0; j < 8; j++) {
                    float v = db * grid[entry + j];
                    dst[out + j] = ((signs >> j) & 1) != 0 ? -v : v;
                }
            }
        }
    }

    /** Integer form: grid bytes with signs, multiplier 2·nibble + 1 per 16 values, factor d/8. */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        float d = Bytes.f16(src, offset);
        for (int s = 0; s < 8; s++) {
            int sc = Bytes.u8(src, offset + 66 + s);
            mult16[2 * s] = 2 * (sc & 15) + 1;
            mult16[2 * s + 1] = 2 * (sc >> 4) + 1;
            for (int g = 0; g < 4; g++) {
                int q = Bytes.u16(src, offset + 2 + 2 * (4 * s + g));
                long grid = SignedGrids.IQ2XS[q & 511];
                SignedGrids.LONGS.set(wq, 32 * s + 8 * g, SignedGrids.applySigns(grid, QuantTables.KSIGNS_IQ2XS[q >> 9]));
            }
        }
        return d * 0.125f;
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        Lattice lattice = Lattices.Iq2Xs.LATTICE;
        float[] weight = new float[16];
        float[] waux = new float[16];
        float[] xval = new float[16];
        byte[] l = new byte[16];
        byte[] laux = new byte[16];
        boolean[] onGrid = new boolean[2];
        boolean[] onGridAux = new boolean[2];
        int[] signs = new int[2];
        float[] scales = new float[16];
        int[] q2 = new int[32];
        float sigma2 = LatticeSigns.sumSquares(x, xo) / 256;
        float maxScale = 0f;
        for (int ib = 0; ib < 16; ib++) {
            int xb = xo + 16 * ib;
            LatticeSigns.importanceWeights(x, xb, importance, column + 16 * ib, sigma2, weight, 16);
            for (int i = 0; i < 16; i++) {
                waux[i] = (float) Math.sqrt(weight[i]);
            }
            for (int k = 0; k < 2; k++) {
                signs[k] = LatticeSigns.split(x, xb + 8 * k, weight, 8 * k, xval, 8 * k, true) & 127;
            }
            float max = xval[0];
            for (int i = 1; i < 16; i++) {
                max = Math.max(max, xval[i]);
            }
            java.util.Arrays.fill(l, (byte) 0);
            if (max < GROUP_MAX_EPS) {
                scales[ib] = 0;
                continue;
            }
            float scale = Iq2ScaleSearch.fit(lattice, max, weight, xval, waux, l, laux, onGrid, onGridAux);
            if (scale < 0) {
                scale = -scale;
                for (int k = 0; k < 2; k++) {
                    signs[k] = ~signs[k] & 127;
                }
            }
            for (int k = 0; k < 2; k++) {
                q2[2 * ib + k] = lattice.map[lattice.key(l, 8 * k)] | (signs[k] << 9);
            }
            scales[ib] = scale;
            maxScale = Math.max(maxScale, scale);
        }
        dst.asSlice(offset, 74).fill((byte) 0);
        if (maxScale == 0f) {
            return;
        }
        float d = maxScale / 31;
        Bytes.putF16(dst, offset, d);
        float id = 1 / d;
        for (int ib = 0; ib < 16; ib++) {
            int ls = Rounding.clamp(Rounding.nearestInt(0.5f * (id * scales[ib] - 1)), 0, 15);
            long at = offset + 66 + ib / 2;
            Bytes.putU8(dst, at, Bytes.u8(dst, at) | (ls << (4 * (ib % 2))));
        }
        for (int i = 0; i < 32; i++) {
            Bytes.putU16(dst, offset + 2 + 2L * i, q2[i]);
        }
    }
}
