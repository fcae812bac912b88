package dev.kiln.quant.i;

import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;

/**
 * The two activation layouts the I-quants pair with:
 * <ul>
 *   <li>Q8_K (292 bytes per 256 values): float32 {@code d} at 0, 256 int8 {@code qs} at 4,
 *       16 int16 block sums at 260 (not needed here);</li>
 *   <li>Q8_0 (34 bytes per 32 values): fp16 {@code d} at 0, 32 int8 {@code qs} at 2.</li>
 * </ul>
 * An activation value is {@code d × qs[i]}. This class reads those fields and holds the plain
 * scalar dot product over decoded weights that the tests use as the yardstick for {@link IntDot}.
 */
final class ActivationBlocks {
    private ActivationBlocks() {
    }

    static float dotDecodedScalar(float[] w, GgmlType activation, MemorySegment act, long offset, int blocks) {
        int n = activation.blockSize();
        float sum = 0f;
        for (int b = 0; b < blocks; b++) {
            long block = offset + (long) b * activation.blockBytes();
            long qs = block + quantsOffset(activation);
            float s = 0f;
            for (int i = 0; i < n; i++) {
                s += w[b * n + i] * act.get(java.lang.foreign.ValueLayout.JAVA_BYTE, qs + i);
            }
            sum += scale(activation, act, block) * s;
        }
        return sum;
    }

    static float scale(GgmlType activation, MemorySegment act, long block) {
        return activation == GgmlType.Q8_K ? act.get(Bytes.F32, block) : Bytes.f16(act, block);
    }

    static long quantsOffset(GgmlType activation) {
        return activation == GgmlType.Q8_K ? 4 : 2;
    }
}
