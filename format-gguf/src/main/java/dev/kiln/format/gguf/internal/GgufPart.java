package dev.kiln.format.gguf.internal;

import dev.kiln.api.format.Metadata;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One parsed GGUF file: its header and the mapping of the whole file (mapped lazily by the OS, so
 * only the header pages have been read).
 *
 * @param keyOffsets byte position of each key's value, for messages about a key's value
 */
record GgufPart(Path path, MemorySegment mapping, int version, Metadata metadata, Map<String, Long> keyOffsets,
        int alignment, List<TensorInfo> tensors, long dataOffset) {

    long fileSize() {
        return mapping.byteSize();
    }

    String fileName() {
        return path.toString();
    }
}
