package dev.kiln.quant.i;

import dev.kiln.api.quant.CodecException;
import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;

/**
 * What every codec here shares: argument checks, the walk over blocks, and the dot product.
 *
 * <p>A concrete codec says how one block decodes ({@link #decodeBlock}), encodes
 * ({@link #encodeBlock}) and looks as integers ({@link #integerBlock}). The dot product turns
 * each weight block into int8 values with integer sub-block multipliers and runs the Vector API
 * integer kernel {@link IntDot} against the int8 activations; {@link #dotScalar}, the yardstick
 * in tests, instead decodes to floats and sums in a plain loop.
 */
abstract class BlockCodec implements QuantCodec {
    private final GgmlType type;
    private final GgmlType activation;
    final int blockSize;
    final int blockBytes;
    /** Activation blocks per weight block, and the activation block geometry. */
    final int activationBlocks;
    final int activationBlockBytes;
    /** One integer weight block per thread, so that dot products allocate nothing per call. */
    private final ThreadLocal<IntegerBlock> integers;

    BlockCodec(GgmlType type, GgmlType activation) {
        this.type = type;
        this.activation = activation;
        this.blockSize = type.blockSize();
        this.blockBytes = type.blockBytes();
        this.activationBlocks = blockSize / activation.blockSize();
        this.activationBlockBytes = activation.blockBytes();
        this.integers = ThreadLocal.withInitial(() -> new IntegerBlock(blockSize));
    }

    /** Decodes one block at byte {@code offset} into {@code dst[dstOffset .. dstOffset + blockSize)}, bit-exact with the reference. */
    abstract void decodeBlock(MemorySegment src, long offset, float[] dst, int dstOffset);

    /**
     * Encodes {@code x[xOffset .. xOffset + blockSize)} into one block at {@code dst[dstOffset]}.
     * {@code importance} is the whole row's per-column weights (or null) and {@code column} the
     * block's first column in it.
     */
    abstract void encodeBlock(float[] x, int xOffset, float[] importance, int column, MemorySegment dst, long dstOffset);

    /**
     * Writes the block at {@code offset} as int8 values {@code wq} and one integer multiplier per
     * 16 values {@code mult16}, and returns the float factor such that decoded value i equals
     * {@code factor × mult16[i/16] × wq[i]} in exact arithmetic.
     */
    abstract float integerBlock(MemorySegment src, long offset, byte[] wq, int[] mult16);

    /** Scratch for {@link #integerBlock}. */
    static final class IntegerBlock {
        final byte[] wq;
        final int[] mult16;

        IntegerBlock(int blockSize) {
            wq = new byte[blockSize];
            mult16 = new int[blockSize / 16];
        }
    }

    @Override
    public final GgmlType type() {
        return type;
    }

    @Override
    public final GgmlType activationType() {
        return activation;
    }

