package dev.kiln.quant.i;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Fused dot product for 4-bit codes into a 16-entry int8 table (IQ4_NL, IQ4_XS, MXFP4): 16 code
 * bytes hold values j (low nibbles) and j+16 (high nibbles) of a 32-value group. The table
 * lookup is a byte shuffle in a register, so no scratch block is written and read back.
 */
final class Nibbles {
    private static final VectorSpecies<Byte> BYTES16 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> SHORTS16 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.length() >= 16
            ? IntVector.SPECIES_512 : IntVector.SPECIES_256;
    private static final int PARTS = 16 / INTS.length();

    /**
     * Whether the 512-bit kernel {@link #dot64} runs natively (AVX-512); elsewhere its 512-bit
     * species would be emulated, so callers keep to {@link #dot32}.
     */
    static final boolean WIDE = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
    private static final VectorSpecies<Byte> BYTES32 = ByteVector.SPECIES_256;
    private static final VectorSpecies<Byte> BYTES64 = ByteVector.SPECIES_512;
    private static final VectorSpecies<Short> SHORTS32 = ShortVector.SPECIES_512;
    private static final VectorSpecies<Integer> INTS16 = IntVector.SPECIES_512;
    /**
     * Activation bytes of two 32-value groups, as 8 longs (g0 0–15, g0 16–31, g1 0–15, g1 16–31 in
     * pairs), reordered to the low-nibble values of both groups, then the high-nibble ones.
     */
    private static final VectorShuffle<Long> LOW_THEN_HIGH =
            VectorShuffle.fromValues(LongVector.SPECIES_512, 0, 1, 4, 5, 2, 3, 6, 7);

    private Nibbles() {
    }

    /** The table as a vector, for {@link #dot32}. */
    static ByteVector table(byte[] values) {
        return ByteVector.fromArray(BYTES16, values, 0);
    }

    /** The table twice over 32 lanes, for {@link #dot64}: a lookup reads the copy in its own half. */
    static ByteVector table32(byte[] values) {
        byte[] twice = new byte[32];
        System.arraycopy(values, 0, twice, 0, 16);
        System.arraycopy(values, 0, twice, 16, 16);
        return ByteVector.fromArray(BYTES32, twice, 0);
    }

    /**
     * Two consecutive 32-value groups with integer multipliers: {@code m0·Σ₀ + m1·Σ₁}, returned
     * as 16 int lanes still to be added (the caller reduces once per block, not per group). Codes
     * at {@code codes} (32 bytes, 16 per group), int8 activations at {@code qs} (64 bytes). One
     * 512-bit multiply covers all 64 products; |lo·a + hi·a| ≤ 2·128·127 fits int16.
     */
    static IntVector dot64(ByteVector table32, MemorySegment src, long codes, MemorySegment act, long qs, int m0, int m1) {
        ByteVector q = ByteVector.fromMemorySegment(BYTES32, src, codes, ByteOrder.LITTLE_ENDIAN);
        // lo lanes 0–15: group 0 values 0–15, lanes 16–31: group 1 values 0–15; hi: values 16–31.
        ByteVector lo = q.and((byte) 15).selectFrom(table32);
        ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).selectFrom(table32);
        ByteVector a = ByteVector.fromMemorySegment(BYTES64, act, qs, ByteOrder.LITTLE_ENDIAN)
                .reinterpretAsLongs().rearrange(LOW_THEN_HIGH).reinterpretAsBytes();
        ShortVector p = ((ShortVector) lo.convertShape(VectorOperators.B2S, SHORTS32, 0))
                .mul((ShortVector) a.convertShape(VectorOperators.B2S, SHORTS32, 0))
                .add(((ShortVector) hi.convertShape(VectorOperators.B2S, SHORTS32, 0))
                        .mul((ShortVector) a.convertShape(VectorOperators.B2S, SHORTS32, 1)));
        IntVector g0 = (IntVector) p.convertShape(VectorOperators.S2I, INTS16, 0);
        IntVector g1 = (IntVector) p.convertShape(VectorOperators.S2I, INTS16, 1);
        return g0.mul(m0).add(g1.mul(m1));
    }

    /**
     * {@code Σ table[code_j]·a_j} over one 32-value group: codes at {@code codes} (16 bytes), int8
     * activations at {@code qs} (32 bytes). Products of the two halves are added in int16
     * (|sum| ≤ 2·127² fits), then widened once.
     */
    static int dot32(ByteVector table, MemorySegment src, long codes, MemorySegment act, long qs) {
        ByteVector q = ByteVector.fromMemorySegment(BYTES16, src, codes, ByteOrder.LITTLE_ENDIAN);
        ByteVector lo = q.and((byte) 15).selectFrom(table);
        ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).selectFrom(table);
        ShortVector a0 = (ShortVector) ByteVector.fromMemorySegment(BYTES16, act, qs, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2S, SHORTS16, 0);
        ShortVector a1 = (ShortVector) ByteVector.fromMemorySegment(BYTES16, act, qs + 16, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2S, SHORTS16, 0);
        ShortVector p = ((ShortVector) lo.convertShape(VectorOperators.B2S, SHORTS16, 0)).mul(a0)
                .add(((ShortVector) hi.convertShape(VectorOperators.B2S, SHORTS16, 0)).mul(a1));
        IntVector sum = (IntVector) p.convertShape(VectorOperators.S2I, INTS, 0);
        for (int part = 1; part < PARTS; part++) {
            sum = sum.add((IntVector) p.convertShape(VectorOperators.S2I, INTS, part));
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }
}
