package dev.kiln.engine.sampling;

import java.util.List;

/**
 * Watches generated text for stop strings. Text that could still be the start of a stop string is
 * held back, so a stream never shows part of a stop string it later cuts.
 */
public final class StopStrings {
    private final List<String> stops;
    private final StringBuilder pending = new StringBuilder();
    private boolean stopped;

    public StopStrings(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** Adds generated text; returns what may be shown now. After a stop string, returns only the text before it. */
    public String accept(String text) {
        if (stopped) {
            return "";
        }
        pending.append(text);
        int earliest = -1;
        for (String stop : stops) {
            int at = pending.indexOf(stop);
            if (at >= 0 && (earliest < 0 || at < earliest)) {
                earliest = at;
            }
        }
        if (earliest >= 0) {
            stopped = true;
            String before = pending.substring(0, earliest);
            pending.setLength(0);
            return before;
        }
        int hold = longestPartialMatch();
        String ready = pending.substring(0, pending.length() - hold);
        pending.delete(0, pending.length() - hold);
        return ready;
    }

    /** True once a stop string has appeared. */
    public boolean stopped() {
        return stopped;
    }

    /** The text held back, at the end of generation. */
    public String flush() {
        String rest = stopped ? "" : pending.toString();
        pending.setLength(0);
        return rest;
    }

    /** Length of the longest suffix of the pending text that is a proper prefix of some stop string. */
    private int longestPartialMatch() {
        String text = pending.toString();
        int best = 0;
        for (String stop : stops) {
            for (int length = Math.min(stop.length() - 1, text.length()); length > best; length--) {
                if (text.regionMatches(text.length() - length, stop, 0, length)) {
                    best = length;
                    break;
                }
            }
        }
        return best;
    }
}
