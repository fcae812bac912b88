package dev.kiln.quant.i;

import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A test-only activation quantizer, so that dot products can be checked without the K-quant
 * module. Layouts assumed (QUANT-FORMATS.md and ggml's block_q8_K / block_q8_0):
 * <ul>
 *   <li>Q8_K, 292 bytes per 256 values: float32 {@code d} at 0, 256 int8 {@code qs} at 4,
 *       16 int16 {@code bsums} (sums of 16 consecutive qs) at 260; value = d × qs.
 *       Quantized as ggml's quantize_row_q8_K_ref: {@code iscale = −127/max} (max = signed value of
 *       largest magnitude), {@code qs = min(127, nearest_int(iscale × x))}, {@code d = 1/iscale}.</li>
 *   <li>Q8_0, 34 bytes per 32 values: fp16 {@code d} at 0, 32 int8 {@code qs} at 2;
 *       {@code d = amax/127}, {@code qs = roundf(x/d)}.</li>
 * </ul>
 */
final class TestActivations {
    private TestActivations() {
    }

    static MemorySegment quantize(GgmlType type, float[] x) {
        return type == GgmlType.Q8_K ? q8K(x) : q80(x);
    }

    /** The activations as the dot product sees them: d × qs, in float64. */
    static double[] dequantize(GgmlType type, MemorySegment a, int n) {
        double[] out = new double[n];
        int block = type.blockSize();
        for (int b = 0; b < n / block; b++) {
            long at = (long) b * type.blockBytes();
            double d = type == GgmlType.Q8_K ? a.get(Bytes.F32, at) : Bytes.f16(a, at);
            long qs = at + (type == GgmlType.Q8_K ? 4 : 2);
            for (int i = 0; i < block; i++) {
                out[b * block + i] = d * a.get(ValueLayout.JAVA_BYTE, qs + i);
            }
        }
        return out;
    }

    private static MemorySegment q8K(float[] x) {
        MemorySegment out = Arena.ofAuto().allocate((long) x.length / 256 * 292);
        for (int b = 0; b < x.length / 256; b++) {
            long at = b * 292L;
            float max = 0f;
            float amax = 0f;
            for (int j = 0; j < 256; j++) {
                float ax = Math.abs(x[256 * b + j]);
                if (ax > amax) {
                    amax = ax;
                    max = x[256 * b + j];
                }
            }
            if (amax == 0f) {
                continue;
            }
            float iscale = -127f / max;
            for (int j = 0; j < 256; j++) {
                int q = Math.min(127, Rounding.nearestInt(iscale * x[256 * b + j]));
                out.set(ValueLayout.JAVA_BYTE, at + 4 + j, (byte) q);
            }
            for (int g = 0; g < 16; g++) {
                int sum = 0;
                for (int i = 0; i < 16; i++) {
                    sum += out.get(ValueLayout.JAVA_BYTE, at + 4 + 16 * g + i);
                }
                out.set(Bytes.U16, at + 260 + 2 * g, (short) sum);
            }
            out.set(Bytes.F32, at, 1 / iscale);
        }
        return out;
    }

    private static MemorySegment q80(float[] x) {
        MemorySegment out = Arena.ofAuto().allocate((long) x.length / 32 * 34);
        for (int b = 0; b < x.length / 32; b++) {
            long at = b * 34L;
            float amax = 0f;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[32 * b + j]));
            }
            float d = amax / 127;
            float id = d != 0f ? 1.0f / d : 0.0f;
            Bytes.putF16(out, at, d);
            for (int j = 0; j < 32; j++) {
                out.set(ValueLayout.JAVA_BYTE, at + 2 + j, (byte) Rounding.roundAway(x[32 * b + j] * id));
            }
        }
        return out;
    }
}
