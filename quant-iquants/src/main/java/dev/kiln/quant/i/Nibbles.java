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
     * Whether the 16 int lanes of {@link #products32} fill one native vector (AVX-512), so a
     * caller can keep them across sub-blocks; elsewhere they would be emulated.
     */
    static final boolean WIDE = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

    private Nibbles() {
    }

    /** The table as a vector, for {@link #dot32}. */
    static ByteVector table(byte[] values) {
        return ByteVector.fromArray(BYTES16, values, 0);
    }

    /**
     * {@code Σ table[code_j]·a_j} over one 32-value group: codes at {@code codes} (16 bytes), int8
     * activations at {@code qs} (32 bytes). Products of the two halves are added in int16
     * (|sum| ≤ 2·127² fits), then widened once.
     */
    static int dot32(ByteVector table, MemorySegment src, long codes, MemorySegment act, long qs) {
        ShortVector p = pairSums(table, src, codes, act, qs);
        IntVector sum = (IntVector) p.convertShape(VectorOperators.S2I, INTS, 0);
        for (int part = 1; part < PARTS; part++) {
            sum = sum.add((IntVector) p.convertShape(VectorOperators.S2I, INTS, part));
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    /**
     * The products of {@link #dot32} as 16 int lanes still to be added (only where {@link #WIDE}):
     * a caller summing a whole block reduces once instead of once per group. Every conversion
     * here keeps the lane count (16), the shapes C2 compiles to single instructions.
     */
    static IntVector products32(ByteVector table, MemorySegment src, long codes, MemorySegment act, long qs) {
        return (IntVector) pairSums(table, src, codes, act, qs).convertShape(VectorOperators.S2I, INTS, 0);
    }

    /** Products of values j and j+16, added in int16 lane j. */
    private static ShortVector pairSums(ByteVector table, MemorySegment src, long codes, MemorySegment act, long qs) {
        ByteVector q = ByteVector.fromMemorySegment(BYTES16, src, codes, ByteOrder.LITTLE_ENDIAN);
        ByteVector lo = q.and((byte) 15).selectFrom(table);
        ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).selectFrom(table);
        ShortVector a0 = (ShortVector) ByteVector.fromMemorySegment(BYTES16, act, qs, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2S, SHORTS16, 0);
        ShortVector a1 = (ShortVector) ByteVector.fromMemorySegment(BYTES16, act, qs + 16, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2S, SHORTS16, 0);
        return ((ShortVector) lo.convertShape(VectorOperators.B2S, SHORTS16, 0)).mul(a0)
                .add(((ShortVector) hi.convertShape(VectorOperators.B2S, SHORTS16, 0)).mul(a1));
    }
}
