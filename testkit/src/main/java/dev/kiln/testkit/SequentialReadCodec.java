package dev.kiln.testkit;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory-read baseline of the matrix-vector benchmarks, shaped as a codec so that {@code MatVec} splits and schedules it exactly
 * as it does a real product: its "dot product" of a weight row is a vector sum of the row's bytes,
 * the least work that still reads every byte. Only {@link #dot} has a meaning here; the benchmark
 * never encodes or decodes through it, so those operations refuse.
 */
public final class SequentialReadCodec implements QuantCodec {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;

    private final GgmlType type;
    private final long rowBytes;

    /** A baseline for rows of {@code rowBytes} bytes, posing as {@code type} (the type it is compared with). */
    public SequentialReadCodec(GgmlType type, long rowBytes) {
        this.type = type;
        this.rowBytes = rowBytes;
    }

    @Override
    public GgmlType type() {
        return type;
    }

    @Override
    public GgmlType activationType() {
        return type;
    }

    @Override
    public float dot(MemorySegment weights, long offset, MemorySegment activations, long activationsOffset, int count) {
        long step = LONGS.vectorByteSize();
        LongVector a = LongVector.zero(LONGS);
        LongVector b = LongVector.zero(LONGS);
        long i = 0;
        // two accumulators so the adds never wait on each other; the loads are what is measured
        for (; i + 2 * step <= rowBytes; i += 2 * step) {
            a = a.add(LongVector.fromMemorySegment(LONGS, weights, offset + i, ByteOrder.LITTLE_ENDIAN));
            b = b.add(LongVector.fromMemorySegment(LONGS, weights, offset + i + step, ByteOrder.LITTLE_ENDIAN));
        }
        long sum = a.add(b).reduceLanes(VectorOperators.ADD);
        for (; i < rowBytes; i++) {
            sum += weights.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset + i);
        }
        return sum;
    }

    @Override
    public void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOffset, int count) {
        throw new UnsupportedOperationException("the read baseline only reads");
    }

    @Override
    public void dequantize(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long count) {
        throw new UnsupportedOperationException("the read baseline only reads");
    }

    @Override
    public void quantizeRow(float[] src, int srcOffset, int cols, float[] importance, MemorySegment dst, long dstOffset) {
        throw new UnsupportedOperationException("the read baseline only reads");
    }
}
