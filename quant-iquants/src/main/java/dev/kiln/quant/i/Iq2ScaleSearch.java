package dev.kiln.quant.i;

/**
 * The scale search IQ2_XS and IQ2_S share for one 16-value sub-block (two 8-value lattice groups,
 * levels 0..2 standing for 1, 3, 5): try 19 inverse scales around the block maximum, keep the one
 * with the best weighted fit, then re-snap the groups that fell off the grid against the fitted
 * scale. The float operations run in the reference's order, which the byte-exact vectors check.
 */
final class Iq2ScaleSearch {
    private static final int MAX_Q = 3;

    private Iq2ScaleSearch() {
    }

    /**
     * Fits a scale to {@code xval} (16 magnitudes, weights {@code weight}, their square roots
     * {@code waux}); leaves the chosen levels in {@code l} and returns the scale, possibly negative
     * or zero. {@code laux}, {@code onGrid} and {@code onGridAux} are scratch.
     */
    static float fit(Lattice lattice, float max, float[] weight, float[] xval, float[] waux, byte[] l, byte[] laux,
                     boolean[] onGrid, boolean[] onGridAux) {
        float best = 0;
        float scale = max / (2 * MAX_Q - 1);
        onGrid[0] = true;
        onGrid[1] = true;
        for (int is = -9; is <= 9; is++) {
            float id = (2 * MAX_Q - 1 + is * 0.1f) / max;
            float thisScale = 1 / id;
            for (int k = 0; k < 2; k++) {
                onGridAux[k] = snap(lattice, id, thisScale, xval, waux, laux, k);
            }
            float sumqx = 0f;
            float sumq2 = 0f;
            for (int i = 0; i < 16; i++) {
                float w = weight[i];
                float q = 2 * laux[i] + 1;
                sumqx += w * xval[i] * q;
                sumq2 += w * q * q;
            }
            if (sumq2 > 0 && sumqx * sumqx > best * sumq2) {
                scale = sumqx / sumq2;
                best = scale * sumqx;
                System.arraycopy(laux, 0, l, 0, 16);
                onGrid[0] = onGridAux[0];
                onGrid[1] = onGridAux[1];
            }
        }
        if ((!onGrid[0] || !onGrid[1]) && scale > 0) {
            // Only the groups that were off the grid are re-snapped against the fitted scale.
            float id = 1 / scale;
            for (int k = 0; k < 2; k++) {
                if (!onGrid[k]) {
                    snap(lattice, id, scale, xval, waux, l, k);
                }
            }
            float sumqx = 0f;
            float sumq2 = 0f;
            for (int i = 0; i < 16; i++) {
                float w = weight[i];
                float q = 2 * l[i] + 1;
                sumqx += w * xval[i] * q;
                sumq2 += w * q * q;
            }
            if (sumq2 > 0) {
                scale = sumqx / sumq2;
            }
        }
        return scale;
    }

    /** Levels of group k at inverse scale {@code id}; true if on the grid, else the best neighbour at {@code scale}. */
    static boolean snap(Lattice lattice, float id, float scale, float[] xval, float[] waux, byte[] levels, int k) {
        for (int i = 0; i < 8; i++) {
            int q = Rounding.nearestInt(0.5f * (id * xval[8 * k + i] - 1));
            levels[8 * k + i] = (byte) Rounding.clamp(q, 0, MAX_Q - 1);
        }
        int key = lattice.key(levels, 8 * k);
        if (lattice.map[key] >= 0) {
            return true;
        }
        lattice.bestNeighbour(key, xval, 8 * k, waux, scale, levels, 8 * k);
        return false;
    }
}
