package dev.kiln.quant.i;

/** The IQ1 levels −1, 0, +1 shifted up or down by δ, and the sort the split search needs. */
final class Iq1Levels {
    static final float DELTA = QuantTables.IQ1S_DELTA;
    /** Levels shifted by +δ. */
    static final float[] PLUS = {-1 + DELTA, DELTA, 1 + DELTA};
    /** Levels shifted by −δ. */
    static final float[] MINUS = {-1 - DELTA, -DELTA, 1 - DELTA};

    private Iq1Levels() {
    }

    /** Indices 0…n−1 ordered by ascending x (stable; the reference's qsort order for distinct values). */
    static int[] sortedOrder(float[] x, int xo, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Plain < and > as the reference's comparator (so −0 and +0 tie); the sort is stable.
        java.util.Arrays.sort(order, (a, b) -> x[xo + a] < x[xo + b] ? -1 : x[xo + a] > x[xo + b] ? 1 : 0);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
