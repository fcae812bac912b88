package dev.kiln.quant.i;

/**
 * The reference's search for IQ4_NL and IQ4_XS (ggml's quantize_row_iq4_nl_impl with 7 extra
 * tries): per 32-value sub-block a weighted least-squares scale over the non-linear table, then
 * for IQ4_XS a 6-bit sub-scale against a super-block scale. Float32 operations in the
 * reference's order, so that the bytes come out the same.
 */
final class Iq4Search {
    static final int NTRY = 7;
    private static final float GROUP_MAX_EPS = 1e-15f;

    private Iq4Search() {
    }

    /** Index of the nearest entry of the sorted 16-entry table (ties go to the upper entry). */
    static int bestIndex(float x) {
        byte[] v = QuantTables.KVALUES_IQ4NL;
        if (x <= v[0]) {
            return 0;
        }
        if (x >= v[15]) {
            return 15;
        }
        int ml = 0;
        int mu = 15;
        while (mu - ml > 1) {
            int mav = (ml + mu) / 2;
            if (x < v[mav]) {
                mu = mav;
            } else {
                ml = mav;
            }
        }
        return x - v[mu - 1] < v[mu] - x ? mu - 1 : mu;
    }

    /** σ² term of the importance weights: 2·Σx²/n over the (super-)block. */
    static float sigma2(float[] x, int xo, int n) {
        float s = 0f;
        for (int j = 0; j < n; j++) {
            s += x[xo + j] * x[xo + j];
        }
        return s * (2.f / n);
    }

    /**
     * The least-squares scale of one 32-value sub-block, or 0 when it is (nearly) all zero.
     * {@code weight} receives the per-value weights.
     */
    static float subBlockScale(float[] x, int xo, float[] importance, int column, float sigma2, float[] weight) {
        byte[] values = QuantTables.KVALUES_IQ4NL;
        for (int j = 0; j < 32; j++) {
            float xj = x[xo + j];
            weight[j] = importance != null ? importance[column + j] * (float) Math.sqrt(sigma2 + xj * xj) : xj * xj;
        }
        float amax = 0f;
        float max = 0f;
        for (int j = 0; j < 32; j++) {
            float ax = Math.abs(x[xo + j]);
            if (ax > amax) {
                amax = ax;
                max = x[xo + j];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            return 0f;
        }
        float d = -max / values[0];
        float id = 1 / d;
        float sumqx = 0f;
        float sumq2 = 0f;
        for (int j = 0; j < 32; j++) {
            float q = values[bestIndex(id * x[xo + j])];
            float w = weight[j];
            sumqx += w * q * x[xo + j];
            sumq2 += w * q * q;
        }
        d = sumqx / sumq2;
        float best = d * sumqx;
        for (int itry = -NTRY; itry <= NTRY; itry++) {
            id = (itry + values[0]) / max;
            sumqx = 0f;
            sumq2 = 0f;
            for (int j = 0; j < 32; j++) {
                float q = values[bestIndex(id * x[xo + j])];
                float w = weight[j];
                sumqx += w * q * x[xo + j];
                sumq2 += w * q * q;
            }
            if (sumq2 > 0 && sumqx * sumqx > best * sumq2) {
                d = sumqx / sumq2;
                best = d * sumqx;
            }
        }
        return d;
    }
}
