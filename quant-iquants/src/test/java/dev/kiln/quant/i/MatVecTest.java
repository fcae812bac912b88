package dev.kiln.quant.i;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.kiln.backend.cpu.kernels.MatVec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The CPU backend's threaded matrix-vector product with the I-quant codecs equals their row-by-row dot products. */
class MatVecTest {
    @Test
    void everyRowEqualsItsOwnDotProduct() {
        int rows = 37;
        int cols = 512;
        for (BlockCodec codec : AllCodecs.list()) {
            long rowBytes = codec.type().byteSize(cols);
            MemorySegment weights = Arena.ofAuto().allocate(rows * rowBytes);
            for (int r = 0; r < rows; r++) {
                codec.quantizeRow(Synthetic.GAUSSIAN.row(cols, r), 0, cols, Synthetic.importance(cols, 1), weights, r * rowBytes);
            }
            MemorySegment act = TestActivations.quantize(codec.activationType(), Synthetic.UNIFORM.row(cols, 99));
            float[] expected = new float[rows];
            for (int r = 0; r < rows; r++) {
                expected[r] = codec.dot(weights, r * rowBytes, act, 0, cols);
            }
            for (int threads = 1; threads <= 3; threads++) {
                try (MatVec matVec = new MatVec(threads)) {
                    for (int repeat = 0; repeat < 3; repeat++) {
                        float[] out = new float[rows];
                        matVec.multiply(codec, weights, 0, rowBytes, rows, act, 0, cols, out, 0);
                        assertArrayEquals(expected, out, codec.type().ggmlName() + " with " + threads + " threads");
                    }
                }
            }
        }
    }
}
