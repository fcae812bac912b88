package dev.kiln.quant.i;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The integer core of every dot product here. Each codec turns a weight block into int8 values
 * {@code wq} and one integer multiplier per 16 values ({@code mult16}), such that the decoded
 * weight is {@code factor × mult16[i/16] × wq[i]} (see {@link BlockCodec#integerBlock}); the
 * activations are int8 too (Q8_K or Q8_0 {@code qs}). So a block's dot product is one exact
 * integer sum, scaled once by the two float factors, as the reference's kernels do.
 */
final class IntDot {
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /** Two int vectors' worth of shorts and of bytes per step: 32 values with AVX-512, 16 with AVX2. */
    private static final VectorSpecies<Short> SHORTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(INTS.vectorBitSize()));
    private static final VectorSpecies<Byte> BYTES =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(INTS.vectorBitSize() / 2));
    static final int STEP = SHORTS.length();
    private static final int HALF = STEP / 2;

    private IntDot() {
    }

    /**
     * {@code Σ mult16[i/16] × wq[i] × qs[i − from]} for i in [from, from + n) (n a multiple of 32). Per step: widen
     * the int8 weights and activations to int16, multiply (|w·a| ≤ 127² fits), widen each half to
     * int32, scale by its multiplier and accumulate; one lane reduction at the end.
     */
    static int dot(byte[] wq, int[] mult16, int from, MemorySegment act, long qs, int n) {
        IntVector acc = IntVector.zero(INTS);
        for (int i = from; i < from + n; i += STEP) {
            ShortVector w = (ShortVector) ByteVector.fromArray(BYTES, wq, i).convertShape(VectorOperators.B2S, SHORTS, 0);
            ShortVector a = (ShortVector) ByteVector.fromMemorySegment(BYTES, act, qs + i - from, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            ShortVector p = w.mul(a);
            IntVector lo = (IntVector) p.convertShape(VectorOperators.S2I, INTS, 0);
            IntVector hi = (IntVector) p.convertShape(VectorOperators.S2I, INTS, 1);
            acc = acc.add(lo.mul(mult16[i >> 4])).add(hi.mul(mult16[(i + HALF) >> 4]));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }
}
