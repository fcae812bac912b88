package dev.kiln.format.gguf.writer;

import dev.kiln.api.format.Metadata;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ValueType;
import dev.kiln.api.tensor.GgmlType;
import dev.kiln.format.gguf.internal.Gguf;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;

/**
 * Writes one GGUF version 3 file: metadata in the order given, tensor infos, then each tensor's
 * bytes at a multiple of the alignment. The file is written under a temporary name beside the
 * target and renamed over it only when complete, so a failure never leaves a half-written model.
 *
 * <pre>{@code
 * new GgufWriter()
 *     .put("general.architecture", MetadataValue.string("llama"))
 *     .tensor("output.weight", GgmlType.F32, List.of(256L, 8L), TensorContent.of(bytes))
 *     .write(path);
 * }</pre>
 */
public final class GgufWriter {
    private final SequencedMap<String, MetadataValue> metadata = new LinkedHashMap<>();
    private final List<Tensor> tensors = new ArrayList<>();
    private final Set<String> tensorNames = new HashSet<>();
    private int alignment = Gguf.DEFAULT_ALIGNMENT;

    /** Sets {@code key}; a key set twice keeps its first position and takes the new value. */
    public GgufWriter put(String key, MetadataValue value) {
        Objects.requireNonNull(key, "key");
        ValueCheck.check(key, value.type(), value.value());
        if (key.equals(Gguf.KEY_ALIGNMENT)) {
            alignment(value);
        }
        metadata.put(key, value);
        return this;
    }

    public GgufWriter putAll(Metadata source) {
        source.entries().forEach(this::put);
        return this;
    }

    /** Aligns tensor data to {@code bytes} (a power of two) and records it as {@code general.alignment}. */
    public GgufWriter alignment(int bytes) {
        return put(Gguf.KEY_ALIGNMENT, MetadataValue.uint32(bytes));
    }

    /**
     * Adds a tensor; {@code shape} is innermost dimension first, and {@code content} must hold exactly
     * the bytes that shape takes in {@code type} (a hole takes any size).
     */
    public GgufWriter tensor(String name, GgmlType type, List<Long> shape, TensorContent content) {
        Objects.requireNonNull(type, "type");
        if (!tensorNames.add(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' added twice");
        }
        Tensor tensor = new Tensor(name, type, List.copyOf(shape), byteSize(name, type, shape), content);
        if (content instanceof TensorContent.Segment(MemorySegment bytes) && bytes.byteSize() != tensor.byteSize) {
            tensorNames.remove(name);
            throw new IllegalArgumentException("tensor '" + name + "': " + bytes.byteSize() + " bytes given, shape "
                    + shape + " of " + type.ggmlName() + " takes " + tensor.byteSize);
        }
        tensors.add(tensor);
        return this;
    }

    /** Writes the file to {@code target}, replacing it only once the new file is complete. */
    public void write(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
        boolean done = false;
        try {
            writeTo(temporary);
            move(temporary, absolute);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private void writeTo(Path file) throws IOException {
        HeaderEncoder header = new HeaderEncoder();
        header.u32(Gguf.MAGIC);
        header.u32(Gguf.VERSION_WRITTEN);
        header.u64(tensors.size());
        header.u64(metadata.size());
        metadata.forEach((key, value) -> {
            header.string(key);
            header.value(value);
        });
        long[] offsets = new long[tensors.size()];
        long dataSize = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            offsets[i] = dataSize;
            dataSize = Gguf.alignUp(dataSize + t.byteSize, alignment);
            header.string(t.name);
            header.u32(t.shape.size());
            t.shape.forEach(header::u64);
            header.u32(t.type.id());
            header.u64(offsets[i]);
        }
        long dataOffset = Gguf.alignUp(header.position(), alignment);
        if (!tensors.isEmpty()) {
            header.zeros((int) (dataOffset - header.position()));
        }
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            FileChannel channel = out.getChannel();
            writeFully(channel, header.finish(), 0);
            for (int i = 0; i < tensors.size(); i++) {
                if (tensors.get(i).content instanceof TensorContent.Segment(MemorySegment bytes)) {
                    writeFully(channel, bytes, dataOffset + offsets[i]);
                }
            }
            // Holes stay holes: extending the length allocates no blocks on file systems with sparse files.
            out.setLength(tensors.isEmpty() ? header.position() : dataOffset + dataSize);
            channel.force(true);
        }
    }

    private static void writeFully(FileChannel channel, MemorySegment bytes, long position) throws IOException {
        final long chunk = 1 << 24;
        for (long done = 0; done < bytes.byteSize(); done += chunk) {
            MemorySegment slice = bytes.asSlice(done, Math.min(chunk, bytes.byteSize() - done));
            writeFully(channel, slice.asByteBuffer(), position + done);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void alignment(MetadataValue value) {
        if (value.type() != ValueType.UINT32 || !Gguf.isPowerOfTwo((Long) value.value())
                || (Long) value.value() > (1 << 30)) {
            throw new IllegalArgumentException(Gguf.KEY_ALIGNMENT + " must be a UINT32 power of two, got " + value);
        }
        if (!tensors.isEmpty()) {
            throw new IllegalStateException(Gguf.KEY_ALIGNMENT + " must be set before the first tensor");
        }
        alignment = (int) (long) (Long) value.value();
    }

    private static long byteSize(String name, GgmlType type, List<Long> shape) {
        if (shape.isEmpty() || shape.size() > Gguf.MAX_DIMS) {
            throw new IllegalArgumentException("tensor '" + name + "': 1 to 4 dimensions, got " + shape);
        }
        long elements = 1;
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("tensor '" + name + "': dimensions must be positive, got " + shape);
            }
            elements = Math.multiplyExact(elements, d);
        }
        if (shape.getFirst() % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor '" + name + "': row length " + shape.getFirst()
                    + " is not a whole number of " + type.ggmlName() + " blocks of " + type.blockSize());
        }
        return type.byteSize(elements);
    }

    private record Tensor(String name, GgmlType type, List<Long> shape, long byteSize, TensorContent content) {
    }
}
