package dev.kiln.engine.chat;

import dev.kiln.api.format.Metadata;
import dev.kiln.api.text.ChatTemplate;
import java.util.List;

/**
 * The chat template of a model: its own {@code tokenizer.chat_template} when the GGUF has one,
 * otherwise ChatML ({@code <|im_start|>role\ncontent<|im_end|>\n}), the reference's fallback.
 */
public final class ChatTemplates {
    /** ChatML, used for models whose file carries no template. */
    public static final String CHATML = """
            {%- for message in messages -%}
            {{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' -}}
            {%- endfor -%}
            {%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n' -}}{%- endif -%}""";

    private ChatTemplates() {
    }

    public static ChatTemplate forModel(Metadata metadata) {
        String source = metadata.getString("tokenizer.chat_template").orElse(CHATML);
        List<String> tokens = metadata.getStringList("tokenizer.ggml.tokens").orElse(List.of());
        return new JinjaChatTemplate(source, token(tokens, metadata, "tokenizer.ggml.bos_token_id"),
                token(tokens, metadata, "tokenizer.ggml.eos_token_id"));
    }

    private static String token(List<String> tokens, Metadata metadata, String key) {
        long id = metadata.getLong(key).orElse(-1);
        return id >= 0 && id < tokens.size() ? tokens.get((int) id) : "";
    }
}
