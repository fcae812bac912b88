package dev.kiln.engine.tokenizer;

import dev.kiln.api.format.FormatException;
import dev.kiln.api.format.Metadata;
import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.text.SpecialTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The token table read from GGUF {@code tokenizer.ggml.*} metadata: texts, scores, types, the
 * special ids and the flags that change how text is encoded.
 */
final class Vocabulary {
    static final String PREFIX = "tokenizer.ggml.";

    private final String model;
    private final List<String> tokens;
    private final float[] scores;
    private final TokenType[] types;
    private final Map<String, Integer> ids;
    private final SpecialTokens special;
    private final int unknown;
    private final String name;

    private Vocabulary(String model, List<String> tokens, float[] scores, TokenType[] types, SpecialTokens special,
                       int unknown, String name) {
        this.model = model;
        this.tokens = tokens;
        this.scores = scores;
        this.types = types;
        this.special = special;
        this.unknown = unknown;
        this.name = name;
        this.ids = new HashMap<>(tokens.size() * 2);
        for (int id = 0; id < tokens.size(); id++) {
            // Where a text appears twice, the first id wins, as in the reference.
            ids.putIfAbsent(tokens.get(id), id);
        }
    }

    static Vocabulary from(Metadata metadata) {
        String model = metadata.getString(PREFIX + "model")
                .orElseThrow(() -> new FormatException("metadata key '" + PREFIX + "model' is missing: the file has no tokenizer"));
        List<String> tokens = metadata.getStringList(PREFIX + "tokens")
                .orElseThrow(() -> new FormatException("metadata key '" + PREFIX + "tokens' is missing"));
        int n = tokens.size();
        float[] scores = new float[n];
        metadata.getArray(PREFIX + "scores").ifPresent(a -> fillFloats(a, scores, PREFIX + "scores"));
        TokenType[] types = new TokenType[n];
        java.util.Arrays.fill(types, TokenType.NORMAL);
        metadata.getArray(PREFIX + "token_type").ifPresent(a -> {
            requireLength(a, n, PREFIX + "token_type");
            for (int i = 0; i < n; i++) {
                types[i] = TokenType.fromId(((Number) a.values().get(i)).longValue());
            }
        });
        SpecialTokens special = new SpecialTokens(
                id(metadata, "bos_token_id", n), id(metadata, "eos_token_id", n), id(metadata, "eot_token_id", n),
                id(metadata, "padding_token_id", n),
                metadata.getBool(PREFIX + "add_bos_token").orElse(false),
                metadata.getBool(PREFIX + "add_eos_token").orElse(false));
        return new Vocabulary(model, tokens, scores, types, special, id(metadata, "unknown_token_id", n),
                metadata.getString("general.name").orElse(""));
    }

    private static int id(Metadata metadata, String key, int n) {
        long id = metadata.getLong(PREFIX + key).orElse(-1);
        if (id >= n) {
            throw new FormatException("metadata key '" + PREFIX + key + "' is " + id + ", beyond the " + n + " tokens");
        }
        return (int) id;
    }

    private static void fillFloats(MetadataArray array, float[] into, String key) {
        requireLength(array, into.length, key);
        for (int i = 0; i < into.length; i++) {
            into[i] = ((Number) array.values().get(i)).floatValue();
        }
    }

    private static void requireLength(MetadataArray array, int expected, String key) {
        if (array.size() != expected) {
            throw new FormatException("metadata key '" + key + "' has " + array.size() + " entries, expected one per token ("
                    + expected + ")");
        }
    }

    String model() {
        return model;
    }

    /** {@code general.name}, which decides a few per-model token attributes as in the reference. */
    String name() {
        return name;
    }

    int size() {
        return tokens.size();
    }

    String text(int id) {
        return tokens.get(id);
    }

    float score(int id) {
        return scores[id];
    }

    TokenType type(int id) {
        return types[id];
    }

    /** The id of a token text, or -1. */
    int id(String text) {
        Integer id = ids.get(text);
        return id == null ? -1 : id;
    }

    int unknown() {
        return unknown;
    }

    SpecialTokens special() {
        return special;
    }
}
