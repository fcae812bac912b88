package dev.kiln.api.model;

import org.osgi.annotation.versioning.ProviderType;

/** A loaded, runnable model. Closing it releases its device memory; the source stays open. */
@ProviderType
public interface Model extends AutoCloseable {
    String architecture();

    int vocabularySize();

    /** The context length the model was trained for. */
    int trainedContextLength();

    /** Starts a sequence with its own KV cache of {@code contextLength} tokens. */
    Sequence newSequence(int contextLength);

    @Override
    void close();
}
