package dev.kiln.format.gguf.internal;

import dev.kiln.api.tensor.GgmlType;
import java.util.List;

/**
 * One tensor info as the header states it, with where it was found so that later checks (range,
 * overlap) can name the byte offset of the field they refuse.
 *
 * @param offset data offset relative to the data section
 * @param offsetFieldAt byte position of the offset field in the file
 */
record TensorInfo(String name, GgmlType type, List<Long> shape, long offset, long byteSize, long offsetFieldAt) {
    long end() {
        return offset + byteSize;
    }
}
