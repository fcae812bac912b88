package dev.kiln.quant.k;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.backend.cpu.kernels.MatVec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** backend-cpu's MatVec over this bundle's codecs, off-heap, with 1 to 3 threads: the same floats as row-by-row dot. */
class MatVecWithCodecsTest {
    static Iterable<BlockCodec> codecs() {
        return AllCodecs.list();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void matchesRowByRowDot(BlockCodec codec) {
        int rows = 29;
        int cols = 512;
        Random random = new Random(17);
        long rowBytes = codec.checkedBytes(cols);
        BlockCodec act = AllCodecs.of(codec.activation);
        try (Arena arena = Arena.ofShared()) { // workers read the segments: a confined arena would refuse them
            MemorySegment weights = arena.allocate(rows * rowBytes);
            for (int r = 0; r < rows; r++) {
                codec.quantizeRow(DotProductTest.Pair.gaussian(random, cols), 0, cols, null, weights, r * rowBytes);
            }
            MemorySegment activations = arena.allocate(act.checkedBytes(cols));
            act.quantizeRow(DotProductTest.Pair.gaussian(random, cols), 0, cols, null, activations, 0);
            float[] expected = new float[rows];
            for (int r = 0; r < rows; r++) {
                expected[r] = codec.dot(weights, r * rowBytes, activations, 0, cols);
            }
            for (int threads = 1; threads <= 3; threads++) {
                try (MatVec matVec = new MatVec(threads)) {
                    float[] out = new float[rows];
                    matVec.multiply(codec, weights, 0, rowBytes, rows, activations, 0, cols, out, 0);
                    assertArrayEquals(expected, out, codec.type() + " with " + threads + " threads");
                }
            }
        }
    }
}
