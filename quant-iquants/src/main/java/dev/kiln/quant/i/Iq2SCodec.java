package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;

/**
 * IQ2_S, 2.56 bits: 1024-entry lattice codebook with explicit sign bytes. Block of 256 values,
 * 82 bytes: fp16 {@code d}; low 8 index bits of group G (8 values) at 2+G; sign byte of group G
 * at 34+G; {@code qh[8]} at 66 (index bits 8–9 of group 4s+g at bits 2g, 2g+1 of byte s);
 * {@code scales[8]} at 74 as IQ2_XS. Value {@code ((d × (0.5 + nibble)) × 0.25 × grid byte) × sign}.
 */
@Component(service = QuantCodec.class)
public final class Iq2SCodec extends BlockCodec {
    private static final float GROUP_MAX_EPS = 1e-8f;

    public Iq2SCodec() {
        super(GgmlType.IQ2_S, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        float d = Bytes.f16(src, offset);
        byte[] grid = QuantTables.IQ2S_GRID;
        for (int s = 0; s < 8; s++) {
            int sc = Bytes.u8(src, offset + 74 + s);
            float db0 = (d * (0.5f + (sc & 15))) * 0.25f;
            float db1 = (d * (0.5f + (sc >> 4))) * 0.25f;
            int qh = Bytes.u8(src, offset + 66 + s);
            for (int g = 0; g < 4; g++) {
                int group = 4 * s + g;
                int entry = 8 * (Bytes.u8(src, offset + 2 + group) | (((qh >> (2 * g)) & 3) << 8));
                int signs = Bytes.u8(src, offset + 34 + group);
                float db = g < 2 ? db0 : db1;
                int out = o + 8 * group;
                for (int j = 0; j < 8; j++) {
                    float v = db * grid[entry + j];
                    dst[out + j] = ((signs >> j) & 1) != 0 ? -v : v;
                }
            }
        }
    }

    /** Integer form: grid bytes with their sign byte, multiplier 2·nibble + 1 per 16 values, factor d/8. */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        float d = Bytes.f16(src, offset);
        for (int s = 0; s < 8; s++) {
            int sc = Bytes.u8(src, offset + 74 + s);
            mult16[2 * s] = 2 * (sc & 15) + 1;
            mult16[2 * s + 1] = 2 * (sc >> 4) + 1;
            int qh = Bytes.u8(src, offset + 66 + s);
            for (int g = 0; g < 4; g++) {
                int group = 4 * s + g;
                long grid = SignedGrids.IQ2S[Bytes.u8(src, offset + 2 + group) | (((qh >> (2 * g)) & 3) << 8)];
                SignedGrids.LONGS.set(wq, 8 * group, SignedGrids.applySigns(grid, Bytes.u8(src, offset + 34 + group)));
            }
        }
        return d * 0.125f;
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        Lattice lattice = Lattices.Iq2S.LATTICE;
        float[] weight = new float[16];
        float[] waux = new float[16];
        float[] xval = new float[16];
        byte[] l = new byte[16];
        byte[] laux = new byte[16];
        boolean[] onGrid = new boolean[2];
        boolean[] onGridAux = new boolean[2];
        int[] signs = new int[2];
        float[] scales = new float[16];
        dst.asSlice(offset, 82).fill((byte) 0);
        float sigma2 = 2 * LatticeSigns.sumSquares(x, xo) / 256;
        float maxScale = 0f;
        for (int ib = 0; ib < 16; ib++) {
            int xb = xo + 16 * ib;
            if (importance != null) {
                LatticeSigns.importanceWeights(x, xb, importance, column + 16 * ib, sigma2, weight, 16);
            } else {
                for (int i = 0; i < 16; i++) {
                    weight[i] = 0.25f * sigma2 + x[xb + i] * x[xb + i];
                }
            }
            for (int i = 0; i < 16; i++) {
                waux[i] = (float) Math.sqrt(weight[i]);
            }
            for (int k = 0; k < 2; k++) {
                signs[k] = LatticeSigns.split(x, xb + 8 * k, weight, 8 * k, xval, 8 * k, false);
            }
            float max = xval[0];
            for (int i = 1; i < 16; i++) {
                max = Math.max(max, xval[i]);
            }
            if (max < GROUP_MAX_EPS) {
                scales[ib] = 0;
                continue;
            }
            float scale = Iq2ScaleSearch.fit(lattice, max, weight, xval, waux, l, laux, onGrid, onGridAux);
            if (scale < 0) {
                scale = -scale;
                signs[0] = ~signs[0] & 0xFF;
                signs[1] = ~signs[1] & 0xFF;
            }
            for (int k = 0; k < 2; k++) {
                int index = lattice.map[lattice.key(l, 8 * k)];
                int group = 2 * ib + k;
                Bytes.putU8(dst, offset + 2 + group, index & 255);
                long qh = offset + 66 + group / 4;
                Bytes.putU8(dst, qh, Bytes.u8(dst, qh) | ((index >> 8) << (2 * (group % 4))));
                Bytes.putU8(dst, offset + 34 + group, signs[k]);
            }
            scales[ib] = scale;
            maxScale = Math.max(maxScale, scale);
        }
        if (maxScale == 0f) {
            return;
        }
        float d = maxScale / 31;
        Bytes.putF16(dst, offset, d * 0.9875f);
        float id = 1 / d;
        for (int ib = 0; ib < 16; ib++) {
            int ls = Rounding.clamp(Rounding.nearestInt(0.5f * (id * scales[ib] - 1)), 0, 15);
            long at = offset + 74 + ib / 2;
            Bytes.putU8(dst, at, Bytes.u8(dst, at) | (ls << (4 * (ib % 2))));
        }
    }
}
