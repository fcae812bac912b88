package dev.kiln.quant.i;

import java.util.Random;

/** Synthetic rows for property tests: each kind stresses a different corner of the quantizers. */
enum Synthetic {
    GAUSSIAN, UNIFORM, ZERO, CONSTANT, HUGE, TINY, SPARSE, NEGATIVE;

    float[] row(int n, long seed) {
        Random random = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (this) {
                case GAUSSIAN -> (float) random.nextGaussian();
                case UNIFORM -> random.nextFloat() * 2 - 1;
                case ZERO -> 0f;
                case CONSTANT -> 0.75f;
                case HUGE -> (float) random.nextGaussian() * 2e3f; // scales stay inside fp16 (max 65504)
                case TINY -> (float) random.nextGaussian() * 1e-6f;
                case SPARSE -> random.nextInt(16) == 0 ? (float) random.nextGaussian() : 0f;
                case NEGATIVE -> -Math.abs((float) random.nextGaussian()) - 0.1f;
            };
        }
        return x;
    }

    /** Positive per-column importance weights. */
    static float[] importance(int n, long seed) {
        Random random = new Random(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.1f + random.nextFloat() * 2;
        }
        return w;
    }
}
