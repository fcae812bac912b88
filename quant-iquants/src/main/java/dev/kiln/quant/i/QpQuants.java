package dev.kiln.quant.i;

/**
 * ggml's make_qp_quants: a scale for values meant to be non-negative (levels 0…nmax), chosen from
 * 9 trial inverse scales by weighted squared error and refined by coordinate descent. IQ2_XXS
 * uses it for its start scale. Float32 in the reference's order. The reference keeps the levels
 * in a uint8 array, and IQ2_XXS hands it magnitudes that the parity trick made negative, so a
 * stored level wraps modulo 256 and the wrapped value enters later sums: {@code l[]} mirrors that
 * array, with every store masked to 8 bits.
 */
final class QpQuants {
    private static final float GROUP_MAX_EPS = 1e-15f;

    private QpQuants() {
    }

    static float make(int n, int nmax, float[] x, float[] w) {
        float max = 0f;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[i]);
        }
        if (max < GROUP_MAX_EPS) {
            return 0f;
        }
        int[] l = new int[n];
        float iscale = nmax / max;
        for (int i = 0; i < n; i++) {
            l[i] = Rounding.nearestInt(iscale * x[i]) & 0xFF;
        }
        float scale = 1 / iscale;
        float bestMse = 0f;
        for (int i = 0; i < n; i++) {
            float diff = x[i] - scale * l[i];
            bestMse += w[i] * diff * diff;
        }
        for (int is = -4; is <= 4; is++) {
            if (is == 0) {
                continue;
            }
            float iscaleIs = (0.1f * is + nmax) / max;
            float scaleIs = 1 / iscaleIs;
            float mse = 0f;
            for (int i = 0; i < n; i++) {
                int li = Math.min(nmax, Rounding.nearestInt(iscaleIs * x[i]));
                float diff = x[i] - scaleIs * li;
                mse += w[i] * diff * diff;
            }
            if (mse < bestMse) {
                bestMse = mse;
                iscale = iscaleIs;
            }
        }
        float sumlx = 0f;
        float suml2 = 0f;
        for (int i = 0; i < n; i++) {
            int li = Math.min(nmax, Rounding.nearestInt(iscale * x[i]));
            l[i] = li & 0xFF;
            sumlx += w[i] * x[i] * li;
            suml2 += w[i] * li * li;
        }
        for (int itry = 0; itry < 5; itry++) {
            int changed = 0;
            for (int i = 0; i < n; i++) {
                float slx = sumlx - w[i] * x[i] * l[i];
                float sl2 = suml2 - w[i] * l[i] * l[i];
                if (slx > 0 && sl2 > 0) {
                    int newL = Math.min(nmax, Rounding.nearestInt(x[i] * sl2 / slx));
                    if (newL != l[i]) {
                        slx += w[i] * x[i] * newL;
                        sl2 += w[i] * newL * newL;
                        if (slx * slx * suml2 > sumlx * sumlx * sl2) {
                            l[i] = newL & 0xFF;
                            sumlx = slx;
                            suml2 = sl2;
                            changed++;
                        }
                    }
                }
            }
            if (changed == 0) {
                break;
            }
        }
        return suml2 > 0.0f ? sumlx / suml2 : 0.0f;
    }
}
