package dev.kiln.format.gguf.internal;

import dev.kiln.api.tensor.GgmlType;
import java.util.ArrayList;
import java.util.List;

/** Reads one tensor info: name, dimensions, type and offset, each checked where it is read. */
final class TensorInfoReader {
    private final HeaderCursor cursor;
    private final int alignment;

    TensorInfoReader(HeaderCursor cursor, int alignment) {
        this.cursor = cursor;
        this.alignment = alignment;
    }

    TensorInfo read(long index) {
        String name = cursor.string("name of tensor #" + index);
        String field = "tensor '" + name + "'";

        long dimsAt = cursor.position();
        int dims = cursor.u32(field + " n_dims");
        if (dims < 1 || dims > Gguf.MAX_DIMS) {
            throw cursor.refuse(dimsAt, field + " n_dims", "must be 1 to " + Gguf.MAX_DIMS + ", found "
                    + Integer.toUnsignedString(dims));
        }
        List<Long> shape = new ArrayList<>(dims);
        long elements = 1;
        for (int d = 0; d < dims; d++) {
            long at = cursor.position();
            long size = cursor.u64(field + " dimension " + d);
            if (size <= 0) {
                throw cursor.refuse(at, field + " dimension " + d, "must be positive, found "
                        + Long.toUnsignedString(size));
            }
            try {
                elements = Math.multiplyExact(elements, size);
            } catch (ArithmeticException overflow) {
                throw cursor.refuse(at, field + " dimension " + d, "element count overflows 64 bits");
            }
            shape.add(size);
        }

        long typeAt = cursor.position();
        int typeId = cursor.u32(field + " type");
        GgmlType type = GgmlType.fromId(typeId).orElseThrow(() -> cursor.refuse(typeAt, field + " type",
                unknownType(typeId)));
        if (shape.getFirst() % type.blockSize() != 0) {
            throw cursor.refuse(dimsAt + 4, field + " dimension 0", "row length " + shape.getFirst()
                    + " is not a whole number of " + type.ggmlName() + " blocks of " + type.blockSize());
        }
        long bytes;
        try {
            bytes = type.byteSize(elements);
        } catch (ArithmeticException overflow) {
            throw cursor.refuse(dimsAt, field + " shape", "byte size of " + elements + " " + type.ggmlName()
                    + " elements overflows 64 bits");
        }

        long offsetAt = cursor.position();
        long offset = cursor.u64(field + " offset");
        if (offset < 0 || offset % alignment != 0) {
            throw cursor.refuse(offsetAt, field + " offset", "data offset " + Long.toUnsignedString(offset)
                    + " is not a multiple of the alignment " + alignment);
        }
        return new TensorInfo(name, type, List.copyOf(shape), offset, bytes, offsetAt);
    }

    private static String unknownType(int id) {
        String retired = Gguf.RETIRED_TYPES.get(id);
        if (retired != null) {
            return "tensor type id " + id + " is " + retired + ", a format ggml has removed (retired ids: 4, 5, 31-33, "
                    + "36-38); convert the model again with a current tool";
        }
        return "unknown tensor type id " + Integer.toUnsignedString(id);
    }
}
