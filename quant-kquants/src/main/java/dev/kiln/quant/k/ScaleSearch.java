package dev.kiln.quant.k;

import static dev.kiln.quant.k.Rounding.nearestInt;

/**
 * The reference's scale searches (ggml-quants.c: make_qx_quants, make_q3_quants, make_qkx2_quants,
 * make_qkx3_quants, make_qp_quants), re-derived from QUANT-FORMATS.md section 3. Every expression
 * keeps the reference's float32 operation order, because the chosen quants depend on last-bit
 * differences: {@code (w*x)*l} is not {@code (w*l)*x}.
 */
final class ScaleSearch {
    static final float GROUP_MAX_EPS = 1e-15f;

    private ScaleSearch() {
    }

    /** Symmetric signed scale; {@code L[lo+i]} receives {@code l + nmax}. Weights {@code null} mean x². */
    static float makeQxQuants(int n, int nmax, float[] x, int xo, byte[] L, int lo, float[] w, int wo) {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; i++) {
            float ax = Math.abs(x[xo + i]);
            if (ax > amax) {
                amax = ax;
                max = x[xo + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < n; i++) {
                L[lo + i] = 0;
            }
            return 0f;
        }
        float iscale = -nmax / max;
        float sumlx = 0;
        float suml2 = 0;
        for (int i = 0; i < n; i++) {
            float xi = x[xo + i];
            int l = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * xi)));
            L[lo + i] = (byte) (l + nmax);
            float wi = w != null ? w[wo + i] : xi * xi;
            sumlx += wi * xi * l;
            suml2 += wi * l * l;
        }
        float scale = suml2 != 0 ? sumlx / suml2 : 0f;
        float best = scale * sumlx;
        for (int is = -9; is <= 9; is++) {
            if (is == 0) {
                continue;
            }
            iscale = -(nmax + 0.1f * is) / max;
            sumlx = 0;
            suml2 = 0;
            for (int i = 0; i < n; i++) {
                float xi = x[xo + i];
                int l = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * xi)));
                float wi = w != null ? w[wo + i] : xi * xi;
                sumlx += wi * xi * l;
                suml2 += wi * l * l;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2) {
                for (int i = 0; i < n; i++) {
                    int l = nearestInt(iscale * x[xo + i]);
                    L[lo + i] = (byte) (nmax + Math.max(-nmax, Math.min(nmax - 1, l)));
                }
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }

    /** Q3_K's reference search: first guess, then coordinate descent with weights x². L receives l + nmax. */
    static float makeQ3Quants(int n, int nmax, float[] x, int xo, byte[] L, int lo) {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; i++) {
            float ax = Math.abs(x[xo + i]);
            if (ax > amax) {
                amax = ax;
                max = x[xo + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < n; i++) {
                L[lo + i] = 0;
            }
            return 0f;
        }
        float iscale = -nmax / max;
        float sumlx = 0;
        float suml2 = 0;
        for (int i = 0; i < n; i++) {
            float xi = x[xo + i];
            int l = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * xi)));
            L[lo + i] = (byte) l;
            float w = xi * xi;
            sumlx += w * xi * l;
            suml2 += w * l * l;
        }
        for (int itry = 0; itry < 5; itry++) {
            int changed = 0;
            for (int i = 0; i < n; i++) {
                float xi = x[xo + i];
                float w = xi * xi;
                int li = L[lo + i];
                float slx = sumlx - w * xi * li;
                if (slx > 0) {
                    float sl2 = suml2 - w * li * li;
                    int newL = Math.max(-nmax, Math.min(nmax - 1, nearestInt(xi * sl2 / slx)));
                    if (newL != li) {
                        slx += w * xi * newL;
                        sl2 += w * newL * newL;
                        if (sl2 > 0 && slx * slx * suml2 > sumlx * sumlx * sl2) {
                            L[lo + i] = (byte) newL;
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
        for (int i = 0; i < n; i++) {
            L[lo + i] += (byte) nmax;
        }
        return suml2 > 0f ? sumlx / suml2 : 0f;
    }

    /**
     * Asymmetric (scale, min) search shared by make_qkx2_quants and make_qkx3_quants. The two differ
     * only in the default weights (qkx3: x² when {@code w} is null) and the degenerate test
     * ({@code max == min} vs {@code max <= min}), selected by {@code qkx3}. Returns the scale;
     * {@code theMin[0]} receives {@code -min} (≥ 0).
     */
    static float makeQkxQuants(boolean qkx3, int n, int nmax, float[] x, int xo, float[] w, int wo,
                               byte[] L, int lo, float[] theMin, float rmin, float rdelta, int nstep,
                               boolean useMad) {
        float min = x[xo];
        float max = x[xo];
        float sumW = weight(w, wo, x, xo, 0);
        float sumX = sumW * x[xo];
        for (int i = 1; i < n; i++) {
            float xi = x[xo + i];
            if (xi < min) {
                min = xi;
            }
            if (xi > max) {
                max = xi;
            }
            float wi = weight(w, wo, x, xo, i);
            sumW += wi;
            sumX += wi * xi;
        }
        if (min > 0) {
            min = 0;
        }
        if (qkx3 ? max <= min : max == min) {
            for (int i = 0; i < n; i++) {
                L[lo + i] = 0;
            }
            theMin[0] = -min;
            return 0f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; i++) {
            float xi = x[xo + i];
            int l = Math.max(0, Math.min(nmax, nearestInt(iscale * (xi - min))));
            L[lo + i] = (byte) l;
            float diff = scale * l + min - xi;
            diff = useMad ? Math.abs(diff) : diff * diff;
            bestError += weight(w, wo, x, xo, i) * diff;
        }
        byte[] aux = new byte[n];
        for (int is = 0; is <= nstep; is++) {
            iscale = (rmin + rdelta * is + nmax) / (max - min);
            float sumL = 0;
            float sumL2 = 0;
            float sumXL = 0;
            for (int i = 0; i < n; i++) {
                float xi = x[xo + i];
                int l = Math.max(0, Math.min(nmax, nearestInt(iscale * (xi - min))));
                aux[i] = (byte) l;
                float wi = weight(w, wo, x, xo, i);
                sumL += wi * l;
                sumL2 += wi * l * l;
                sumXL += wi * l * xi;
            }
            float det = sumW * sumL2 - sumL * sumL;
            if (det > 0) {
                float thisScale = (sumW * sumXL - sumX * sumL) / det;
                float thisMin = (sumL2 * sumX - sumL * sumXL) / det;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXL / sumL2;
                }
                float error = 0;
                for (int i = 0; i < n; i++) {
                    float diff = thisScale * aux[i] + thisMin - x[xo + i];
                    diff = useMad ? Math.abs(diff) : diff * diff;
                    error += weight(w, wo, x, xo, i) * diff;
                }
                if (error < bestError) {
                    System.arraycopy(aux, 0, L, lo, n);
                    bestError = error;
                    scale = thisScale;
                    // the next candidate's iscale and (x - min) use this accepted min (reference behaviour)
                    min = thisMin;
                }
            }
        }
        theMin[0] = -min;
        return scale;
    }

    private static float weight(float[] w, int wo, float[] x, int xo, int i) {
        if (w != null) {
            return w[wo + i];
        }
        float xi = x[xo + i];
        return xi * xi;
    }

    /** Quantizes non-negative values (sub-block scales or mins) to 0..nmax under weights; returns the scale. */
    static float makeQpQuants(int n, int nmax, float[] x, byte[] L, float[] w) {
        float max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, x[i]);
        }
        if (max < GROUP_MAX_EPS) {
            for (int i = 0; i < n; i++) {
                L[i] = 0;
            }
            return 0f;
        }
        float iscale = nmax / max;
        float scale = 1 / iscale;
        float bestMse = 0;
        for (int i = 0; i < n; i++) {
            float diff = x[i] - scale * (nearestInt(iscale * x[i]) & 0xFF);
            bestMse += w[i] * diff * diff;
        }
        for (int is = -4; is <= 4; is++) {
            if (is == 0) {
                continue;
            }
            float iscaleIs = (0.1f * is + nmax) / max;
            float scaleIs = 1 / iscaleIs;
            float mse = 0;
            for (int i = 0; i < n; i++) {
                int l = Math.min(nmax, nearestInt(iscaleIs * x[i]));
                float diff = x[i] - scaleIs * l;
                mse += w[i] * diff * diff;
            }
            if (mse < bestMse) {
                bestMse = mse;
                iscale = iscaleIs;
            }
        }
        float sumlx = 0;
        float suml2 = 0;
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = Math.min(nmax, nearestInt(iscale * x[i]));
            sumlx += w[i] * x[i] * l[i];
            suml2 += w[i] * l[i] * l[i];
        }
        for (int itry = 0; itry < 5; itry++) {
            int changed = 0;
            for (int i = 0; i < n; i++) {
                float slx = sumlx - w[i] * x[i] * l[i];
                float sl2 = suml2 - w[i] * l[i] * l[i];
                if (slx > 0 && sl2 > 0) {
                    int newL = Math.min(nmax, nearestInt(x[i] * sl2 / slx));
                    if (newL != l[i]) {
                        slx += w[i] * x[i] * newL;
                        sl2 += w[i] * newL * newL;
                        if (slx * slx * suml2 > sumlx * sumlx * sl2) {
                            l[i] = newL;
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
        for (int i = 0; i < n; i++) {
            L[i] = (byte) l[i];
        }
        return suml2 > 0f ? sumlx / suml2 : 0f;
    }
}
