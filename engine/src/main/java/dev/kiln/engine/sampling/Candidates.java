package dev.kiln.engine.sampling;

import java.util.Arrays;

/**
 * The tokens still in the running and their logits, in buffers reused from token to token so that
 * sampling does not allocate. Filters shrink {@link #size}; after {@link #sortDescending} or
 * {@link #keepTop} the candidates are ordered by logit, highest first, ties by lower id.
 */
final class Candidates {
    int[] ids = new int[0];
    float[] logits = new float[0];
    float[] probabilities = new float[0];
    int size;
    private long[] keys = new long[0];
    private boolean sorted;

    void reset(float[] allLogits) {
        int n = allLogits.length;
        if (ids.length < n) {
            ids = new int[n];
            logits = new float[n];
            probabilities = new float[n];
            keys = new long[n];
        }
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            // A NaN logit (a broken model) must never win: it counts as impossible.
            logits[i] = Float.isNaN(allLogits[i]) ? Float.NEGATIVE_INFINITY : allLogits[i];
        }
        size = n;
        sorted = false;
    }

    void sortDescending() {
        if (sorted) {
            return;
        }
        for (int i = 0; i < size; i++) {
            keys[i] = key(logits[i], ids[i]);
        }
        Arrays.sort(keys, 0, size);
        unpack(size);
    }

    /** Keeps the {@code k} highest logits (all if {@code k <= 0}), sorted. */
    void keepTop(int k) {
        if (k <= 0 || k >= size) {
            sortDescending();
            return;
        }
        // A max-heap on the key (the worst kept candidate at the root) bounded to k entries: O(n log k).
        int heap = 0;
        for (int i = 0; i < size; i++) {
            long key = key(logits[i], ids[i]);
            if (heap < k) {
                keys[heap] = key;
                siftUp(heap++);
            } else if (key < keys[0]) {
                keys[0] = key;
                siftDown(0, heap);
            }
        }
        Arrays.sort(keys, 0, k);
        unpack(k);
    }

    /** Fills {@link #probabilities} with the softmax of the current logits. */
    void softmax() {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < size; i++) {
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            float p = (float) Math.exp(logits[i] - max);
            probabilities[i] = p;
            sum += p;
        }
        for (int i = 0; i < size; i++) {
            probabilities[i] = (float) (probabilities[i] / sum);
        }
    }

    /**
     * A key whose ascending order is descending logit, then ascending id: the float's bits made
     * monotonic as an int, inverted, in the high word; the id in the low word.
     */
    private static long key(float logit, int id) {
        int bits = Float.floatToIntBits(logit);
        int monotonic = bits >= 0 ? bits : bits ^ 0x7FFFFFFF;
        return ((long) ~monotonic << 32) | (id & 0xFFFFFFFFL);
    }

    private void unpack(int n) {
        for (int i = 0; i < n; i++) {
            ids[i] = (int) keys[i];
            logits[i] = logitOf(keys[i]);
        }
        size = n;
        sorted = true;
    }

    private static float logitOf(long key) {
        int monotonic = ~(int) (key >>> 32);
        int bits = monotonic >= 0 ? monotonic : monotonic ^ 0x7FFFFFFF;
        return Float.intBitsToFloat(bits);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (keys[parent] >= keys[i]) {
                return;
            }
            swap(parent, i);
            i = parent;
        }
    }

    private void siftDown(int i, int n) {
        while (true) {
            int largest = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < n && keys[left] > keys[largest]) {
                largest = left;
            }
            if (right < n && keys[right] > keys[largest]) {
                largest = right;
            }
            if (largest == i) {
                return;
            }
            swap(i, largest);
            i = largest;
        }
    }

    private void swap(int a, int b) {
        long t = keys[a];
        keys[a] = keys[b];
        keys[b] = t;
    }
}
