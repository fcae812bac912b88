package dev.kiln.quant.i;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.function.IntUnaryOperator;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * AVX-512 dot product of the 8-value-signed lattice codecs (IQ2_XXS, IQ3_XXS) against Q8_K, with
 * no scratch block: the codebook entries of two 32-value sub-blocks (64 values) come in with one
 * 16-lane gather, their signs are applied in the register, and one 512-bit multiply meets the
 * activations. The scalar path ({@link BlockCodec#integerBlock} then {@link IntDot}) spends most
 * of its time on per-group table loads and on storing and reloading the int8 block.
 *
 * <p>Lane layout of a step: int lane i holds values 4i..4i+3 of the 64, that is sub-block i/8
 * (sign-and-scale word w0 for lanes 0–7, w1 for 8–15), 8-value group (i/2) % 4, half i % 2.
 */
final class LatticeDot {
    /** Whether the 512-bit kernels run natively; elsewhere the codecs keep to the scalar path. */
    static final boolean WIDE = IntVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_512;
    private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_512;
    private static final VectorSpecies<Byte> BYTES16 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Byte> BYTES64 = ByteVector.SPECIES_512;

    /** Shift that brings lane i's 7-bit sign index (group (i/2) % 4 of the word) to bit 0. */
    private static final IntVector SIGN_SHIFT = lanes(i -> 7 * ((i / 2) % 4));
    /** Shift that brings the lane's 4 sign bits (low or high half of the 8) to bit 0. */
    private static final IntVector HALF_SHIFT = lanes(i -> 4 * (i % 2));
    private static final IntVector HALF = lanes(i -> i % 2);
    private static final VectorMask<Integer> SECOND_SUB_BLOCK = VectorMask.fromLong(INTS, 0xFF00L);
    /**
     * IQ2_XXS: 16 bytes hold two sub-blocks (4 grid indices, then the 4-byte word, twice); lane i
     * takes the index of its group, so each 8-byte entry is gathered as two ints.
     */
    private static final VectorShuffle<Byte> IQ2_INDEX = VectorShuffle.fromOp(BYTES16, i -> 8 * (i / 8) + (i / 2) % 4);

    /** Codebooks as ints: IQ2_XXS two per 8-byte entry (low half first), IQ3_XXS one per entry. */
    private static final int[] IQ2XXS_GRID = halves(SignedGrids.IQ2XXS);
    private static final int[] IQ3XXS_GRID = lows(SignedGrids.IQ3XXS);

    static {
        // signs() derives the 8th sign bit as the parity of the 7 stored ones; that is the table.
        for (int i = 0; i < 128; i++) {
            if (QuantTables.KSIGNS_IQ2XS[i] != (i | (Integer.bitCount(i) & 1) << 7)) {
                throw new IllegalStateException("ksigns_iq2xs entry " + i + " is not index plus parity bit");
            }
        }
    }

    private LatticeDot() {
    }

    /**
     * IQ2_XXS block at {@code offset} (66 bytes: fp16 d, then per sub-block 4 grid indices and a
     * word) against Q8_K quants at {@code qs}: {@code Σ (2·ls + 1) × Σ grid·sign·a}.
     */
    static int sumIq2Xxs(MemorySegment src, long offset, MemorySegment act, long qs, int[] map) {
        IntVector acc = IntVector.zero(INTS);
        for (int k = 0; k < 4; k++) {
            long pair = offset + 2 + 16 * k;
            ByteVector raw = ByteVector.fromMemorySegment(BYTES16, src, pair, ByteOrder.LITTLE_ENDIAN);
            IntVector entry = ((IntVector) raw.rearrange(IQ2_INDEX).convertShape(VectorOperators.B2I, INTS, 0)).and(255);
            entry.lanewise(VectorOperators.LSHL, 1).add(HALF).intoArray(map, 0);
            IntVector grid = IntVector.fromArray(INTS, IQ2XXS_GRID, 0, map, 0);
            int w0 = Bytes.u32(src, pair + 4);
            int w1 = Bytes.u32(src, pair + 12);
            acc = acc.add(dot64(signs(grid, w0, w1), act, qs + 64 * k, mult(w0), mult(w1)));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /**
     * IQ3_XXS block at {@code offset} (98 bytes: fp16 d, 64 grid indices at 2, 8 words at 66)
     * against Q8_K quants at {@code qs}: {@code Σ (2·ls + 1) × Σ grid·sign·a}.
     */
    static int sumIq3Xxs(MemorySegment src, long offset, MemorySegment act, long qs, int[] map) {
        IntVector acc = IntVector.zero(INTS);
        for (int k = 0; k < 4; k++) {
            ByteVector raw = ByteVector.fromMemorySegment(BYTES16, src, offset + 2 + 16 * k, ByteOrder.LITTLE_ENDIAN);
            ((IntVector) raw.convertShape(VectorOperators.B2I, INTS, 0)).and(255).intoArray(map, 0);
            IntVector grid = IntVector.fromArray(INTS, IQ3XXS_GRID, 0, map, 0);
            int w0 = Bytes.u32(src, offset + 66 + 8 * k);
            int w1 = Bytes.u32(src, offset + 70 + 8 * k);
            acc = acc.add(dot64(signs(grid, w0, w1), act, qs + 64 * k, mult(w0), mult(w1)));
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    /** The sub-block multiplier 2·ls + 1 from the word's top 4 bits. */
    private static int mult(int w) {
        return 2 * (w >>> 28) + 1;
    }

    /**
     * Negates the magnitude bytes whose sign bit is set: 7 stored bits per 8 values plus their
     * parity; the lane's 4 bits spread to bit 0 of its 4 bytes (multiply by 1 + 2⁷ + 2¹⁴ + 2²¹,
     * no carries), then per byte {@code (b ^ 0xFF) + 1 = −b} (magnitudes are never 0, so no carry).
     */
    private static IntVector signs(IntVector grid, int w0, int w1) {
        IntVector w = IntVector.broadcast(INTS, w0).blend(w1, SECOND_SUB_BLOCK);
        IntVector index = w.lanewise(VectorOperators.LSHR, SIGN_SHIFT).and(127);
        IntVector eight = index.or(index.lanewise(VectorOperators.BIT_COUNT).and(1).lanewise(VectorOperators.LSHL, 7));
        IntVector negate = eight.lanewise(VectorOperators.LSHR, HALF_SHIFT).and(15).mul(0x00204081).and(0x01010101);
        return grid.lanewise(VectorOperators.XOR, negate.mul(255)).add(negate);
    }

    /**
     * 64 signed weights against 64 int8 activations: products in int16 (|w·a| ≤ 62·128), adjacent
     * pairs added into int32 lanes, each sub-block's lanes times its multiplier.
     */
    private static IntVector dot64(IntVector weights, MemorySegment act, long qs, int m0, int m1) {
        ByteVector w = weights.reinterpretAsBytes();
        ByteVector a = ByteVector.fromMemorySegment(BYTES64, act, qs, ByteOrder.LITTLE_ENDIAN);
        ShortVector p0 = ((ShortVector) w.convertShape(VectorOperators.B2S, SHORTS, 0))
                .mul((ShortVector) a.convertShape(VectorOperators.B2S, SHORTS, 0));
        ShortVector p1 = ((ShortVector) w.convertShape(VectorOperators.B2S, SHORTS, 1))
                .mul((ShortVector) a.convertShape(VectorOperators.B2S, SHORTS, 1));
        return pairs(p0).mul(m0).add(pairs(p1).mul(m1));
    }

    /** Sum of each int lane's two int16 halves, sign-extended by arithmetic shifts. */
    private static IntVector pairs(ShortVector p) {
        IntVector v = p.reinterpretAsInts();
        return v.lanewise(VectorOperators.ASHR, 16)
                .add(v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
    }

    private static IntVector lanes(IntUnaryOperator f) {
        int[] values = new int[INTS.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = f.applyAsInt(i);
        }
        return IntVector.fromArray(INTS, values, 0);
    }

    /** Each 8-byte entry as two ints, low half first. */
    private static int[] halves(long[] grid) {
        int[] out = new int[2 * grid.length];
        for (int i = 0; i < grid.length; i++) {
            out[2 * i] = (int) grid[i];
            out[2 * i + 1] = (int) (grid[i] >>> 32);
        }
        return out;
    }

    /** Each 4-byte entry (the low int of its long) as one int. */
    private static int[] lows(long[] grid) {
        int[] out = new int[grid.length];
        for (int i = 0; i < grid.length; i++) {
            out[i] = (int) grid[i];
        }
        return out;
    }
}
