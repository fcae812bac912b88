package dev.kiln.quant.k;

import dev.kiln.api.quant.CodecException;
import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * What every codec of this bundle shares: argument checks with messages that name the type and the
 * numbers, block-by-block decoding, and the choice between the Vector API kernel and its scalar twin.
 * Subclasses supply the per-type layout: {@link #decodeBlock}, {@link #encodeRow}, {@link #dotScalar}
 * and {@link #dotVector}.
 */
abstract class BlockCodec implements QuantCodec {
    /** Blocks decoded per copy when the destination is a segment: bounds the scratch array. */
    private static final int SCRATCH_ELEMENTS = 4096;

    final GgmlType type;
    final GgmlType activation;
    final int blockSize;
    final int blockBytes;

    BlockCodec(GgmlType type, GgmlType activation) {
        this.type = type;
        this.activation = activation;
        this.blockSize = type.blockSize();
        this.blockBytes = type.blockBytes();
    }

    @Override
    public final GgmlType type() {
        return type;
    }

    @Override
    public final GgmlType activationType() {
        return activation;
    }

    /** Decodes one block at byte {@code at} into {@code y[yo .. yo + blockSize)}. */
    abstract void decodeBlock(MemorySegment src, long at, float[] y, int yo);

    /** Encodes {@code cols} values (a whole number of blocks) into {@code out[0 .. rowBytes)}. */
    abstract void encodeRow(float[] x, int xo, int cols, float[] importance, byte[] out);

    /** Plain scalar dot product, the reference the vector kernel is tested against. */
    abstract float dotScalar(MemorySegment w, long wo, MemorySegment a, long ao, int count);

    /** The Vector API dot product; only called when {@link Simd#ENABLED}. */
    abstract float dotVector(MemorySegment w, long wo, MemorySegment a, long ao, int count);

    @Override
    public final void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOffset, int count) {
        long bytes = checkedBytes(count);
        checkSegment("source", src, srcOffset, bytes);
        if (dstOffset < 0 || dstOffset > dst.length - count) {
            throw new CodecException(type.ggmlName() + ": destination array of " + dst.length
                    + " floats cannot take " + count + " values at " + dstOffset);
        }
        int blocks = count / blockSize;
        for (int b = 0; b < blocks; b++) {
            decodeBlock(src, srcOffset + (long) b * blockBytes, dst, dstOffset + b * blockSize);
        }
    }

    @Override
    public final void dequantize(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long count) {
        long bytes = checkedBytes(count);
        checkSegment("source", src, srcOffset, bytes);
        checkSegment("destination", dst, dstOffset, Math.multiplyExact(count, 4L));
        int chunk = Math.max(blockSize, SCRATCH_ELEMENTS / blockSize * blockSize);
        float[] scratch = new float[(int) Math.min(chunk, count)];
        for (long done = 0; done < count; done += chunk) {
            int n = (int) Math.min(chunk, count - done);
            dequantize(src, srcOffset + done / blockSize * blockBytes, scratch, 0, n);
            MemorySegment.copy(scratch, 0, dst, Le.FLOAT, dstOffset + done * 4, n);
        }
    }

    @Override
    public final void quantizeRow(float[] src, int srcOffset, int cols, float[] importance,
                                  MemorySegment dst, long dstOffset) {
        long bytes = checkedBytes(cols);
        if (srcOffset < 0 || srcOffset > src.length - cols) {
            throw new CodecException(type.ggmlName() + ": source array of " + src.length
                    + " floats has no " + cols + " values at " + srcOffset);
        }
        if (importance != null && importance.length < cols) {
            throw new CodecException(type.ggmlName() + ": importance matrix has " + importance.length
                    + " values, the row has " + cols + " columns");
        }
        checkSegment("destination", dst, dstOffset, bytes);
        byte[] out = new byte[(int) bytes];
        encodeRow(src, srcOffset, cols, importance, out);
        MemorySegment.copy(out, 0, dst, ValueLayout.JAVA_BYTE, dstOffset, out.length);
    }

    @Override
    public final float dot(MemorySegment weights, long weightsOffset, MemorySegment activations,
                           long activationsOffset, int count) {
        checkSegment("weights", weights, weightsOffset, checkedBytes(count));
        checkSegment("activations", activations, activationsOffset, activation.byteSize(count));
        return Simd.ENABLED ? dotVector(weights, weightsOffset, activations, activationsOffset, count)
                : dotScalar(weights, weightsOffset, activations, activationsOffset, count);
    }

    @Override
    public final void dotRows(MemorySegment weights, long weightsOffset, long rowBytes, int rows,
                              MemorySegment activations, long activationsOffset, int count,
                              float[] out, int outOffset) {
        long bytes = checkedBytes(count);
        if (rows < 0 || outOffset < 0 || outOffset > out.length - rows) {
            throw new CodecException(type.ggmlName() + ": " + rows + " rows do not fit an output of "
                    + out.length + " at " + outOffset);
        }
        if (rows == 0) {
            return;
        }
        checkSegment("weights", weights, weightsOffset, (rows - 1) * rowBytes + bytes);
        checkSegment("activations", activations, activationsOffset, activation.byteSize(count));
        for (int r = 0; r < rows; r++) {
            long at = weightsOffset + r * rowBytes;
            out[outOffset + r] = Simd.ENABLED ? dotVector(weights, at, activations, activationsOffset, count)
                    : dotScalar(weights, at, activations, activationsOffset, count);
        }
    }

    /** The bytes {@code count} elements take; refuses counts that are not whole blocks. */
    final long checkedBytes(long count) {
        if (count < 0 || count % blockSize != 0) {
            throw new CodecException(type.ggmlName() + ": " + count
                    + " elements is not a whole number of blocks of " + blockSize);
        }
        return count / blockSize * blockBytes;
    }

    private void checkSegment(String what, MemorySegment s, long offset, long bytes) {
        if (offset < 0 || bytes > s.byteSize() - offset) {
            throw new CodecException(type.ggmlName() + ": " + what + " segment of " + s.byteSize()
                    + " bytes has no " + bytes + " bytes at offset " + offset);
        }
    }
}
