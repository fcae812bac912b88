package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import org.osgi.service.component.annotations.Component;

/**
 * TQ2_0, ternary weights at 2.06 bits. Block of 256 values, 66 bytes: {@code qs[64]} four 2-bit
 * values per byte, fp16 {@code d} at 64. Element e: byte {@code 32·(e/128) + e%32}, bits
 * {@code 2·((e%128)/32)}; value {@code (q − 1)·d}.
 */
@Component(service = QuantCodec.class)
public final class Tq2Codec extends BlockCodec {
    public Tq2Codec() {
        super(GgmlType.TQ2_0, GgmlType.Q8_K);
    }

    @Override
    void decodeBlock(MemorySegment src, long offset, float[] dst, int o) {
        float d = Bytes.f16(src, offset + 64);
        for (int e = 0; e < 256; e++) {
            int q = (Bytes.u8(src, offset + 32 * (e / 128) + (e % 32)) >> (2 * ((e % 128) / 32))) & 3;
            dst[o + e] = (float) (q - 1) * d;
        }
    }

    /** Integer form: q − 1, multiplier 1, factor d. */
    @Override
    float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16) {
        java.util.Arrays.fill(mult16, 1);
        for (int half = 0; half < 2; half++) {
            for (int m = 0; m < 32; m++) {
                int b = Bytes.u8(src, offset + 32 * half + m);
                for (int n = 0; n < 4; n++) {
                    wq[128 * half + 32 * n + m] = (byte) (((b >> (2 * n)) & 3) - 1);
                }
            }
        }
        return Bytes.f16(src, offset + 64);
    }

    @Override
    void encodeBlock(float[] x, int xo, float[] importance, int column, MemorySegment dst, long offset) {
        float amax = 0f;
        for (int i = 0; i < 256; i++) {
            amax = Math.max(amax, Math.abs(x[xo + i]));
        }
        float d = amax;
        float id = d != 0f ? 1.0f / d : 0.0f;
        for (int half = 0; half < 2; half++) {
            for (int m = 0; m < 32; m++) {
                int q = 0;
                for (int n = 0; n < 4; n++) {
                    int t = Rounding.roundAway(x[xo + 128 * half + 32 * n + m] * id) + 1;
                    q |= (t & 3) << (2 * n);
                }
                Bytes.putU8(dst, offset + 32 * half + m, q);
            }
        }
        Bytes.putF16(dst, offset + 64, d);
    }
}
