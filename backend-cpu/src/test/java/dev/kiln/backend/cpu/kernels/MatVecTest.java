package dev.kiln.backend.cpu.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** MatVec with a codec whose "dot product" is the weight row's offset, so every row's placement shows. */
class MatVecTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void everyRowIsComputedOnceForAnyThreadCountAndShape(int threads) {
        try (MatVec matVec = new MatVec(threads)) {
            for (int rows : new int[] {0, 1, 2, 4, 7, 37, 100}) {
                for (int call = 0; call < 20; call++) { // repeated calls reuse the same workers
                    float[] out = new float[rows + 2];
                    java.util.Arrays.fill(out, -1f);
                    matVec.multiply(new RowIndexCodec(new HashSet<>()), MemorySegment.ofArray(new byte[rows + 1]), 1, 1,
                            rows, MemorySegment.ofArray(new byte[1]), 0, 1, out, 1);
                    assertEquals(-1f, out[0]);
                    assertEquals(-1f, out[rows + 1]);
                    for (int r = 0; r < rows; r++) {
                        assertEquals(r + 1, out[r + 1], "rows " + rows + " row " + r);
                    }
                }
            }
        }
    }

    @Test
    void splitsRowsIntoOneContiguousRangePerThread() {
        Set<String> threadNames = Collections.synchronizedSet(new HashSet<>());
        QuantCodec recording = new RowIndexCodec(threadNames);
        int rows = 10;
        float[] out = new float[rows];
        try (MatVec matVec = new MatVec(3)) {
            matVec.multiply(recording, MemorySegment.ofArray(new byte[rows]), 0, 1, rows,
                    MemorySegment.ofArray(new byte[1]), 0, 1, out, 0);
        }
        for (int r = 0; r < rows; r++) {
            assertEquals(r, out[r], "row " + r);
        }
        assertEquals(3, threadNames.size(), "threads used: " + threadNames);
    }

    @Test
    void propagatesACodecFailureFromAWorker() {
        QuantCodec failing = new RowIndexCodec(new HashSet<>()) {
            @Override
            public void dotRows(MemorySegment w, long wo, long rowBytes, int rows, MemorySegment a, long ao,
                                int count, float[] out, int outOffset) {
                if (outOffset > 0) {
                    throw new IllegalStateException("row " + outOffset);
                }
            }
        };
        try (MatVec matVec = new MatVec(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> matVec.multiply(failing,
                    MemorySegment.ofArray(new byte[8]), 0, 1, 8, MemorySegment.ofArray(new byte[1]), 0, 1, new float[8], 0));
            assertTrue(e.getMessage().startsWith("row"));
            float[] out = new float[8];
            matVec.multiply(new RowIndexCodec(new HashSet<>()), MemorySegment.ofArray(new byte[8]), 0, 1, 8,
                    MemorySegment.ofArray(new byte[1]), 0, 1, out, 0);
            assertEquals(7f, out[7], "usable after a failure");
        }
    }

    @Test
    void refusesOutputsTooSmallAndUseAfterClose() {
        MatVec matVec = new MatVec(2);
        QuantCodec codec = new RowIndexCodec(new HashSet<>());
        assertThrows(IllegalArgumentException.class, () -> matVec.multiply(codec, MemorySegment.ofArray(new byte[68]),
                0, 34, 2, MemorySegment.ofArray(new byte[34]), 0, 32, new float[1], 0));
        matVec.close();
        assertThrows(IllegalStateException.class, () -> matVec.multiply(codec, MemorySegment.ofArray(new byte[68]),
                0, 34, 2, MemorySegment.ofArray(new byte[34]), 0, 32, new float[2], 0));
        assertThrows(IllegalArgumentException.class, () -> new MatVec(0));
        assertSame(2, matVec.threads());
    }

    /** A one-byte-per-row codec whose "dot product" is the row's index: shows which rows ran where. */
    private static class RowIndexCodec implements QuantCodec {
        private final Set<String> threadNames;

        RowIndexCodec(Set<String> threadNames) {
            this.threadNames = threadNames;
        }

        @Override
        public GgmlType type() {
            return GgmlType.I8;
        }

        @Override
        public GgmlType activationType() {
            return GgmlType.I8;
        }

        @Override
        public void dequantize(MemorySegment src, long srcOffset, float[] dst, int dstOffset, int count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dequantize(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void quantizeRow(float[] src, int srcOffset, int cols, float[] importance, MemorySegment dst, long dstOffset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public float dot(MemorySegment weights, long weightsOffset, MemorySegment activations, long activationsOffset, int count) {
            threadNames.add(Thread.currentThread().getName());
            return weightsOffset;
        }
    }
}
