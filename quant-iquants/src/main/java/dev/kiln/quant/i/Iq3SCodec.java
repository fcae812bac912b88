package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;

/**
 * IQ3_S, 3.44 bits: 512-entry codebook of 4 magnitudes with explicit sign bytes. Block of 256
 * values, 110 bytes: fp16 {@code d}; low 8 index bits of quad k at 2+k; {@code qh[8]} at 66 (bit
 * k' of byte s = index bit 8 of quad 8s+k'); sign bytes at 74 (byte 4s+g covers values 8g…8g+7
 * of sub-block s); {@code scales[4]} at 106 (low nibble even s). Value
 * {@code (d × (1 + 2·nibble)) × grid byte × sign}.
 */
@Component(service = QuantCodec.class)
public final class Iq3SCodec extends BlockCodec {
    public Iq3SCodec() {
        super(GgmlType.IQ3_S, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        float d = Bytes.f16(src, offset);
        byte[] grid = QuantTables.IQ3S_GRID;
        for (int s = 0; s < 8; s++) {
            int nibble = (Bytes.u8(src, offset + 106 + s / 2) >> (4 * (s % 2))) & 15;
            float db = d * (float) (1 + 2 * nibble);
            int qh = Bytes.u8(src, offset + 66 + s);
            for (int k = 0; k < 8; k++) {
                int entry = 4 * (Bytes.u8(src, offset + 2 + 8 * s + k) | (((qh >> k) & 1) << 8));
                int signs = Bytes.u8(src, offset + 74 + 4 * s + k / 2);
                int out = o + 32 * s + 4 * k;
                for (int j = 0; j < 4; j++) {
                    float v = db * grid[entry + j];
                    dst[out + j] = ((signs >> (4 * (k % 2) + j)) & 1) != 0 ? -v : v;
                }
            }
        }
    }

    /** Integer form: two quads with their sign byte per 8 values, multiplier 1 + 2·nibble per 32, factor d. */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        float d = Bytes.f16(src, offset);
        for (int s = 0; s < 8; s++) {
            int mult = 1 + 2 * ((Bytes.u8(src, offset + 106 + s / 2) >> (4 * (s % 2))) & 15);
            mult16[2 * s] = mult;
            mult16[2 * s + 1] = mult;
            int qh = Bytes.u8(src, offset + 66 + s);
            for (int g = 0; g < 4; g++) {
                int k = 2 * g;
                long at = offset + 2 + 8 * s + k;
                long first = SignedGrids.IQ3S[Bytes.u8(src, at) | (((qh >> k) & 1) << 8)];
                long second = SignedGrids.IQ3S[Bytes.u8(src, at + 1) | (((qh >> (k + 1)) & 1) << 8)];
                int signs = Bytes.u8(src, offset + 74 + 4 * s + g);
                SignedGrids.LONGS.set(wq, 32 * s + 8 * g, SignedGrids.applySigns(first | (second << 32), signs));
            }
        }
        return d;
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        Iq3Search search = new Iq3Search(Lattices.Iq3S.LATTICE, 9, true);
        float[] weight = new float[32];
        float[] waux = new float[32];
        float[] xval = new float[32];
        int[] signs = new int[4];
        int[] index = new int[8];
        float[] scales = new float[8];
        dst.asSlice(offset, 110).fill((byte) 0);
        float sigma2 = 2 * LatticeSigns.sumSquares(x, xo) / 256;
        float maxScale = 0f;
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
                signs[k] = LatticeSigns.split(x, xb + 8 * k, weight, 8 * k, xval, 8 * k, false);
            }
            float max = xval[0];
            for (int i = 1; i < 32; i++) {
                max = Math.max(max, xval[i]);
            }
            if (max == 0f) {
                // The reference also leaves such a sub-block's bytes at zero (see QUANT-FORMATS.md
                // on its write-position quirk, which is not reproduced here).
                scales[ib] = 0;
                continue;
            }
            float scale = search.search(xval, weight, waux, max, index);
            if (scale < 0) {
                scale = -scale;
                for (int k = 0; k < 4; k++) {
                    signs[k] = ~signs[k] & 0xFF;
                }
            }
            int qh = 0;
            for (int k = 0; k < 8; k++) {
                Bytes.putU8(dst, offset + 2 + 8 * ib + k, index[k] & 255);
                qh |= (index[k] >> 8) << k;
            }
            Bytes.putU8(dst, offset + 66 + ib, qh);
            for (int k = 0; k < 4; k++) {
                Bytes.putU8(dst, offset + 74 + 4 * ib + k, signs[k]);
            }
            scales[ib] = scale;
            maxScale = Math.max(maxScale, scale);
        }
        if (maxScale == 0f) {
            return;
        }
        float d = maxScale / 31;
        Bytes.putF16(dst, offset, d * 1.033f);
        float id = 1 / d;
        for (int ib = 0; ib < 8; ib += 2) {
            int l1 = Rounding.clamp(Rounding.nearestInt(0.5f * (id * scales[ib] - 1)), 0, 15);
            int l2 = Rounding.clamp(Rounding.nearestInt(0.5f * (id * scales[ib + 1] - 1)), 0, 15);
            Bytes.putU8(dst, offset + 106 + ib / 2, l1 | (l2 << 4));
        }
    }
}
