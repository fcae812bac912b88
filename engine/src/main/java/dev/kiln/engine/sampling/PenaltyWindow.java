package dev.kiln.engine.sampling;

import java.util.HashMap;
import java.util.Map;

/** The last {@code capacity} tokens of a sequence and how often each occurs among them. */
final class PenaltyWindow {
    private final int[] ring;
    private final Map<Integer, Integer> counts = new HashMap<>();
    private int next;
    private int filled;

    PenaltyWindow(int capacity) {
        ring = new int[Math.max(0, capacity)];
    }

    void add(int token) {
        if (ring.length == 0) {
            return;
        }
        if (filled == ring.length) {
            counts.merge(ring[next], -1, (a, b) -> a + b == 0 ? null : a + b);
        } else {
            filled++;
        }
        ring[next] = token;
        next = (next + 1) % ring.length;
        counts.merge(token, 1, Integer::sum);
    }

    Map<Integer, Integer> counts() {
        return counts;
    }
}
