package dev.kiln.quant.i;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * The idealised lattice behind one codebook, as the reference quantizers search it: every grid
 * entry as integer levels {@code l} (lattice coordinate {@code 2l + 1}), a map from packed levels
 * ("key", {@code bits} per coordinate, coordinate 0 in the low bits) to the grid index, and for
 * every reachable key that is not on the grid its neighbour list: all grid points at one of the
 * {@code nwant} smallest distinct squared distances, by distance then index. Everything is rebuilt
 * from the decoding tables, whose order equals the reference's compressed lists.
 */
final class Lattice {
    private static final int INDEX_BITS = 12;

    final int width;
    final int bits;
    final int gridSize;
    /** levels[width * index + j]: level of coordinate j of grid entry index. */
    final byte[] levels;
    /** Grid index per key, or −1 when the key is off the grid. */
    final int[] map;
    /** For an off-grid key with every level below {@code maxLevel}: its neighbours; else null. */
    private final int[][] neighbours;

    Lattice(byte[] grid, int width, int bits, IntUnaryOperator byteToLevel, int maxLevel, int nwant) {
        this.width = width;
        this.bits = bits;
        this.gridSize = grid.length / width;
        this.levels = new byte[grid.length];
        for (int i = 0; i < grid.length; i++) {
            levels[i] = (byte) byteToLevel.applyAsInt(grid[i]);
        }
        this.map = new int[1 << (width * bits)];
        Arrays.fill(map, -1);
        for (int index = 0; index < gridSize; index++) {
            map[key(levels, width * index)] = index;
        }
        this.neighbours = new int[map.length][];
        int[] sortKeys = new int[gridSize];
        for (int key = 0; key < map.length; key++) {
            if (map[key] < 0 && allLevelsBelow(key, maxLevel)) {
                neighbours[key] = nearest(key, nwant, sortKeys);
            }
        }
    }

    int key(byte[] l, int offset) {
        int u = 0;
        for (int j = 0; j < width; j++) {
            u |= l[offset + j] << (bits * j);
        }
        return u;
    }

    int[] neighbours(int key) {
        return neighbours[key];
    }

    /**
     * The neighbour of an off-grid {@code key} with the smallest {@code Σ (w×diff)×diff}, where
     * {@code diff = scale × (2l+1) − x} (first minimum wins); its levels go to {@code l[lo..]}.
     */
    int bestNeighbour(int key, float[] x, int xo, float[] w, float scale, byte[] l, int lo) {
        int[] candidates = neighbours[key];
        float best = Float.MAX_VALUE;
        int chosen = candidates[0];
        for (int index : candidates) {
            float d2 = 0f;
            for (int i = 0; i < width; i++) {
                float q = 2 * levels[width * index + i] + 1;
                float diff = scale * q - x[xo + i];
                d2 += w[xo + i] * diff * diff;
            }
            if (d2 < best) {
                best = d2;
                chosen = index;
            }
        }
        System.arraycopy(levels, width * chosen, l, lo, width);
        return chosen;
    }

    /** As {@link #bestNeighbour} but scoring the IQ1 levels {@code xg[l]} (shifted by ±δ) with the plain weights. */
    int bestNeighbourShifted(int key, float[] x, int xo, float[] w, int wo, float scale, float[] xg, byte[] l, int lo) {
        int[] candidates = neighbours[key];
        float best = Float.MAX_VALUE;
        int chosen = candidates[0];
        for (int index : candidates) {
            float d2 = 0f;
            for (int i = 0; i < width; i++) {
                float q = xg[levels[width * index + i]];
                float diff = scale * q - x[xo + i];
                d2 += w[wo + i] * diff * diff;
            }
            if (d2 < best) {
                best = d2;
                chosen = index;
            }
        }
        System.arraycopy(levels, width * chosen, l, lo, width);
        return chosen;
    }

    private boolean allLevelsBelow(int key, int maxLevel) {
        int mask = (1 << bits) - 1;
        for (int j = 0; j < width; j++) {
            if (((key >>> (bits * j)) & mask) >= maxLevel) {
                return false;
            }
        }
        return true;
    }

    private int[] nearest(int key, int nwant, int[] sortKeys) {
        int mask = (1 << bits) - 1;
        for (int index = 0; index < gridSize; index++) {
            int d2 = 0;
            for (int j = 0; j < width; j++) {
                // Level differences stand for lattice distances (halved); the order is the same.
                int diff = levels[width * index + j] - ((key >>> (bits * j)) & mask);
                d2 += diff * diff;
            }
            // Distance above the index bits: one primitive sort orders by (distance, index), as the reference does.
            sortKeys[index] = (d2 << INDEX_BITS) | index;
        }
        Arrays.sort(sortKeys);
        int have = 1;
        int n = 1;
        int current = sortKeys[0] >>> INDEX_BITS;
        for (int i = 1; i < gridSize; i++) {
            int d2 = sortKeys[i] >>> INDEX_BITS;
            if (d2 > current) {
                if (have == nwant) {
                    break;
                }
                current = d2;
                have++;
            }
            n++;
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = sortKeys[i] & ((1 << INDEX_BITS) - 1);
        }
        return out;
    }
}
