package dev.kiln.quant.k;

import static dev.kiln.quant.k.Rounding.nearestInt;

/**
 * The quantizer half that Q4_K and Q5_K share: a 256-element super-block as 8 sub-blocks of 32,
 * each with a 6-bit scale and a 6-bit min under fp16 super-scales d and dmin, followed by the
 * requantization of every element against the decoded sub-block values.
 */
final class ScaleMinSuperBlock {
    private ScaleMinSuperBlock() {
    }

    /**
     * Quantizes {@code x[xo .. xo+256)}: writes d, dmin and the 12 packed scale bytes to
     * {@code out[at .. at+16)} and the quants (0..nmax) to {@code L[0..256)}. Without importance this
     * is quantize_row_q{4,5}_K_ref (search parameters rmin, rdelta, nstep); with it, the _impl path.
     */
    static void quantize(float[] x, int xo, float[] importance, int io, int nmax,
                         float rmin, float rdelta, int nstep, byte[] out, int at, byte[] L) {
        float[] scales = new float[8];
        float[] mins = new float[8];
        float[] w = new float[32];
        float[] theMin = new float[1];
        int[] ls = new int[8];
        int[] lm = new int[8];
        float d;
        float dmin;
        if (importance == null) {
            float maxScale = 0;
            float maxMin = 0;
            for (int j = 0; j < 8; j++) {
                int sub = xo + 32 * j;
                float avX = (float) Math.sqrt(ImportanceWeights.sumSquares(x, sub, 32) / 32);
                for (int l = 0; l < 32; l++) {
                    w[l] = avX + Math.abs(x[sub + l]);
                }
                scales[j] = ScaleSearch.makeQkxQuants(false, 32, nmax, x, sub, w, 0, L, 32 * j, theMin, rmin, rdelta, nstep, false);
                mins[j] = theMin[0];
                if (scales[j] > maxScale) {
                    maxScale = scales[j];
                }
                if (mins[j] > maxMin) {
                    maxMin = mins[j];
                }
            }
            float invScale = maxScale > 0 ? 63f / maxScale : 0f;
            float invMin = maxMin > 0 ? 63f / maxMin : 0f;
            for (int j = 0; j < 8; j++) {
                ls[j] = Math.min(63, nearestInt(invScale * scales[j]) & 0xFF);
                lm[j] = Math.min(63, nearestInt(invMin * mins[j]) & 0xFF);
            }
            d = maxScale / 63f;
            dmin = maxMin / 63f;
        } else {
            float sigma2 = 2 * ImportanceWeights.sumSquares(x, xo, 256) / 256;
            float[] sw = new float[8];
            for (int j = 0; j < 8; j++) {
                int sub = xo + 32 * j;
                ImportanceWeights.fill(importance, io + 32 * j, x, sub, sigma2, w, 32);
                float sumW = 0;
                for (int l = 0; l < 32; l++) {
                    sumW += w[l];
                }
                sw[j] = sumW;
                scales[j] = ScaleSearch.makeQkxQuants(true, 32, nmax, x, sub, w, 0, L, 32 * j, theMin, -0.9f, 0.05f, 36, false);
                mins[j] = theMin[0];
            }
            byte[] qs = new byte[8];
            byte[] qm = new byte[8];
            d = ScaleSearch.makeQpQuants(8, 63, scales, qs, sw);
            dmin = ScaleSearch.makeQpQuants(8, 63, mins, qm, sw);
            for (int j = 0; j < 8; j++) {
                ls[j] = Math.min(63, qs[j] & 0xFF);
                lm[j] = Math.min(63, qm[j] & 0xFF);
            }
        }
        Le.putShort(out, at, Le.toHalf(d));
        Le.putShort(out, at + 2, Le.toHalf(dmin));
        KScales.pack6(out, at + 4, ls, lm);
        float dStored = Le.roundTripHalf(d);
        float dminStored = Le.roundTripHalf(dmin);
        for (int j = 0; j < 8; j++) {
            float dl = dStored * ls[j];
            if (dl == 0) {
                continue; // keeps the first-pass quants, as the reference does
            }
            float ml = dminStored * lm[j];
            for (int i = 0; i < 32; i++) {
                int l = nearestInt((x[xo + 32 * j + i] + ml) / dl);
                L[32 * j + i] = (byte) Math.max(0, Math.min(nmax, l));
            }
        }
    }
}
