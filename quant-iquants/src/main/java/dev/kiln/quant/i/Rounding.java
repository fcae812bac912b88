package dev.kiln.quant.i;

/** The reference's integer rounding helpers, with their exact tie rules. */
final class Rounding {
    private Rounding() {
    }

    /** ggml's nearest_int: round half to even (valid well beyond the magnitudes that occur here). */
    static int nearestInt(float v) {
        return (int) Math.rint(v);
    }

    /** C lroundf: round half away from zero (Math.round would send -2.5 to -2). */
    static int roundAway(float v) {
        float t = (float) (int) v;
        if (Math.abs(v - t) >= 0.5f) {
            t += Math.signum(v);
        }
        return (int) t;
    }

    static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
