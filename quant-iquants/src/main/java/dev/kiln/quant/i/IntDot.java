package dev.kiln.quant.i;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
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
    /** 16 int lanes (AVX-512): one step's products fit one int vector after pairing. */
    private static final boolean WIDE = INTS.length() == 16;
    /** Int lanes 8–15 (values 16–31 of a step, after pairing); only used where {@link #WIDE}. */
    private static final VectorMask<Integer> SECOND_HALF = VectorMask.fromLong(INTS, 0xFF00L);

    private IntDot() {
    }

    /**
     * {@code Σ mult16[i/16] × wq[i] × qs[i − from]} for i in [from, from + n) (n a multiple of 32). Per step: widen
     * the int8 weights and activations to int16, multiply (|w·a| ≤ 127² fits), widen to int32,
     * scale by the multipliers and accumulate; one lane reduction at the end.
     */
    static int dot(byte[] wq, int[] mult16, int from, MemorySegment act, long qs, int n) {
        return WIDE ? dotWide(wq, mult16, from, act, qs, n) : dotNarrow(wq, mult16, from, act, qs, n);
    }

    /**
     * AVX-512, 32 values a step: the int16 products are added in adjacent pairs straight into
     * int32 lanes (arithmetic shifts sign-extend each half of an int), so lanes 0–7 hold values
     * 0–15 of the step and lanes 8–15 values 16–31, each scaled by its own multiplier. This keeps
     * to lane-count-preserving conversions: C2 leaves a 32-short to 16-int widening uncompiled.
     */
    private static int dotWide(byte[] wq, int[] mult16, int from, MemorySegment act, long qs, int n) {
        IntVector acc = IntVector.zero(INTS);
        for (int i = from; i < from + n; i += STEP) {
            ShortVector w = (ShortVector) ByteVector.fromArray(BYTES, wq, i).convertShape(VectorOperators.B2S, SHORTS, 0);
            ShortVector a = (ShortVector) ByteVector.fromMemorySegment(BYTES, act, qs + i - from, ByteOrder.LITTLE_ENDIAN)
                    .convertShape(VectorOperators.B2S, SHORTS, 0);
            IntVector p = w.mul(a).reinterpretAsInts();
            IntVector pairs = p.lanewise(VectorOperators.ASHR, 16)
                    .add(p.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
            IntVector mult = IntVector.broadcast(INTS, mult16[i >> 4]).blend(mult16[(i + HALF) >> 4], SECOND_HALF);
            acc = acc.add(pairs.mul(mult));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static int dotNarrow(byte[] wq, int[] mult16, int from, MemorySegment act, long qs, int n) {
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
