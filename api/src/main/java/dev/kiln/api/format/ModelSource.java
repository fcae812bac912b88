package dev.kiln.api.format;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An opened model: metadata, tensor descriptors and zero-copy views of tensor data.
 * Closing it unmaps the files; segments handed out before become inaccessible.
 */
@ProviderType
public interface ModelSource extends AutoCloseable {
    /** The files of the model, in part order (one entry unless the model is split). */
    List<Path> files();

    /** The format version as the file states it (GGUF: 2 or 3). */
    int version();

    Metadata metadata();

    /** Every tensor, in file order. */
    List<TensorDescriptor> tensors();

    Optional<TensorDescriptor> tensor(String name);

    /** A read-only view of the tensor's bytes inside the file mapping; no copy is made. */
    MemorySegment data(TensorDescriptor tensor);

    /** Total size of the model's files in bytes. */
    long fileSize();

    /**
     * Where the data section of part {@code file} starts, in bytes from the start of that file, so
     * that {@link TensorDescriptor#offset()} can be turned into a file position. Empty for formats
     * without a single data section per file.
     *
     * @since 1.1
     */
    default OptionalLong dataOffset(int file) {
        return OptionalLong.empty();
    }

    @Override
    void close();
}
