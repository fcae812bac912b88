package dev.kiln.format.gguf.internal;

import dev.kiln.api.format.Metadata;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ValueType;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Parses the header of one GGUF file (ggml docs/gguf.md): magic, version, counts, metadata, tensor
 * infos, then the aligned start of the data section. Refuses anything a correct writer cannot have
 * produced; never touches tensor data.
 */
final class GgufPartReader {
    /** Smallest tensor info: empty name (8), n_dims (4), one dimension (8), type (4), offset (8). */
    private static final long MIN_TENSOR_INFO_BYTES = 32;
    /** Smallest key/value: empty key (8), type (4), one byte of value. */
    private static final long MIN_KV_BYTES = 13;

    private final Path path;
    private final MemorySegment mapping;
    private final HeaderCursor cursor;

    GgufPartReader(Path path, MemorySegment mapping) {
        this.path = path;
        this.mapping = mapping;
        this.cursor = new HeaderCursor(mapping, path.toString());
    }

    GgufPart read() {
        readMagic();
        int version = readVersion();
        long tensorCount = cursor.count("tensor_count", MIN_TENSOR_INFO_BYTES);
        long kvCount = cursor.count("metadata_kv_count", MIN_KV_BYTES);

        SequencedMap<String, MetadataValue> entries = new LinkedHashMap<>();
        Map<String, Long> keyOffsets = new HashMap<>();
        MetadataReader values = new MetadataReader(cursor);
        for (long i = 0; i < kvCount; i++) {
            long keyAt = cursor.position();
            String key = cursor.string("metadata key #" + i);
            if (entries.containsKey(key)) {
                throw cursor.refuse(keyAt, "metadata key #" + i, "duplicate key '" + key + "' (first at byte offset "
                        + keyOffsets.get(key) + ")");
            }
            ValueType type = values.type("type of metadata '" + key + "'");
            keyOffsets.put(key, cursor.position());
            entries.put(key, values.value(type, "value of metadata '" + key + "'"));
        }
        int alignment = alignment(entries, keyOffsets);

        List<TensorInfo> tensors = new ArrayList<>((int) Math.min(tensorCount, 1 << 16));
        TensorInfoReader infos = new TensorInfoReader(cursor, alignment);
        Map<String, Long> names = new HashMap<>();
        for (long i = 0; i < tensorCount; i++) {
            long infoAt = cursor.position();
            TensorInfo info = infos.read(i);
            Long earlier = names.putIfAbsent(info.name(), infoAt);
            if (earlier != null) {
                throw cursor.refuse(infoAt, "name of tensor #" + i, "duplicate tensor name '" + info.name()
                        + "' (first at byte offset " + earlier + ")");
            }
            tensors.add(info);
        }
        long dataOffset = Gguf.alignUp(cursor.position(), alignment);
        TensorLayoutCheck.check(path.toString(), tensors, dataOffset, mapping.byteSize());
        return new GgufPart(path, mapping, version, new Metadata(entries), Map.copyOf(keyOffsets), alignment,
                List.copyOf(tensors), dataOffset);
    }

    private void readMagic() {
        int magic = cursor.u32("magic");
        if (magic != Gguf.MAGIC) {
            throw cursor.refuse(0, "magic", "not a GGUF file: expected the bytes 'GGUF' (47 47 55 46), found "
                    + String.format("%02X %02X %02X %02X", magic & 0xFF, (magic >> 8) & 0xFF, (magic >> 16) & 0xFF,
                            (magic >>> 24)));
        }
    }

    private int readVersion() {
        long at = cursor.position();
        int version = cursor.u32("version");
        if (version >= Gguf.MIN_VERSION && version <= Gguf.MAX_VERSION) {
            return version;
        }
        int swapped = Integer.reverseBytes(version);
        if (swapped >= 1 && swapped <= Gguf.MAX_VERSION) {
            throw cursor.refuse(at, "version", "big-endian GGUF file (version " + swapped
                    + " stored big-endian); Kiln reads little-endian GGUF files only");
        }
        throw cursor.refuse(at, "version", "GGUF version " + Integer.toUnsignedString(version)
                + " is not supported; supported versions are " + Gguf.MIN_VERSION + " and " + Gguf.MAX_VERSION);
    }

    private int alignment(Map<String, MetadataValue> entries, Map<String, Long> keyOffsets) {
        MetadataValue value = entries.get(Gguf.KEY_ALIGNMENT);
        if (value == null) {
            return Gguf.DEFAULT_ALIGNMENT;
        }
        long at = keyOffsets.get(Gguf.KEY_ALIGNMENT);
        if (value.type() != ValueType.UINT32) {
            throw cursor.refuse(at, Gguf.KEY_ALIGNMENT, "must be UINT32, found " + value.type());
        }
        long alignment = (Long) value.value();
        if (!Gguf.isPowerOfTwo(alignment) || alignment > (1 << 30)) {
            throw cursor.refuse(at, Gguf.KEY_ALIGNMENT, "must be a power of two no larger than 2^30, found " + alignment);
        }
        return (int) alignment;
    }
}
