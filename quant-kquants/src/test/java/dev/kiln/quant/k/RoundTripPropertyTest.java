package dev.kiln.quant.k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Quantize → dequantize on synthetic rows: Gaussian, uniform, all zero, constant, huge (±4·10³,
 * like the vectors' widest row) and tiny (10⁻⁶, where fp16 scales go subnormal). Every output is
 * finite; the relative RMS error stays under a per-type bound (about 1.5× what each type reaches
 * on Gaussian data, 3× that for rows with outliers); zero rows come back exactly zero.
 */
class RoundTripPropertyTest {
    /** Bounds on ‖x − deq‖₂ / ‖x‖₂, with and without an importance matrix. */
    private static final Map<GgmlType, Double> RELATIVE_RMS_BOUND = Map.ofEntries(
            Map.entry(GgmlType.F32, 0.0), Map.entry(GgmlType.F16, 5e-4), Map.entry(GgmlType.BF16, 2.6e-3),
            Map.entry(GgmlType.Q8_0, 0.0085), Map.entry(GgmlType.Q8_1, 0.0085), Map.entry(GgmlType.Q8_K, 0.012),
            Map.entry(GgmlType.Q4_0, 0.14), Map.entry(GgmlType.Q4_1, 0.13), Map.entry(GgmlType.Q5_0, 0.066),
            Map.entry(GgmlType.Q5_1, 0.06), Map.entry(GgmlType.Q2_K, 0.47), Map.entry(GgmlType.Q3_K, 0.24),
            Map.entry(GgmlType.Q4_K, 0.115), Map.entry(GgmlType.Q5_K, 0.057), Map.entry(GgmlType.Q6_K, 0.028));

    private static final int COLS = 1024;

    static Iterable<BlockCodec> codecs() {
        return AllCodecs.list();
    }

    private static final Map<String, BiFunction<Random, Integer, Float>> DISTRIBUTIONS = Map.of(
            "gaussian", (r, i) -> (float) r.nextGaussian(),
            "uniform", (r, i) -> r.nextFloat() * 2 - 1,
            "constant", (r, i) -> 0.7f,
            "huge", (r, i) -> (float) (r.nextGaussian() * 1000),
            "outliers", (r, i) -> (float) (r.nextGaussian() * (i % 97 == 0 ? 50 : 1)));

    @ParameterizedTest
    @MethodSource("codecs")
    void errorStaysBoundedAndFinite(BlockCodec codec) {
        double bound = RELATIVE_RMS_BOUND.get(codec.type());
        float[] importance = importance(new Random(5));
        for (var distribution : DISTRIBUTIONS.entrySet()) {
            for (float[] weights : new float[][] {null, importance}) {
                Random random = new Random(11);
                float[] x = new float[COLS];
                for (int i = 0; i < COLS; i++) {
                    x[i] = distribution.getValue().apply(random, i);
                }
                float[] y = roundTrip(codec, x, weights);
                double err = 0;
                double norm = 0;
                for (int i = 0; i < COLS; i++) {
                    assertTrue(Float.isFinite(y[i]), codec.type() + " " + distribution.getKey() + ": element " + i + " is " + y[i]);
                    err += ((double) x[i] - y[i]) * ((double) x[i] - y[i]);
                    norm += (double) x[i] * x[i];
                }
                double relative = Math.sqrt(err / norm);
                // a 50σ outlier stretches its block's scale, so every other element there loses precision
                double allowed = distribution.getKey().equals("outliers") ? 3 * bound : bound;
                assertTrue(relative <= allowed, codec.type() + " " + distribution.getKey()
                        + (weights == null ? "" : " (imatrix)") + ": relative RMS error " + relative + " > " + allowed);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void zeroRowsComeBackZero(BlockCodec codec) {
        float[] y = roundTrip(codec, new float[COLS], null);
        for (int i = 0; i < COLS; i++) {
            assertEquals(0f, Math.abs(y[i]), codec.type() + " element " + i);
        }
    }

    /** Subnormal fp16 scales: the output stays finite and never exceeds the input's magnitude by much. */
    @ParameterizedTest
    @MethodSource("codecs")
    void tinyRowsStayFiniteAndSmall(BlockCodec codec) {
        Random random = new Random(13);
        float[] x = new float[COLS];
        float max = 0;
        for (int i = 0; i < COLS; i++) {
            x[i] = (float) (random.nextGaussian() * 1e-6);
            max = Math.max(max, Math.abs(x[i]));
        }
        for (float[] weights : new float[][] {null, importance(new Random(5))}) {
            float[] y = roundTrip(codec, x, weights);
            for (int i = 0; i < COLS; i++) {
                assertTrue(Float.isFinite(y[i]) && Math.abs(y[i]) <= 2 * max,
                        codec.type() + " tiny: element " + i + " = " + y[i] + " from " + x[i]);
            }
        }
    }

    private static float[] importance(Random random) {
        float[] w = new float[COLS];
        for (int i = 0; i < COLS; i++) {
            w[i] = 0.1f + random.nextFloat() * 4;
        }
        return w;
    }

    private static float[] roundTrip(BlockCodec codec, float[] x, float[] importance) {
        MemorySegment q = MemorySegment.ofArray(new byte[(int) codec.checkedBytes(COLS)]);
        codec.quantizeRow(x, 0, COLS, importance, q, 0);
        float[] y = new float[COLS];
        codec.dequantize(q, 0, y, 0, COLS);
        return y;
    }
}