    @Override
    public void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOffset, int count) {
        int blocks = blocks(count);
        checkBytes(src, srcOffset, (long) blocks * blockBytes, "source");
        if (dstOffset < 0 || dstOffset > dst.length - count) {
            throw new CodecException(type.ggmlName() + ": " + count + " values do not fit the destination array of "
                    + dst.length + " at offset " + dstOffset);
        }
        for (int b = 0; b < blocks; b++) {
            decodeBlock(src, srcOffset + (long) b * blockBytes, dst, dstOffset + b * blockSize);
        }
    }

    @Override
    public void dequantize(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long count) {
        if (count < 0 || count % blockSize != 0) {
            throw notWholeBlocks(count);
        }
        long blocks = count / blockSize;
        checkBytes(src, srcOffset, blocks * blockBytes, "source");
        checkBytes(dst, dstOffset, count * Float.BYTES, "destination");
        float[] block = new float[blockSize];
        for (long b = 0; b < blocks; b++) {
            decodeBlock(src, srcOffset + b * blockBytes, block, 0);
            MemorySegment.copy(block, 0, dst, Bytes.F32, dstOffset + b * blockSize * Float.BYTES, blockSize);
        }
    }

    @Override
    public void quantizeRow(float[] src, int srcOffset, int cols, float[] importance, MemorySegment dst, long dstOffset) {
        int blocks = blocks(cols);
        if (importance == null && requiresImportance()) {
            throw new CodecException(type.ggmlName() + " cannot be quantized without an importance matrix;"
                    + " the reference refuses it too (pass per-column weights, e.g. from an imatrix file)");
        }
        if (importance != null && importance.length < cols) {
            throw new CodecException(type.ggmlName() + ": importance matrix has " + importance.length
                    + " values, the row has " + cols + " columns");
        }
        if (srcOffset < 0 || srcOffset > src.length - cols) {
            throw new CodecException(type.ggmlName() + ": " + cols + " columns at offset " + srcOffset
                    + " run past the source array of " + src.length);
        }
        checkBytes(dst, dstOffset, (long) blocks * blockBytes, "destination");
        for (int b = 0; b < blocks; b++) {
            encodeBlock(src, srcOffset + b * blockSize, importance, b * blockSize, dst, dstOffset + (long) b * blockBytes);
        }
    }

    @Override
    public float dot(MemorySegment weights, long weightsOffset, MemorySegment activations, long activationsOffset, int count) {
        int blocks = blocks(count);
        checkBytes(weights, weightsOffset, (long) blocks * blockBytes, "weights");
        checkBytes(activations, activationsOffset, (long) blocks * activationBlocks * activationBlockBytes, "activations");
        IntegerBlock scratch = integers.get();
        float sum = 0f;
        for (int b = 0; b < blocks; b++) {
            sum += dotBlock(weights, weightsOffset + (long) b * blockBytes, activations,
                    activationsOffset + (long) b * activationBlocks * activationBlockBytes, scratch);
        }
        return sum;
    }

    /**
     * One weight block against its activation block(s) (one Q8_K block, or blockSize/32 Q8_0
     * blocks): the integer form, then {@link IntDot}. Codecs whose values come from a 16-entry
     * table override this with a fused kernel that skips the scratch block.
     */
    float dotBlock(MemorySegment weights, long offset, MemorySegment activations, long activationsOffset,
                   IntegerBlock scratch) {
        float factor = integerBlock(weights, offset, scratch.wq, scratch.mult16);
        int n = activation.blockSize();
        float sum = 0f;
        for (int a = 0; a < activationBlocks; a++) {
            long block = activationsOffset + (long) a * activationBlockBytes;
            long qs = block + ActivationBlocks.quantsOffset(activation);
            int sumi = IntDot.dot(scratch.wq, scratch.mult16, a * n, activations, qs, n);
            sum += ActivationBlocks.scale(activation, activations, block) * (float) sumi;
        }
        return factor * sum;
    }

    /** The plain scalar dot product (decode, multiply, add in index order), the yardstick for {@link #dot}. */
    float dotScalar(MemorySegment weights, long weightsOffset, MemorySegment activations, long activationsOffset, int count) {
        int blocks = blocks(count);
        float[] w = new float[blockSize];
        float sum = 0f;
        for (int b = 0; b < blocks; b++) {
            decodeBlock(weights, weightsOffset + (long) b * blockBytes, w, 0);
            long a = activationsOffset + (long) b * activationBlocks * activationBlockBytes;
            sum += ActivationBlocks.dotDecodedScalar(w, activation, activations, a, activationBlocks);
        }
        return sum;
    }

    private int blocks(long count) {
        if (count < 0 || count % blockSize != 0) {
            throw notWholeBlocks(count);
        }
        return Math.toIntExact(count / blockSize);
    }

    private CodecException notWholeBlocks(long count) {
        return new CodecException(type.ggmlName() + ": " + count + " elements is not a whole number of blocks of "
                + blockSize);
    }

    private void checkBytes(MemorySegment segment, long offset, long length, String what) {
        if (offset < 0 || offset > segment.byteSize() - length) {
            throw new CodecException(type.ggmlName() + ": " + what + " needs " + length + " bytes at offset " + offset
                    + " but the segment holds " + segment.byteSize());
        }
    }
}
