package dev.kiln.engine.tokenizer;

import dev.kiln.api.format.Metadata;
import dev.kiln.api.text.Tokenizer;
import dev.kiln.api.text.TokenizerProvider;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** The {@code llama} and {@code gpt2} tokenizers, built from GGUF metadata. */
@Component(service = TokenizerProvider.class)
public final class GgufTokenizerProvider implements TokenizerProvider {
    @Override
    public Set<String> models() {
        return Set.of("llama", "gpt2");
    }

    @Override
    public Tokenizer create(Metadata metadata) {
        return GgufTokenizer.from(metadata);
    }
}
