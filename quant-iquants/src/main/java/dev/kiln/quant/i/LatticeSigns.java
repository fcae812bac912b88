package dev.kiln.quant.i;

/** Steps the lattice quantizers share: importance weights and the sign split. */
final class LatticeSigns {
    private LatticeSigns() {
    }

    /** Σx² over the 256-value super-block, summed in index order. */
    static float sumSquares(float[] x, int xo) {
        float s = 0f;
        for (int i = 0; i < 256; i++) {
            s += x[xo + i] * x[xo + i];
        }
        return s;
    }

    /** {@code w = imatrix × sqrt(σ² + x²)} for n values. */
    static void importanceWeights(float[] x, int xo, float[] importance, int column, float sigma2, float[] w, int n) {
        for (int i = 0; i < n; i++) {
            float xi = x[xo + i];
            w[i] = importance[column + i] * (float) Math.sqrt(sigma2 + xi * xi);
        }
    }

    /**
     * Splits 8 values into magnitudes {@code xval} and a sign byte. With {@code parity}, a group
     * with an odd number of negatives flips the value of smallest {@code (w×x)×x} (first on ties):
     * its sign bit toggles and its magnitude turns negative, which is what the search then sees.
     */
    static int split(float[] x, int xo, float[] w, int wo, float[] xval, int vo, boolean parity) {
        int signs = 0;
        int negatives = 0;
        for (int i = 0; i < 8; i++) {
            float v = x[xo + i];
            if (v >= 0) {
                xval[vo + i] = v;
            } else {
                xval[vo + i] = -v;
                negatives++;
                signs |= 1 << i;
            }
        }
        if (parity && negatives % 2 != 0) {
            int imin = 0;
            float min = w[wo] * x[xo] * x[xo];
            for (int i = 1; i < 8; i++) {
                float ax = w[wo + i] * x[xo + i] * x[xo + i];
                if (ax < min) {
                    min = ax;
                    imin = i;
                }
            }
            xval[vo + imin] = -xval[vo + imin];
            signs ^= 1 << imin;
        }
        return signs;
    }
}
