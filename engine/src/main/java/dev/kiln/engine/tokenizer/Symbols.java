package dev.kiln.engine.tokenizer;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * A word split into symbols (initially one per code point), linked so that merging two
 * neighbours is O(1): {@code length[i] == 0} marks a symbol merged into its left neighbour.
 */
final class Symbols {
    final String text;
    final int[] start;
    final int[] length;
    final int[] prev;
    final int[] next;
    final int count;

    Symbols(String text) {
        this.text = text;
        int n = text.codePointCount(0, text.length());
        start = new int[n];
        length = new int[n];
        prev = new int[n];
        next = new int[n];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            int chars = Character.charCount(text.codePointAt(offset));
            start[i] = offset;
            length[i] = chars;
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            offset += chars;
        }
        count = n;
    }

    String text(int i) {
        return text.substring(start[i], start[i] + length[i]);
    }

    /** The text of {@code left} and {@code right} together (they are adjacent in the word). */
    String joined(int left, int right) {
        return text.substring(start[left], start[right] + length[right]);
    }

    /** How eager a model is to merge two neighbours: higher merges first, {@link Float#NaN} never. */
    @FunctionalInterface
    interface PairPriority {
        float of(Symbols symbols, int left, int right);
    }

    private record Bigram(int left, int right, float priority, int length) {
    }

    /**
     * Repeatedly merges the adjacent pair of highest priority (leftmost on ties) until no pair can
     * merge: the BPE loop both tokenizer models share. Pairs queued before one side changed are
     * skipped when they come up (their joined length no longer matches).
     */
    void mergeAll(PairPriority priority) {
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.priority != b.priority
                ? Float.compare(b.priority, a.priority) : Integer.compare(a.left, b.left));
        for (int i = 1; i < count; i++) {
            offer(i - 1, i, priority, queue);
        }
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            int left = bigram.left;
            int right = bigram.right;
            if (length[left] == 0 || length[right] == 0 || length[left] + length[right] != bigram.length) {
                continue;
            }
            merge(left, right);
            offer(prev[left], left, priority, queue);
            offer(left, next[left], priority, queue);
        }
    }

    private void offer(int left, int right, PairPriority priority, PriorityQueue<Bigram> queue) {
        if (left < 0 || right < 0) {
            return;
        }
        float p = priority.of(this, left, right);
        if (!Float.isNaN(p)) {
            queue.add(new Bigram(left, right, p, length[left] + length[right]));
        }
    }

    /** The texts of the symbols left, in order. */
    void forEach(Consumer<String> action) {
        for (int i = 0; i != -1 && i < count; i = next[i]) {
            action.accept(text(i));
        }
    }

    /** Merges {@code right} into {@code left}. */
    private void merge(int left, int right) {
        length[left] += length[right];
        length[right] = 0;
        next[left] = next[right];
        if (next[right] >= 0) {
            prev[next[right]] = left;
        }
    }
}
