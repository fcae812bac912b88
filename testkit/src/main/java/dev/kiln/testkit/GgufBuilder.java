package dev.kiln.testkit;

import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ValueType;
import dev.kiln.api.tensor.GgmlType;
import dev.kiln.format.gguf.writer.GgufWriter;
import dev.kiln.format.gguf.writer.TensorContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.SequencedMap;

/**
 * Builds synthetic GGUF files for tests: metadata, tensors with random or given bytes (or, for a
 * sparse file, no bytes at all: the data region stays a hole), in one file or split into parts
 * named as llama.cpp's gguf-split names them.
 *
 * <pre>{@code
 * Path file = new GgufBuilder(1)
 *     .string("general.architecture", "llama")
 *     .tensor("output.weight", GgmlType.Q8_0, 256, 8)
 *     .write(dir.resolve("tiny.gguf"));
 * }</pre>
 */
public final class GgufBuilder {
    private final Random random;
    private final SequencedMap<String, MetadataValue> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private int alignment = 32;
    private boolean sparse;

    /** @param seed seeds the random tensor bytes, so a test writes the same file every run */
    public GgufBuilder(long seed) {
        this.random = new Random(seed);
    }

    public GgufBuilder metadata(String key, MetadataValue value) {
        metadata.put(key, value);
        return this;
    }

    public GgufBuilder string(String key, String value) {
        return metadata(key, MetadataValue.string(value));
    }

    public GgufBuilder uint32(String key, long value) {
        return metadata(key, MetadataValue.uint32(value));
    }

    public GgufBuilder float32(String key, float value) {
        return metadata(key, MetadataValue.float32(value));
    }

    public GgufBuilder bool(String key, boolean value) {
        return metadata(key, MetadataValue.bool(value));
    }

    public GgufBuilder strings(String key, List<String> values) {
        return metadata(key, MetadataValue.array(new MetadataArray(ValueType.STRING, values)));
    }

    /** An array of numbers, each a {@link Long}, {@link Float} or {@link Double} as {@code elementType} needs. */
    public GgufBuilder array(String key, ValueType elementType, List<?> values) {
        return metadata(key, MetadataValue.array(new MetadataArray(elementType, values)));
    }

    public GgufBuilder alignment(int bytes) {
        this.alignment = bytes;
        return this;
    }

    /** Leaves every tensor's bytes unwritten: the file keeps its full size but its data region is a hole. */
    public GgufBuilder sparse() {
        this.sparse = true;
        return this;
    }

    /** A tensor of random bytes (or a hole, when sparse); {@code shape} innermost dimension first. */
    public GgufBuilder tensor(String name, GgmlType type, long... shape) {
        tensors.add(new Tensor(name, type, toList(shape), null));
        return this;
    }

    /** A tensor with exactly {@code bytes}. */
    public GgufBuilder tensor(String name, GgmlType type, byte[] bytes, long... shape) {
        tensors.add(new Tensor(name, type, toList(shape), bytes.clone()));
        return this;
    }

    public int tensorCount() {
        return tensors.size();
    }

    /** Writes one file. */
    public Path write(Path file) {
        GgufWriter writer = writer(metadata);
        tensors.forEach(t -> t.addTo(writer, sparse, random));
        return write(writer, file);
    }

    /**
     * Writes {@code parts} files {@code <prefix>-00001-of-0000N.gguf} in {@code directory}: the first
     * carries all metadata, every part the {@code split.*} keys, and the tensors are dealt out in
     * order, as evenly as their count allows.
     */
    public List<Path> writeSplit(Path directory, String prefix, int parts) {
        if (parts < 1 || parts > tensors.size()) {
            throw new IllegalArgumentException("cannot split " + tensors.size() + " tensors into " + parts + " parts");
        }
        List<Path> files = new ArrayList<>();
        for (int part = 0; part < parts; part++) {
            SequencedMap<String, MetadataValue> partMetadata = part == 0 ? new LinkedHashMap<>(metadata)
                    : new LinkedHashMap<>();
            partMetadata.put("split.no", MetadataValue.of(ValueType.UINT16, (long) part));
            partMetadata.put("split.count", MetadataValue.of(ValueType.UINT16, (long) parts));
            partMetadata.put("split.tensors.count", MetadataValue.of(ValueType.INT32, (long) tensors.size()));
            GgufWriter writer = writer(partMetadata);
            int from = (int) ((long) tensors.size() * part / parts);
            int to = (int) ((long) tensors.size() * (part + 1) / parts);
            tensors.subList(from, to).forEach(t -> t.addTo(writer, sparse, random));
            files.add(write(writer, directory.resolve(String.format("%s-%05d-of-%05d.gguf", prefix, part + 1, parts))));
        }
        return files;
    }

    private GgufWriter writer(SequencedMap<String, MetadataValue> entries) {
        GgufWriter writer = new GgufWriter();
        if (alignment != 32) {
            writer.alignment(alignment);
        }
        entries.forEach(writer::put);
        return writer;
    }

    private static Path write(GgufWriter writer, Path file) {
        try {
            writer.write(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("writing synthetic GGUF " + file, e);
        }
    }

    private static List<Long> toList(long... shape) {
        List<Long> list = new ArrayList<>(shape.length);
        for (long d : shape) {
            list.add(d);
        }
        return list;
    }

    private record Tensor(String name, GgmlType type, List<Long> shape, byte[] bytes) {
        void addTo(GgufWriter writer, boolean sparse, Random random) {
            TensorContent content;
            if (bytes != null) {
                content = TensorContent.of(bytes);
            } else if (sparse) {
                content = TensorContent.hole();
            } else {
                long elements = shape.stream().reduce(1L, Math::multiplyExact);
                byte[] randomBytes = new byte[Math.toIntExact(type.byteSize(elements))];
                random.nextBytes(randomBytes);
                content = TensorContent.of(randomBytes);
            }
            writer.tensor(name, type, shape, content);
        }
    }
}
