package dev.kiln.engine.tokenizer;

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

    /** Merges {@code right} into {@code left}. */
    void merge(int left, int right) {
        length[left] += length[right];
        length[right] = 0;
        next[left] = next[right];
        if (next[right] >= 0) {
            prev[next[right]] = left;
        }
    }
}
