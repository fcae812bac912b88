package dev.kiln.api.format;

import dev.kiln.api.tensor.GgmlType;
import java.util.List;
import java.util.Objects;

/**
 * One tensor of a model: its name, element type, shape (innermost dimension first, as GGUF and
 * ggml order it, so {@code shape.get(0)} is the row length) and where its bytes are.
 *
 * @param file index of the file (split part) holding the data, 0 for single-file models
 * @param offset byte offset of the data from the start of that file's data section
 * @param byteSize number of bytes of tensor data
 */
public record TensorDescriptor(String name, GgmlType type, List<Long> shape, int file, long offset, long byteSize) {
    public TensorDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = List.copyOf(shape);
    }

    /** Number of elements (product of the dimensions). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Elements per row: the innermost dimension. */
    public long rowLength() {
        return shape.getFirst();
    }

    /** Rows: every dimension but the innermost, multiplied. */
    public long rowCount() {
        return elementCount() / rowLength();
    }

    /** Bytes per row in this tensor's type. */
    public long rowBytes() {
        return type.byteSize(rowLength());
    }
}
