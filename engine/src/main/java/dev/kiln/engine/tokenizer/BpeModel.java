package dev.kiln.engine.tokenizer;

import dev.kiln.api.format.FormatException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE ({@code tokenizer.ggml.model = gpt2}): the pre-tokenizer cuts text into words,
 * each word's UTF-8 bytes are spelled in the byte-level alphabet, and adjacent symbols are merged
 * in the order of {@code tokenizer.ggml.merges} (lowest rank first, leftmost on ties).
 */
final class BpeModel {
    private final Vocabulary vocabulary;
    private final PreTokenizer preTokenizer;
    private final Map<String, Integer> ranks;
    /** Tokens of words seen before: text repeats its words, and a word always tokenizes the same. */
    private final Map<String, int[]> wordCache = new ConcurrentHashMap<>();
    private static final int WORD_CACHE_LIMIT = 50_000;

    BpeModel(Vocabulary vocabulary, PreTokenizer preTokenizer, List<String> merges) {
        this.vocabulary = vocabulary;
        this.preTokenizer = preTokenizer;
        this.ranks = new HashMap<>(merges.size() * 2);
        for (int rank = 0; rank < merges.size(); rank++) {
            String merge = merges.get(rank);
            // The separator is the first space after the first character (a merge may start with a space).
            if (merge.indexOf(' ', 1) < 0) {
                throw new FormatException("tokenizer.ggml.merges[" + rank + "] '" + merge + "' is not two symbols separated by a space");
            }
            ranks.putIfAbsent(merge, rank);
        }
    }

    void encode(String text, IntList out) {
        for (String word : preTokenizer.split(text)) {
            int[] cached = wordCache.get(word);
            if (cached == null) {
                IntList ids = new IntList();
                encodeWord(ByteLevel.encode(word), ids);
                cached = ids.toArray();
                if (wordCache.size() < WORD_CACHE_LIMIT) {
                    wordCache.put(word, cached);
                }
            }
            for (int id : cached) {
                out.add(id);
            }
        }
    }

    private void encodeWord(String word, IntList out) {
        if (preTokenizer.ignoreMerges()) {
            int whole = vocabulary.id(word);
            if (whole >= 0) {
                out.add(whole);
                return;
            }
        }
        Symbols symbols = new Symbols(word);
        // Byte-level BPE merges the pair listed earliest in tokenizer.ggml.merges.
        symbols.mergeAll((all, left, right) -> {
            Integer rank = ranks.get(all.text(left) + " " + all.text(right));
            return rank == null ? Float.NaN : -rank;
        });
        symbols.forEach(symbol -> emit(symbol, out));
    }

    private void emit(String symbol, IntList out) {
        int id = vocabulary.id(symbol);
        if (id >= 0) {
            out.add(id);
            return;
        }
        // As the reference: fall back to the symbol's single-byte (ASCII) tokens, drop the rest.
        for (int i = 0; i < symbol.length(); i++) {
            if (symbol.charAt(i) >= 0x80) {
                continue;
            }
            int single = vocabulary.id(String.valueOf(symbol.charAt(i)));
            if (single >= 0) {
                out.add(single);
            }
        }
    }
}
