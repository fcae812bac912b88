package dev.kiln.api.text;

import dev.kiln.api.format.Metadata;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** Builds tokenizers from GGUF {@code tokenizer.*} metadata, for the tokenizer models it knows. */
@ProviderType
public interface TokenizerProvider {
    /** Values of {@code tokenizer.ggml.model} handled, such as {@code llama} or {@code gpt2}. */
    Set<String> models();

    /** @throws dev.kiln.api.format.FormatException if keys are missing or unsupported (an unknown pre-tokenizer) */
    Tokenizer create(Metadata metadata);
}
