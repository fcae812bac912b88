package dev.kiln.quant.i;

/**
 * The IQ3 sub-block search (ggml's quantize_row_iq3_xxs_impl / iq3_s_impl share it): quads of
 * levels 0…7 on an 8-level lattice, trial inverse scales {@code (15 + 0.2·is)/max}, an LS fit per
 * trial, then a re-snap of off-grid quads at the winning scale. Returns the sub-block scale and
 * leaves the grid index of each quad in {@code index}.
 */
final class Iq3Search {
    private static final int MAX_Q = 8;

    private final Lattice lattice;
    private final int trials;
    /** IQ3_S re-snaps every quad once any was off the grid; IQ3_XXS only the off-grid ones. */
    private final boolean resnapAll;
    private final byte[] l = new byte[32];
    private final byte[] laux = new byte[32];
    private final boolean[] onGrid = new boolean[8];
    private final boolean[] onGridAux = new boolean[8];

    Iq3Search(Lattice lattice, int trials, boolean resnapAll) {
        this.lattice = lattice;
        this.trials = trials;
        this.resnapAll = resnapAll;
    }

    /** {@code xval}: 32 magnitudes (possibly one negative per 8 after the parity trick); {@code max} &gt; 0. */
    float search(float[] xval, float[] weight, float[] waux, float max, int[] index) {
        float best = 0;
        float scale = max / (2 * MAX_Q - 1);
        java.util.Arrays.fill(onGrid, false);
        for (int is = -trials; is <= trials; is++) {
            float id = (2 * MAX_Q - 1 + is * 0.2f) / max;
            float thisScale = 1 / id;
            for (int k = 0; k < 8; k++) {
                onGridAux[k] = snap(id, thisScale, xval, waux, laux, k);
            }
            float sumqx = 0f;
            float sumq2 = 0f;
            for (int i = 0; i < 32; i++) {
                float w = weight[i];
                float q = 2 * laux[i] + 1;
                sumqx += w * xval[i] * q;
                sumq2 += w * q * q;
            }
            if (sumq2 > 0 && sumqx * sumqx > best * sumq2) {
                scale = sumqx / sumq2;
                best = scale * sumqx;
                System.arraycopy(laux, 0, l, 0, 32);
                System.arraycopy(onGridAux, 0, onGrid, 0, 8);
            }
        }
        boolean anyOff = false;
        for (boolean on : onGrid) {
            anyOff |= !on;
        }
        if (anyOff && scale > 0) {
            float id = 1 / scale;
            for (int k = 0; k < 8; k++) {
                if (resnapAll || !onGrid[k]) {
                    snap(id, scale, xval, waux, l, k);
                }
            }
            float sumqx = 0f;
            float sumq2 = 0f;
            for (int i = 0; i < 32; i++) {
                float w = weight[i];
                float q = 2 * l[i] + 1;
                sumqx += w * xval[i] * q;
                sumq2 += w * q * q;
            }
            if (sumq2 > 0) {
                scale = sumqx / sumq2;
            }
        }
        for (int k = 0; k < 8; k++) {
            index[k] = lattice.map[lattice.key(l, 4 * k)];
        }
        return scale;
    }

    private boolean snap(float id, float scale, float[] xval, float[] waux, byte[] levels, int k) {
        for (int i = 0; i < 4; i++) {
            int q = Rounding.nearestInt(0.5f * (id * xval[4 * k + i] - 1));
            levels[4 * k + i] = (byte) Rounding.clamp(q, 0, MAX_Q - 1);
        }
        int key = lattice.key(levels, 4 * k);
        if (lattice.map[key] >= 0) {
            return true;
        }
        lattice.bestNeighbour(key, xval, 4 * k, waux, scale, levels, 4 * k);
        return false;
    }
}
