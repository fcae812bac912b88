package dev.kiln.quant.k;

/** The reference's integer rounding helpers, reproduced exactly. */
final class Rounding {
    private Rounding() {
    }

    /**
     * ggml's {@code nearest_int}: adds 1.5·2²³ and reads the mantissa, so ties go to even. Done the
     * same way (not with Math.rint) so that even out-of-range inputs give the reference's bytes.
     */
    static int nearestInt(float v) {
        int bits = Float.floatToRawIntBits(v + 12582912f);
        return (bits & 0x007FFFFF) - 0x00400000;
    }

    /** C {@code roundf}: to nearest, ties away from zero. */
    static float roundAway(float v) {
        float t = (float) (long) v;
        if (Math.abs(v - t) >= 0.5f) {
            t += Math.signum(v);
        }
        return t;
    }
}
