package dev.kiln.quant.i;

import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Decoded weights times int8 activations, for the two activation layouts the I-quants pair with:
 * <ul>
 *   <li>Q8_K (292 bytes per 256 values): float32 {@code d} at 0, 256 int8 {@code qs} at 4,
 *       16 int16 block sums at 260 (not needed here);</li>
 *   <li>Q8_0 (34 bytes per 32 values): fp16 {@code d} at 0, 32 int8 {@code qs} at 2.</li>
 * </ul>
 * An activation value is {@code d × qs[i]}; each block's sum is taken over the integers first
 * and scaled once, as the reference does.
 */
final class Int8Dot {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    /** As many bytes as float lanes, so that one byte load widens to one float vector. */
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(FLOATS.length() * Byte.SIZE));

    private Int8Dot() {
    }

    static float dotDecoded(float[] w, GgmlType activation, MemorySegment act, long offset, int blocks) {
        int n = activation.blockSize();
        float sum = 0f;
        for (int b = 0; b < blocks; b++) {
            long block = offset + (long) b * activation.blockBytes();
            sum += scale(activation, act, block) * dotVector(w, b * n, act, block + quantsOffset(activation), n);
        }
        return sum;
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

    /** Σ w[i]·q[i] for n values: one byte load widened to a float vector per step, then a scalar tail. */
    static float dotVector(float[] w, int wOffset, MemorySegment act, long qs, int n) {
        FloatVector acc = FloatVector.zero(FLOATS);
        int step = FLOATS.length();
        int i = 0;
        for (; i <= n - step; i += step) {
            FloatVector q = (FloatVector) ByteVector.fromMemorySegment(BYTES, act, qs + i, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.B2F, FLOATS, 0);
            acc = FloatVector.fromArray(FLOATS, w, wOffset + i).fma(q, acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += w[wOffset + i] * act.get(java.lang.foreign.ValueLayout.JAVA_BYTE, qs + i);
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
