package dev.kiln.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;

/**
 * SentencePiece-style BPE over token scores ({@code tokenizer.ggml.model = llama}): start from
 * single characters, repeatedly merge the adjacent pair whose joined text is the highest-scoring
 * token (leftmost on ties), and spell any leftover character that is not a token with the
 * byte-fallback tokens {@code <0xNN>}.
 */
final class SpmModel {
    private record Bigram(int left, int right, float score, int length) {
    }

    private final Vocabulary vocabulary;
    private final int[] byteTokens = new int[256];

    SpmModel(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        for (int b = 0; b < 256; b++) {
            byteTokens[b] = vocabulary.id(String.format("<0x%02X>", b));
        }
    }

    /** Tokenizes text whose spaces are already escaped as U+2581. */
    void encode(String text, IntList out) {
        if (text.isEmpty()) {
            return;
        }
        Symbols symbols = new Symbols(text);
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.score != b.score
                ? Float.compare(b.score, a.score) : Integer.compare(a.left, b.left));
        for (int i = 1; i < symbols.count; i++) {
            offer(symbols, i - 1, i, queue);
        }
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            int left = bigram.left;
            int right = bigram.right;
            // Stale: one side has been merged elsewhere since this pair was queued.
            if (symbols.length[left] == 0 || symbols.length[right] == 0
                    || symbols.length[left] + symbols.length[right] != bigram.length) {
                continue;
            }
            symbols.merge(left, right);
            offer(symbols, symbols.prev[left], left, queue);
            offer(symbols, left, symbols.next[left], queue);
        }
        for (int i = 0; i != -1 && i < symbols.count; i = symbols.next[i]) {
            emit(symbols.text(i), out);
        }
    }

    private void offer(Symbols symbols, int left, int right, PriorityQueue<Bigram> queue) {
        if (left < 0 || right < 0) {
            return;
        }
        String joined = symbols.joined(left, right);
        int id = vocabulary.id(joined);
        if (id >= 0) {
            queue.add(new Bigram(left, right, vocabulary.score(id), joined.length()));
        }
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
