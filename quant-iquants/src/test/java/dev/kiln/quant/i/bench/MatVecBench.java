package dev.kiln.quant.i.bench;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import dev.kiln.backend.cpu.kernels.MatVec;
import dev.kiln.testkit.SequentialReadCodec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matrix-vector product per type (the decode hot path) next to a plain sequential read of the
 * same bytes ({@link SequentialReadCodec}), both split by the same {@link MatVec} over the same
 * number of threads in the same run.
 * The {@code weightBytes} counter is the weight traffic: its ops/s are bytes/s, so divide by 1e9
 * for GB/s (comparable with the K-quant {@code MatVecBenchmark}); the ratio of {@code matVec} to
 * {@code readBaseline} at the same parameters is the figure of merit.
 *
 * <p>The matrix is built from 64 quantized Gaussian rows tiled to the full height (quantizing
 * 4096 rows of every lattice type would dominate the run). Both benchmarks cycle through a 1 GiB
 * working set of matrix copies, so they measure DRAM; {@code -p workingSetMiB=0} measures one
 * matrix, which may sit in the last-level cache.
 *
 * <p>Run (from the repository root):
 * <pre>
 * etc/bench.sh quant-iquants MatVecBench -p type=IQ2_XXS,IQ3_XXS,IQ4_XS -p rows=14336 -f 1 -wi 3 -w 2s -i 3 -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class MatVecBench {
    private static final int DISTINCT_ROWS = 64;

    @Param({"IQ2_XXS", "IQ3_XXS", "IQ4_XS"})
    public String type;

    @Param({"1", "2"})
    public int threads;

    @Param({"4096"})
    public int rows;

    @Param({"4096"})
    public int cols;

    /**
     * Weights streamed per pass, in MiB: the matrix is copied until the copies fill this much and
     * each call takes the next copy, so product and baseline read DRAM as a decode step does (a
     * single matrix of a few to 30 MB can stay in the last-level cache). 0 keeps one matrix.
     */
    @Param({"1024"})
    public int workingSetMiB;

    private Arena arena;
    private QuantCodec codec;
    private QuantCodec reader;
    private MatVec matVec;
    private MemorySegment weights;
    private long rowBytes;
    private long matrixBytes;
    private int copies;
    private int next;
    private MemorySegment activations;
    private float[] out;

    /** Bytes of weights streamed; reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Traffic {
        public long weightBytes;
    }

    @Setup(Level.Trial)
    public void setUp() {
        GgmlType ggmlType = GgmlType.valueOf(type);
        codec = BenchCodecs.byType(ggmlType);
        rowBytes = ggmlType.byteSize(cols);
        arena = Arena.ofShared();
        matrixBytes = rows * rowBytes;
        copies = (int) Math.max(1, ((long) workingSetMiB << 20) / matrixBytes);
        weights = arena.allocate(copies * matrixBytes, 64);
        Random random = new Random(42);
        float[] importance = new float[cols];
        for (int c = 0; c < cols; c++) {
            importance[c] = 0.5f + random.nextFloat();
        }
        float[] row = new float[cols];
        for (int r = 0; r < DISTINCT_ROWS; r++) {
            for (int c = 0; c < cols; c++) {
                row[c] = (float) random.nextGaussian();
            }
            codec.quantizeRow(row, 0, cols, importance, weights, r * rowBytes);
        }
        for (int r = DISTINCT_ROWS; r < rows; r++) {
            MemorySegment.copy(weights, (r % DISTINCT_ROWS) * rowBytes, weights, r * rowBytes, rowBytes);
        }
        for (int c = 1; c < copies; c++) {
            MemorySegment.copy(weights, 0, weights, c * matrixBytes, matrixBytes);
        }
        activations = arena.allocate(codec.activationType().byteSize(cols), 64);
        // The Q8 activation codecs live in the K-quant module, which this one must not depend on:
        // random int8 activations in the activation layout, with a fixed scale (float32 d for
        // Q8_K, fp16 d for Q8_0) in each block's first bytes.
        for (long b = 0; b < activations.byteSize(); b++) {
            activations.set(ValueLayout.JAVA_BYTE, b, (byte) (random.nextInt(255) - 127));
        }
        int blockBytes = codec.activationType().blockBytes();
        for (long at = 0; at < activations.byteSize(); at += blockBytes) {
            if (codec.activationType() == GgmlType.Q8_K) {
                activations.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at, 0.01f);
            } else {
                activations.set(ValueLayout.JAVA_SHORT_UNALIGNED, at, Float.floatToFloat16(0.01f));
            }
        }
        out = new float[rows];
        matVec = new MatVec(threads);
        reader = new SequentialReadCodec(ggmlType, rowBytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        matVec.close();
        arena.close();
    }

    @Benchmark
    public float matVec(Traffic traffic) {
        matVec.multiply(codec, weights, nextCopy(), rowBytes, rows, activations, 0, cols, out, 0);
        traffic.weightBytes += matrixBytes;
        return out[rows - 1];
    }

    /** Reads every byte of the matrix, split the same way. */
    @Benchmark
    public float readBaseline(Traffic traffic) {
        matVec.multiply(reader, weights, nextCopy(), rowBytes, rows, activations, 0, cols, out, 0);
        traffic.weightBytes += matrixBytes;
        return out[0];
    }

    /** Offset of the matrix copy the next call reads. */
    private long nextCopy() {
        next = next + 1 == copies ? 0 : next + 1;
        return next * matrixBytes;
    }
}
