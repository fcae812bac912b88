package dev.kiln.format.gguf.internal;

import dev.kiln.api.format.Metadata;
import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.TensorDescriptor;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** An opened GGUF model, one or more parts mapped into one arena; closing the arena unmaps them all. */
final class GgufModelSource implements ModelSource {
    private final Arena arena;
    private final List<GgufPart> parts;
    private final Map<String, TensorDescriptor> tensors;
    private final List<TensorDescriptor> inFileOrder;

    GgufModelSource(Arena arena, List<GgufPart> parts) {
        this.arena = arena;
        this.parts = List.copyOf(parts);
        Map<String, TensorDescriptor> byName = new LinkedHashMap<>();
        for (int file = 0; file < parts.size(); file++) {
            for (TensorInfo t : parts.get(file).tensors()) {
                byName.put(t.name(), new TensorDescriptor(t.name(), t.type(), t.shape(), file, t.offset(), t.byteSize()));
            }
        }
        this.tensors = byName;
        this.inFileOrder = List.copyOf(byName.values());
    }

    @Override
    public List<Path> files() {
        return parts.stream().map(GgufPart::path).toList();
    }

    @Override
    public int version() {
        return parts.getFirst().version();
    }

    @Override
    public Metadata metadata() {
        return parts.getFirst().metadata();
    }

    @Override
    public List<TensorDescriptor> tensors() {
        return inFileOrder;
    }

    @Override
    public Optional<TensorDescriptor> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    @Override
    public MemorySegment data(TensorDescriptor tensor) {
        if (!tensor.equals(tensors.get(tensor.name()))) {
            throw new IllegalArgumentException("tensor '" + tensor.name() + "' is not a tensor of " + files().getFirst());
        }
        GgufPart part = parts.get(tensor.file());
        return part.mapping().asSlice(part.dataOffset() + tensor.offset(), tensor.byteSize()).asReadOnly();
    }

    @Override
    public long fileSize() {
        return parts.stream().mapToLong(GgufPart::fileSize).sum();
    }

    @Override
    public OptionalLong dataOffset(int file) {
        return OptionalLong.of(parts.get(file).dataOffset());
    }

    @Override
    public synchronized void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "GGUF model " + files().getFirst() + " (" + parts.size() + " part(s), " + tensors.size() + " tensors)";
    }
}
