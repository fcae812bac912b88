package dev.kiln.api.sampling;

import org.osgi.annotation.versioning.ProviderType;

/** Chooses the next token of one sequence; keeps the state (history, RNG) that penalties and seeds need. */
@ProviderType
public interface Sampler {
    /** Picks a token from {@code logits} (one per vocabulary entry); may modify {@code logits}. */
    int sample(float[] logits);

    /** Records a token the sequence now contains (prompt tokens included), for penalties. */
    void accept(int token);
}
