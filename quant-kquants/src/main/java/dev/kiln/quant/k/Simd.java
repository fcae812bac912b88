package dev.kiln.quant.k;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes the kernels use, from the JVM's preferred species: int lanes of the preferred
 * width (8 on AVX2, 16 on AVX-512), fed by byte loads of the same lane count and widened with one
 * sign-extending conversion. Blocks have 16 or 32 elements per scale, so the kernels need 8 or 16
 * lanes; any other width (SVE, 128-bit only machines) uses the scalar code. The system property
 * {@code kiln.quant.scalar=true} forces the scalar code for comparisons.
 */
final class Simd {
    static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    static final int LANES = INTS.length();
    static final boolean ENABLED = (LANES == 8 || LANES == 16) && !Boolean.getBoolean("kiln.quant.scalar");
    static final VectorSpecies<Float> FLOATS = VectorSpecies.of(float.class, INTS.vectorShape());
    static final VectorSpecies<Byte> BYTES = ENABLED ? VectorSpecies.of(byte.class, VectorShape.forBitSize(LANES * 8)) : null;
    static final VectorSpecies<Short> SHORTS = ENABLED ? VectorSpecies.of(short.class, VectorShape.forBitSize(LANES * 16)) : null;
    /** Short lanes filling a whole int vector: 2 × LANES products per 16-bit multiply. */
    static final VectorSpecies<Short> PAIRS = ENABLED ? VectorSpecies.of(short.class, INTS.vectorShape()) : null;
    /** The bytes that widen to one {@link #PAIRS} vector. */
    static final VectorSpecies<Byte> PAIR_BYTES = ENABLED ? VectorSpecies.of(byte.class, VectorShape.forBitSize(LANES * 16)) : null;
    static final int PAIR_LANES = 2 * LANES;

    private Simd() {
    }

    /** LANES signed bytes at {@code at}, widened to ints. */
    static IntVector bytes(MemorySegment s, long at) {
        return (IntVector) ByteVector.fromMemorySegment(BYTES, s, at, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2I, INTS, 0);
    }

    /** 2 × LANES signed bytes at {@code at}, widened to shorts with one conversion. */
    static ShortVector shorts(MemorySegment s, long at) {
        return (ShortVector) ByteVector.fromMemorySegment(PAIR_BYTES, s, at, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.B2S, PAIRS, 0);
    }

    /**
     * Adjacent 16-bit lanes summed into the int lane holding them, without a conversion: each int
     * is hi·2¹⁶ + lo (lo unsigned), so adding it shifted left by 16 leaves hi + lo in the top half.
     * Exact only while every |hi + lo| < 2¹⁵ (the K-quant products: 4- or 6-bit × 8-bit).
     */
    static IntVector pairSums(ShortVector products) {
        IntVector v = products.reinterpretAsInts();
        return v.add(v.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
    }

    /** {@link #pairSums} for pairs that may reach ±2¹⁵ (8-bit × 8-bit): both halves sign-extended first. */
    static IntVector pairSumsWide(ShortVector products) {
        IntVector v = products.reinterpretAsInts();
        return v.lanewise(VectorOperators.ASHR, 16).add(v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
    }

    /** LANES little-endian signed 16-bit words at {@code at}, sign-extended to ints. */
    static IntVector signedWords(MemorySegment s, long at) {
        return (IntVector) ShortVector.fromMemorySegment(SHORTS, s, at, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.S2I, INTS, 0);
    }

    /** LANES little-endian 16-bit words at {@code at}, zero-extended to ints. */
    static IntVector words(MemorySegment s, long at) {
        return ((IntVector) ShortVector.fromMemorySegment(SHORTS, s, at, ByteOrder.LITTLE_ENDIAN)
                .convertShape(VectorOperators.S2I, INTS, 0)).and(0xFFFF);
    }

    /** acc + d × (float) sums, lane-wise: the per-block scale applied without a horizontal sum. */
    static FloatVector scaleAdd(IntVector sums, float d, FloatVector acc) {
        FloatVector f = (FloatVector) sums.convert(VectorOperators.I2F, 0);
        return f.fma(FloatVector.broadcast(FLOATS, d), acc);
    }
}
