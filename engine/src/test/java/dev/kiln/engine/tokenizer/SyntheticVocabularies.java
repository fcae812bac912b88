package dev.kiln.engine.tokenizer;

import dev.kiln.api.format.Metadata;
import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** Small hand-made vocabularies whose tokenizations can be worked out by hand. */
final class SyntheticVocabularies {
    private SyntheticVocabularies() {
    }

    /** Builds GGUF tokenizer metadata; token types default to NORMAL. */
    static final class Builder {
        private final LinkedHashMap<String, MetadataValue> entries = new LinkedHashMap<>();
        private final List<String> tokens = new ArrayList<>();
        private final List<Float> scores = new ArrayList<>();
        private final List<Long> types = new ArrayList<>();

        Builder(String model) {
            entries.put("tokenizer.ggml.model", MetadataValue.string(model));
        }

        Builder token(String text, float score, TokenType type) {
            tokens.add(text);
            scores.add(score);
            types.add((long) type.ordinal());
            return this;
        }

        Builder token(String text, float score) {
            return token(text, score, TokenType.NORMAL);
        }

        Builder put(String key, MetadataValue value) {
            entries.put(key, value);
            return this;
        }

        Builder merges(String... merges) {
            return put("tokenizer.ggml.merges", MetadataValue.array(new MetadataArray(ValueType.STRING, List.of(merges))));
        }

        Metadata build() {
            LinkedHashMap<String, MetadataValue> all = new LinkedHashMap<>(entries);
            all.put("tokenizer.ggml.tokens", MetadataValue.array(new MetadataArray(ValueType.STRING, tokens)));
            all.put("tokenizer.ggml.scores", MetadataValue.array(new MetadataArray(ValueType.FLOAT32, scores)));
            all.put("tokenizer.ggml.token_type", MetadataValue.array(new MetadataArray(ValueType.INT32, types)));
            return new Metadata(all);
        }
    }

    /** A SentencePiece vocabulary: ids 0..2 special, then byte tokens for 'a', 'b', 0xC3, 0xA9, then pieces. */
    static Metadata spm() {
        Builder b = new Builder("llama")
                .token("<unk>", 0, TokenType.UNKNOWN)
                .token("<s>", 0, TokenType.CONTROL)
                .token("</s>", 0, TokenType.CONTROL)
                .token("<0x61>", 0, TokenType.BYTE)
                .token("<0xC3>", 0, TokenType.BYTE)
                .token("<0xA9>", 0, TokenType.BYTE)
                .token("\u2581", -1)          // 6
                .token("a", -2)               // 7
                .token("b", -2)               // 8
                .token("\u2581a", -1.5f)      // 9
                .token("ab", -0.5f)           // 10
                .token("\u2581ab", -3)        // 11
                .token("<|user|>", 0, TokenType.USER_DEFINED); // 12
        return b.put("tokenizer.ggml.bos_token_id", MetadataValue.uint32(1))
                .put("tokenizer.ggml.eos_token_id", MetadataValue.uint32(2))
                .put("tokenizer.ggml.unknown_token_id", MetadataValue.uint32(0))
                .put("tokenizer.ggml.add_bos_token", MetadataValue.bool(true))
                .build();
    }
}
