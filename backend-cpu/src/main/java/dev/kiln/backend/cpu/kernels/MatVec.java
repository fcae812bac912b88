package dev.kiln.backend.cpu.kernels;

import dev.kiln.api.quant.QuantCodec;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Matrix-vector product of quantized weight rows with one quantized activation row, for any
 * {@link QuantCodec} (through {@link QuantCodec#dotRows}): the decode hot path.
 *
 * <p>Rows are split into {@code threads} contiguous ranges; the calling thread computes the first
 * and {@code threads − 1} worker threads, started once, the others. A call allocates nothing: the
 * arguments are handed over in fields, published by a volatile generation counter, and workers
 * wait by spinning briefly and then parking. One call at a time per instance; {@link #close} stops
 * the workers.
 *
 * <p>With more than one thread the worker threads read the segments, so they must come from a
 * shared, global or automatic arena (or the heap, or a mapped file), not a confined one.
 */
public final class MatVec implements AutoCloseable {
    /** Spins before parking: a decode step issues matrix products back to back, microseconds apart. */
    private static final int SPINS_BEFORE_PARK = 20_000;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile Throwable failure;

    // the current call's arguments, written before the generation is bumped
    private QuantCodec codec;
    private MemorySegment weights;
    private long weightsOffset;
    private long rowBytes;
    private int rows;
    private MemorySegment activations;
    private long activationsOffset;
    private int cols;
    private float[] out;
    private int outOffset;

    /** A product that uses {@code threads} threads: the caller's plus {@code threads − 1} daemon workers. */
    public MatVec(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int part = i + 1;
            workers[i] = Thread.ofPlatform().daemon().name("kiln-matvec-" + part).unstarted(() -> work(part));
            workers[i].start();
        }
    }

    /** The number of threads a call uses, the caller's included. */
    public int threads() {
        return threads;
    }

    /**
     * {@code out[outOffset + r] = dot(weight row r, activations)} for {@code r < rows}; weight rows
     * hold {@code cols} elements and lie {@code rowBytes} apart from {@code weightsOffset}, the
     * activations are {@code cols} elements of {@code codec.activationType()}.
     */
    public void multiply(QuantCodec codec, MemorySegment weights, long weightsOffset, long rowBytes, int rows,
                         MemorySegment activations, long activationsOffset, int cols, float[] out, int outOffset) {
        Objects.requireNonNull(codec, "codec");
        if (closed) {
            throw new IllegalStateException("MatVec is closed");
        }
        if (rows < 0 || outOffset < 0 || outOffset > out.length - rows) {
            throw new IllegalArgumentException(rows + " rows do not fit an output of " + out.length + " at " + outOffset);
        }
        this.codec = codec;
        this.weights = weights;
        this.weightsOffset = weightsOffset;
        this.rowBytes = rowBytes;
        this.rows = rows;
        this.activations = activations;
        this.activationsOffset = activationsOffset;
        this.cols = cols;
        this.out = out;
        this.outOffset = outOffset;
        if (workers.length == 0 || rows < threads) {
            runPart(0, 1);
            return;
        }
        failure = null;
        caller = Thread.currentThread();
        pending.set(workers.length);
        generation++; // publishes the fields above to the workers
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        Throwable own = null;
        try {
            runPart(0, threads);
        } catch (RuntimeException | Error e) {
            own = e;
        }
        for (int spins = 0; pending.get() != 0; spins++) {
            if (spins < SPINS_BEFORE_PARK) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        clearReferences();
        Throwable theirs = failure;
        if (own != null || theirs != null) {
            Throwable first = own != null ? own : theirs;
            if (first instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) first;
        }
    }

    private void runPart(int part, int parts) {
        int chunk = (rows + parts - 1) / parts;
        int from = Math.min(rows, part * chunk);
        int to = Math.min(rows, from + chunk);
        if (from < to) {
            codec.dotRows(weights, weightsOffset + from * rowBytes, rowBytes, to - from,
                    activations, activationsOffset, cols, out, outOffset + from);
        }
    }

    private void work(int part) {
        int seen = 0;
        while (true) {
            for (int spins = 0; generation == seen && !closed; spins++) {
                if (spins < SPINS_BEFORE_PARK) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                runPart(part, threads);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** Drops the references to the caller's arrays and segments so an idle instance pins nothing. */
    private void clearReferences() {
        codec = null;
        weights = null;
        activations = null;
        out = null;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
