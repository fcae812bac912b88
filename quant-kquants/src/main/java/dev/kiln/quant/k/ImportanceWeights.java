package dev.kiln.quant.k;

/** How the search-based quantizers turn an importance matrix into per-element weights (QUANT-FORMATS 1.5). */
final class ImportanceWeights {
    private ImportanceWeights() {
    }

    /** Σx² over {@code n} values, a sequential float32 sum in index order. */
    static float sumSquares(float[] x, int xo, int n) {
        float sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[xo + i] * x[xo + i];
        }
        return sum;
    }

    /** w[i] = imatrix[i] × sqrt(σ² + x[i]²) for {@code n} elements. */
    static void fill(float[] importance, int io, float[] x, int xo, float sigma2, float[] w, int n) {
        for (int i = 0; i < n; i++) {
            float xi = x[xo + i];
            w[i] = importance[io + i] * (float) Math.sqrt(sigma2 + xi * xi);
        }
    }
}
