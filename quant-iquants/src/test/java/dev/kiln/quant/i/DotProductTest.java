package dev.kiln.quant.i;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Vector API dot product of each codec against a plain scalar loop and against float64
 * arithmetic on the decoded values. "Relative" error here is measured against
 * {@code Σ|w_i·a_i|}, the scale of the sum's terms, because a sum of mixed-sign terms can be
 * arbitrarily close to zero.
 */
class DotProductTest {
    private static final int COLS = 4096;
    private static final double TOLERANCE = 1e-5;

    @TestFactory
    List<DynamicTest> dotMatchesScalarAndFloat64() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BlockCodec codec : AllCodecs.list()) {
            for (Synthetic kind : new Synthetic[] {Synthetic.GAUSSIAN, Synthetic.UNIFORM, Synthetic.SPARSE, Synthetic.HUGE}) {
                tests.add(DynamicTest.dynamicTest(codec.type().ggmlName() + " " + kind, () -> check(codec, kind)));
            }
        }
        return tests;
    }

    private static void check(BlockCodec codec, Synthetic kind) {
        for (long seed = 1; seed <= 3; seed++) {
            float[] w = kind.row(COLS, seed);
            float[] a = Synthetic.GAUSSIAN.row(COLS, seed + 100);
            MemorySegment weights = Arena.ofAuto().allocate(codec.type().byteSize(COLS));
            codec.quantizeRow(w, 0, COLS, Synthetic.importance(COLS, seed), weights, 0);
            MemorySegment act = TestActivations.quantize(codec.activationType(), a);

            float[] wDeq = new float[COLS];
            codec.dequantize(weights, 0, wDeq, 0, COLS);
            double[] aDeq = TestActivations.dequantize(codec.activationType(), act, COLS);
            double exact = 0;
            double magnitude = 0;
            for (int i = 0; i < COLS; i++) {
                exact += wDeq[i] * aDeq[i];
                magnitude += Math.abs(wDeq[i] * aDeq[i]);
            }
            float vector = codec.dot(weights, 0, act, 0, COLS);
            float scalar = codec.dotScalar(weights, 0, act, 0, COLS);
            String what = codec.type().ggmlName() + " " + kind + " seed " + seed;
            assertTrue(magnitude > 0, what + ": degenerate test data");
            assertTrue(Math.abs(vector - scalar) <= TOLERANCE * magnitude,
                    what + ": vector " + vector + " vs scalar " + scalar + " (scale " + magnitude + ")");
            assertTrue(Math.abs(vector - exact) <= TOLERANCE * magnitude,
                    what + ": vector " + vector + " vs float64 " + exact + " (scale " + magnitude + ")");

            float[] rows = new float[2];
            MemorySegment twoRows = Arena.ofAuto().allocate(2 * weights.byteSize());
            MemorySegment.copy(weights, 0, twoRows, 0, weights.byteSize());
            MemorySegment.copy(weights, 0, twoRows, weights.byteSize(), weights.byteSize());
            codec.dotRows(twoRows, 0, weights.byteSize(), 2, act, 0, COLS, rows, 0);
            assertEquals(vector, rows[0], what + ": dotRows row 0");
            assertEquals(vector, rows[1], what + ": dotRows row 1");
        }
    }
}
