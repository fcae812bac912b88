package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;

/**
 * TQ1_0, ternary weights at 1.69 bits. Block of 256 values, 54 bytes: {@code qs[48]} five trits
 * per byte, {@code qh[4]} four trits per byte, fp16 {@code d} at 52. A byte stores its trits as
 * the fraction {@code ceil(v·256/243)}, so digit k comes back by multiplying by 3^k in 8 bits and
 * taking the top bits of ×3. Elements 0–159 use qs[0..31] (digit e/32), 160–239 qs[32..47]
 * (digit (e−160)/16), 240–255 qh (digit (e−240)/4).
 */
@Component(service = QuantCodec.class)
public final class Tq1Codec extends BlockCodec {
    private static final int[] POW3 = {1, 3, 9, 27, 81};

    public Tq1Codec() {
        super(GgmlType.TQ1_0, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        float d = Bytes.f16(src, offset + 52);
        for (int e = 0; e < 256; e++) {
            int b;
            int digit;
            if (e < 160) {
                b = Bytes.u8(src, offset + (e % 32));
                digit = e / 32;
            } else if (e < 240) {
                b = Bytes.u8(src, offset + 32 + ((e - 160) % 16));
                digit = (e - 160) / 16;
            } else {
                b = Bytes.u8(src, offset + 48 + ((e - 240) % 4));
                digit = (e - 240) / 4;
            }
            dst[o + e] = (float) (trit(b, digit) - 1) * d;
        }
    }

    static int trit(int b, int digit) {
        return (((b * POW3[digit]) & 0xFF) * 3) >> 8;
    }

    /** Integer form: trit − 1, multiplier 1, factor d. */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        java.util.Arrays.fill(mult16, 1);
        for (int m = 0; m < 32; m++) {
            int b = Bytes.u8(src, offset + m);
            for (int digit = 0; digit < 5; digit++) {
                wq[32 * digit + m] = (byte) (trit(b, digit) - 1);
            }
        }
        for (int m = 0; m < 16; m++) {
            int b = Bytes.u8(src, offset + 32 + m);
            for (int digit = 0; digit < 5; digit++) {
                wq[160 + 16 * digit + m] = (byte) (trit(b, digit) - 1);
            }
        }
        for (int m = 0; m < 4; m++) {
            int b = Bytes.u8(src, offset + 48 + m);
            for (int digit = 0; digit < 4; digit++) {
                wq[240 + 4 * digit + m] = (byte) (trit(b, digit) - 1);
            }
        }
        return Bytes.f16(src, offset + 52);
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        float amax = 0f;
        for (int i = 0; i < 256; i++) {
            amax = Math.max(amax, Math.abs(x[xo + i]));
        }
        float d = amax;
        float id = d != 0f ? 1.0f / d : 0.0f;
        for (int m = 0; m < 32; m++) {
            Bytes.putU8(dst, offset + m, pack(x, xo + m, 32, 5, id, false));
        }
        for (int m = 0; m < 16; m++) {
            Bytes.putU8(dst, offset + 32 + m, pack(x, xo + 160 + m, 16, 5, id, false));
        }
        for (int m = 0; m < 4; m++) {
            Bytes.putU8(dst, offset + 48 + m, pack(x, xo + 240 + m, 4, 4, id, true));
        }
        Bytes.putF16(dst, offset + 52, d);
    }

    /** Trits of x[first + k·stride] (most significant first), as the 8-bit fraction the decoder reads. */
    private static int pack(float[] x, int first, int stride, int count, float id, boolean shiftToTop) {
        int q = 0;
        for (int k = 0; k < count; k++) {
            q = q * 3 + Rounding.roundAway(x[first + k * stride] * id) + 1;
        }
        if (shiftToTop) {
            q *= 3;
        }
        return (q * 256 + 242) / 243;
    }
}
