package dev.kiln.quant.k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API kernels against the plain scalar loops on random data, and both against a float64
 * dot product of the dequantized weights and activations. Tolerances are relative to Σ|wᵢ·aᵢ|, the
 * size of the terms, because a sum that cancels has no meaningful relative error of its own.
 */
class DotProductTest {
    static Iterable<BlockCodec> codecs() {
        return AllCodecs.list();
    }

    /** Rows long enough for several super-blocks, plus an odd length for the float types' scalar tail. */
    private static int[] lengths(BlockCodec codec) {
        return codec.blockSize == 1 ? new int[] {1024, 1003, 7} : new int[] {1024, 4096};
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void vectorKernelMatchesScalarLoop(BlockCodec codec) {
        assumeTrue(Simd.ENABLED, "no supported vector width on this machine");
        Random random = new Random(42 + codec.type().id());
        for (int n : lengths(codec)) {
            for (int trial = 0; trial < 5; trial++) {
                Pair p = Pair.random(codec, n, random);
                float scalar = codec.dotScalar(p.weights, 0, p.activations, 0, n);
                float vector = codec.dotVector(p.weights, 0, p.activations, 0, n);
                double scale = p.sumAbsProducts();
                assertTrue(Math.abs(scalar - vector) <= 1e-5 * scale,
                        codec.type() + " n=" + n + ": scalar " + scalar + " vector " + vector + " (terms " + scale + ")");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void dotMatchesFloat64DotOfDequantizedValues(BlockCodec codec) {
        Random random = new Random(7 + codec.type().id());
        // Q4_1/Q5_1 use Q8_1's s = fp16(d·Σq), rounded to 11 bits, for the offset term; the others are exact up to float32 sums
        double tolerance = codec.activation == GgmlType.Q8_1 && codec.type != GgmlType.Q8_1 ? 2e-3 : 1e-5;
        for (int n : lengths(codec)) {
            Pair p = Pair.random(codec, n, random);
            double exact = p.exactDot();
            float fast = codec.dot(p.weights, 0, p.activations, 0, n);
            float scalar = codec.dotScalar(p.weights, 0, p.activations, 0, n);
            double scale = p.sumAbsProducts();
            assertTrue(Math.abs(fast - exact) <= tolerance * scale, codec.type() + " n=" + n + ": dot " + fast + " float64 " + exact);
            assertTrue(Math.abs(scalar - exact) <= tolerance * scale, codec.type() + " n=" + n + ": scalar " + scalar + " float64 " + exact);
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void dotRowsEqualsRowByRowDot(BlockCodec codec) {
        Random random = new Random(3);
        int n = 512;
        int rows = 5;
        long rowBytes = codec.checkedBytes(n);
        MemorySegment weights = MemorySegment.ofArray(new byte[(int) (rows * rowBytes)]);
        for (int r = 0; r < rows; r++) {
            codec.quantizeRow(Pair.gaussian(random, n), 0, n, null, weights, r * rowBytes);
        }
        BlockCodec act = AllCodecs.of(codec.activation);
        MemorySegment activations = MemorySegment.ofArray(new byte[(int) act.checkedBytes(n)]);
        act.quantizeRow(Pair.gaussian(random, n), 0, n, null, activations, 0);
        float[] out = new float[rows + 2];
        codec.dotRows(weights, 0, rowBytes, rows, activations, 0, n, out, 1);
        for (int r = 0; r < rows; r++) {
            assertEquals(codec.dot(weights, r * rowBytes, activations, 0, n), out[r + 1], codec.type() + " row " + r);
        }
        assertEquals(0f, out[0]);
        assertEquals(0f, out[rows + 1]);
    }

    /** A weight row and an activation row, quantized with the codec and its partner. */
    record Pair(BlockCodec codec, BlockCodec act, int n, MemorySegment weights, MemorySegment activations) {
        static Pair random(BlockCodec codec, int n, Random random) {
            BlockCodec act = AllCodecs.of(codec.activation);
            MemorySegment w = MemorySegment.ofArray(new byte[(int) codec.checkedBytes(n)]);
            MemorySegment a = MemorySegment.ofArray(new byte[(int) act.checkedBytes(n)]);
            codec.quantizeRow(gaussian(random, n), 0, n, null, w, 0);
            act.quantizeRow(gaussian(random, n), 0, n, null, a, 0);
            return new Pair(codec, act, n, w, a);
        }

        static float[] gaussian(Random random, int n) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (random.nextGaussian() * (1 + (i % 7)));
            }
            return x;
        }

        double exactDot() {
            float[] w = new float[n];
            float[] a = new float[n];
            codec.dequantize(weights, 0, w, 0, n);
            act.dequantize(activations, 0, a, 0, n);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += (double) w[i] * a[i];
            }
            return sum;
        }

        double sumAbsProducts() {
            float[] w = new float[n];
            float[] a = new float[n];
            codec.dequantize(weights, 0, w, 0, n);
            act.dequantize(activations, 0, a, 0, n);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.abs((double) w[i] * a[i]);
            }
            return sum;
        }
    }
}
