package dev.kiln.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * SentencePiece-style BPE over token scores ({@code tokenizer.ggml.model = llama}): start from
 * single characters, repeatedly merge the adjacent pair whose joined text is the highest-scoring
 * token (leftmost on ties), and spell any leftover character that is not a token with the
 * byte-fallback tokens {@code <0xNN>}.
 */
final class SpmModel {
    private final Vocabulary vocabulary;
    private final int[] byteTokens = new int[256];
    /** Every pair of code points that stand next to each other inside some token. */
    private final Set<Long> joinablePairs = new HashSet<>();

    SpmModel(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        for (int b = 0; b < 256; b++) {
            byteTokens[b] = vocabulary.id(String.format("<0x%02X>", b));
        }
        for (int id = 0; id < vocabulary.size(); id++) {
            int[] cps = vocabulary.text(id).codePoints().toArray();
            for (int i = 1; i < cps.length; i++) {
                joinablePairs.add(pair(cps[i - 1], cps[i]));
            }
        }
    }

    private static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    /**
     * Tokenizes text whose spaces are already escaped as U+2581. The text is first cut wherever two
     * neighbouring characters never stand side by side in any token: no merge can cross such a
     * cut (every merged symbol is a token), so the pieces give exactly the result of the whole,
     * and each merge queue stays small.
     */
    void encode(String text, IntList out) {
        int start = 0;
        int previous = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (previous >= 0 && !joinablePairs.contains(pair(previous, cp))) {
                encodeChunk(text.substring(start, i), out);
                start = i;
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        encodeChunk(text.substring(start), out);
    }

    private void encodeChunk(String text, IntList out) {
        if (text.isEmpty()) {
            return;
        }
        Symbols symbols = new Symbols(text);
        // SentencePiece merges the pair whose joined text is the best-scoring token.
        symbols.mergeAll((all, left, right) -> {
            int id = vocabulary.id(all.joined(left, right));
            return id >= 0 ? vocabulary.score(id) : Float.NaN;
        });
        symbols.forEach(symbol -> emit(symbol, out));
    }

    private void emit(String symbol, IntList out) {
        int id = vocabulary.id(symbol);
        if (id >= 0) {
            out.add(id);
            return;
        }
        for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
            int byteToken = byteTokens[b & 0xFF];
            out.add(byteToken >= 0 ? byteToken : vocabulary.unknown());
        }
    }
}
