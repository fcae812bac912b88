package dev.kiln.api.model;

import org.osgi.annotation.versioning.ProviderType;

/** One token sequence and its KV cache. */
@ProviderType
public interface Sequence extends AutoCloseable {
    /** Tokens already in the cache. */
    int position();

    /**
     * Runs {@code tokens} through the model after the cached ones. Writes the logits of every
     * input row ({@code tokens.length × vocabulary} floats) when {@code allLogits}, else only the
     * last row's.
     */
    void evaluate(int[] tokens, boolean allLogits, float[] logits);

    /** Forgets cached tokens from {@code position} on. */
    void truncate(int position);

    @Override
    void close();
}
