package dev.kiln.api.quant;

import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Encodes and decodes one {@link GgmlType}: one service per type.
 *
 * <p>Counts of elements ({@code count}, {@code cols}) are always a whole number of the type's
 * blocks; offsets are in bytes for segments and in elements for arrays. Encoded data is read from
 * and written to {@link MemorySegment}s in little-endian order, as GGUF stores it, so tensors are
 * used in place inside a mapped file.
 *
 * <p>Dot products pair this type with an activation type ({@link #activationType()}): the caller
 * quantizes activations once with that type's codec and then calls {@link #dot} for many weight
 * rows, as ggml does (Q8_0/Q8_1 for the legacy types, Q8_K for K- and I-quants).
 */
@ProviderType
public interface QuantCodec {
    /** The type this codec handles. */
    GgmlType type();

    /** The type activations must be quantized to for {@link #dot}. */
    GgmlType activationType();

    /** True if {@link #quantizeRow} refuses to work without an importance matrix, as the reference does. */
    default boolean requiresImportance() {
        return false;
    }

    /** Decodes {@code count} elements starting at byte {@code srcOffset} into {@code dst[dstOffset..]}. */
    void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOffset, int count);

    /** Decodes {@code count} elements into little-endian float32 values in {@code dst} at byte {@code dstOffset}. */
    void dequantize(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long count);

    /**
     * Encodes one row of {@code cols} floats.
     *
     * @param importance per-column weights of the squared error ({@code cols} values), or {@code null}
     * @throws CodecException if the type requires an importance matrix and none is given
     */
    void quantizeRow(float[] src, int srcOffset, int cols, float[] importance, MemorySegment dst, long dstOffset);

    /**
     * The dot product of {@code count} encoded weights with {@code count} activations encoded in
     * {@link #activationType()}.
     */
    float dot(MemorySegment weights, long weightsOffset, MemorySegment activations, long activationsOffset, int count);

    /**
     * Dot products of {@code rows} consecutive weight rows ({@code rowBytes} apart) with one
     * activation row, written to {@code out[outOffset..outOffset + rows)}. Implementations may
     * override this with a faster loop; it must not allocate.
     */
    default void dotRows(MemorySegment weights, long weightsOffset, long rowBytes, int rows,
                         MemorySegment activations, long activationsOffset, int count,
                         float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            out[outOffset + r] = dot(weights, weightsOffset + r * rowBytes, activations, activationsOffset, count);
        }
    }
}
