package dev.kiln.api.format;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** A model file format, such as GGUF. Implementations are services, one per format. */
@ProviderType
public interface ModelFormat {
    /** Short name, such as {@code gguf}. */
    String name();

    /** True if {@code path} looks like this format (by its first bytes); never throws for unreadable files. */
    boolean recognizes(Path path);

    /**
     * Opens a model, reading only its header: tensor data is mapped lazily, never copied.
     * For split models, any part opens the whole model.
     *
     * @throws FormatException if the file is not a valid model of this format, naming file, offset and field
     * @throws IOException if the file cannot be read at all
     */
    ModelSource open(Path path) throws IOException;
}
