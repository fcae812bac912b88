package dev.kiln.quant.k.bench;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import dev.kiln.backend.cpu.kernels.MatVec;
import dev.kiln.testkit.SequentialReadCodec;
import dev.kiln.quant.k.BF16Codec;
import dev.kiln.quant.k.F16Codec;
import dev.kiln.quant.k.F32Codec;
import dev.kiln.quant.k.Q2_KCodec;
import dev.kiln.quant.k.Q3_KCodec;
import dev.kiln.quant.k.Q4_0Codec;
import dev.kiln.quant.k.Q4_1Codec;
import dev.kiln.quant.k.Q4_KCodec;
import dev.kiln.quant.k.Q5_0Codec;
import dev.kiln.quant.k.Q5_1Codec;
import dev.kiln.quant.k.Q5_KCodec;
import dev.kiln.quant.k.Q6_KCodec;
import dev.kiln.quant.k.Q8_0Codec;
import dev.kiln.quant.k.Q8_1Codec;
import dev.kiln.quant.k.Q8_KCodec;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
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
 * Matrix-vector product (the decode hot path) per weight type, through backend-cpu's MatVec with
 * 1 and 2 threads, next to a sequential read of the same bytes split the same way. The
 * {@code weightBytes} counter is the weight traffic: its ops/s are bytes/s, so divide by 1e9 for
 * GB/s and compare {@code matVec} with {@code readBaseline} at the same parameters.
 *
 * <p>Run (from the repository root; a short configuration, as on a shared 2-core machine):
 * <pre>
 * etc/bench.sh quant-kquants MatVecBenchmark -p rows=4096 -f 1 -wi 2 -w 1s -i 2 -r 1s
 * </pre>
 * Drop {@code -p rows=4096} to add the 14336×4096 matrices; {@code -p type=Q4_K,Q6_K,Q8_0} narrows
 * the types. The K-quant kernels take C2 a few seconds to compile on a busy machine: give them
 * {@code -wi 3 -w 2s} or more before trusting a number. Both benchmarks cycle through a 1 GiB
 * working set of matrix copies, so they measure DRAM; {@code -p workingSetMiB=0} measures one
 * matrix, which may sit in the last-level cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MatVecBenchmark {
    /** Distinct quantized rows; the matrix repeats them, which is enough for a bandwidth measurement. */
    private static final int DISTINCT_ROWS = 64;

    @Param({"Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q8_0", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "F16", "BF16", "F32"})
    public String type;

    @Param({"4096", "14336"})
    public int rows;

    @Param({"4096"})
    public int cols;

    @Param({"1", "2"})
    public int threads;

    /**
     * Weights streamed per pass, in MiB: the matrix is copied until the copies fill this much and
     * each call takes the next copy, so product and baseline read DRAM as a decode step does (a
     * single 30-60 MB matrix can stay in this machine's last-level cache). 0 keeps one matrix.
     */
    @Param({"1024"})
    public int workingSetMiB;

    private Arena arena;
    private QuantCodec codec;
    private QuantCodec reader;
    private MemorySegment weights;
    private MemorySegment activations;
    private long rowBytes;
    private long matrixBytes;
    private int copies;
    private int next;
    private MatVec matVec;
    private float[] out;

    /** Bytes of weights streamed; reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Traffic {
        public long weightBytes;
    }

    @Setup(Level.Trial)
    public void setUp() {
        List<QuantCodec> codecs = List.of(new F32Codec(), new F16Codec(), new BF16Codec(), new Q4_0Codec(),
                new Q4_1Codec(), new Q5_0Codec(), new Q5_1Codec(), new Q8_0Codec(), new Q8_1Codec(), new Q2_KCodec(),
                new Q3_KCodec(), new Q4_KCodec(), new Q5_KCodec(), new Q6_KCodec(), new Q8_KCodec());
        GgmlType wanted = GgmlType.fromName(type).orElseThrow();
        codec = codecs.stream().filter(c -> c.type() == wanted).findFirst().orElseThrow();
        QuantCodec act = codecs.stream().filter(c -> c.type() == codec.activationType()).findFirst().orElseThrow();
        rowBytes = wanted.byteSize(cols);
        arena = Arena.ofShared();
        matrixBytes = rows * rowBytes;
        copies = (int) Math.max(1, ((long) workingSetMiB << 20) / matrixBytes);
        weights = arena.allocate(copies * matrixBytes, 64);
        Random random = new Random(1);
        for (int r = 0; r < DISTINCT_ROWS && r < rows; r++) {
            codec.quantizeRow(gaussian(random), 0, cols, null, weights, r * rowBytes);
        }
        for (int r = DISTINCT_ROWS; r < rows; r++) {
            MemorySegment.copy(weights, (r % DISTINCT_ROWS) * rowBytes, weights, r * rowBytes, rowBytes);
        }
        for (int c = 1; c < copies; c++) {
            MemorySegment.copy(weights, 0, weights, c * matrixBytes, matrixBytes);
        }
        activations = arena.allocate(act.type().byteSize(cols), 64);
        act.quantizeRow(gaussian(random), 0, cols, null, activations, 0);
        reader = new SequentialReadCodec(wanted, rowBytes);
        matVec = new MatVec(threads);
        out = new float[rows];
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

    @Benchmark
    public float readBaseline(Traffic traffic) {
        matVec.multiply(reader, weights, nextCopy(), rowBytes, rows, activations, 0, cols, out, 0);
        traffic.weightBytes += matrixBytes;
        return out[rows - 1];
    }

    /** Offset of the matrix copy the next call reads. */
    private long nextCopy() {
        next = next + 1 == copies ? 0 : next + 1;
        return next * matrixBytes;
    }

    private float[] gaussian(Random random) {
        float[] x = new float[cols];
        for (int i = 0; i < cols; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
