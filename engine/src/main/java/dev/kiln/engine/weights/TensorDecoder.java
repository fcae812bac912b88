package dev.kiln.engine.weights;

import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.TensorDescriptor;
import dev.kiln.api.quant.CodecException;
import dev.kiln.api.quant.QuantCodec;
import java.lang.foreign.MemorySegment;

/**
 * Decodes a model's tensors to float32 through their codec, after checking that the bytes on hand
 * are exactly what the tensor's shape and type require. A mismatch (a damaged file, a wrong
 * descriptor, a codec for another type) is refused with the tensor's name, before any decoding.
 */
public final class TensorDecoder {
    private TensorDecoder() {
    }

    /** All of {@code tensor} as floats, innermost dimension first. */
    public static float[] dequantize(ModelSource source, TensorDescriptor tensor, QuantCodec codec) {
        MemorySegment data = source.data(tensor);
        check(tensor, codec, data);
        long elements = tensor.elementCount();
        if (elements > Integer.MAX_VALUE - 8) {
            throw new CodecException("tensor '" + tensor.name() + "' has " + elements
                    + " elements, too many for one float array; decode it row range by row range");
        }
        float[] out = new float[(int) elements];
        codec.dequantize(data, 0, out, 0, out.length);
        return out;
    }

    /**
     * Refuses, naming the tensor, a codec for another type, a row length that is not a whole number
     * of blocks, or data whose size is not what the shape and type require.
     */
    public static void check(TensorDescriptor tensor, QuantCodec codec, MemorySegment data) {
        String name = "tensor '" + tensor.name() + "' (" + tensor.type().ggmlName() + ", shape " + tensor.shape() + ")";
        if (codec.type() != tensor.type()) {
            throw new CodecException(name + " cannot be decoded by the " + codec.type().ggmlName() + " codec");
        }
        int block = tensor.type().blockSize();
        if (tensor.rowLength() % block != 0) {
            throw new CodecException(name + ": rows of " + tensor.rowLength() + " elements are not a whole number of "
                    + block + "-element blocks");
        }
        long expected = tensor.type().byteSize(tensor.elementCount());
        if (tensor.byteSize() != expected || data.byteSize() != expected) {
            throw new CodecException(name + " needs " + expected + " bytes of data but has "
                    + data.byteSize() + (tensor.byteSize() != data.byteSize() ? " (its descriptor says " + tensor.byteSize() + ")" : ""));
        }
    }
}
