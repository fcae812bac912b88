package dev.kiln.quant.i;

import dev.kiln.api.quant.QuantCodec;
import java.lang.foreign.MemorySegment;

/**
 * Matrix-vector product {@code out = W · a} for a quantized weight matrix and activations already
 * quantized to the codec's activation type: rows are split across the threads of a
 * {@link ParallelRows}, each chunk going through {@link QuantCodec#dotRows}. Allocation-free per
 * call; one instance serves one caller at a time.
 */
public final class MatVec {
    private final ParallelRows pool;
    private final ParallelRows.RowRange range = this::rows;
    private QuantCodec codec;
    private MemorySegment weights;
    private long weightsOffset;
    private long rowBytes;
    private MemorySegment activations;
    private long activationsOffset;
    private int cols;
    private float[] out;

    public MatVec(ParallelRows pool) {
        this.pool = pool;
    }

    public void multiply(QuantCodec codec, MemorySegment weights, long weightsOffset, long rowBytes, int rowCount,
                         MemorySegment activations, long activationsOffset, int cols, float[] out) {
        this.codec = codec;
        this.weights = weights;
        this.weightsOffset = weightsOffset;
        this.rowBytes = rowBytes;
        this.activations = activations;
        this.activationsOffset = activationsOffset;
        this.cols = cols;
        this.out = out;
        pool.run(rowCount, range);
    }

    private void rows(int from, int to) {
        codec.dotRows(weights, weightsOffset + from * rowBytes, rowBytes, to - from, activations, activationsOffset,
                cols, out, from);
    }
}
