package dev.kiln.quant.i;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs a task over {@code [0, rows)} split into contiguous, equal chunks, one per thread: the
 * calling thread takes the first chunk and {@code threads − 1} parked workers the others. Nothing
 * is allocated per call (the decode hot path calls this once per matrix per token).
 *
 * <p>Hand-off: the caller publishes the job with a volatile write of {@code generation} and
 * unparks the workers; each worker runs its chunk and counts down {@code pending}; the caller
 * spins on {@code pending} after its own chunk. Workers spin briefly before parking, since the
 * next call usually follows within microseconds.
 */
public final class ParallelRows implements AutoCloseable {
    /** A range of rows to process; implementations must be safe to run concurrently on disjoint ranges. */
    @FunctionalInterface
    public interface RowRange {
        void run(int from, int to);
    }

    private static final int SPINS_BEFORE_PARK = 20_000;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile int generation;
    private volatile boolean closed;
    private RowRange task;
    private int rows;

    public ParallelRows(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int chunk = i + 1;
            workers[i] = Thread.ofPlatform().daemon().name("kiln-rows-" + chunk).unstarted(() -> work(chunk));
            workers[i].start();
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task} over {@code [0, rows)} and returns when every chunk is done. Not reentrant. */
    public void run(int rows, RowRange task) {
        if (threads == 1) {
            task.run(0, rows);
            return;
        }
        this.task = task;
        this.rows = rows;
        pending.set(workers.length);
        generation++;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
        task.run(0, chunkEnd(0, rows));
        int spins = 0;
        while (pending.get() != 0) {
            // Spin first (chunks end close together); then yield, so that on an oversubscribed
            // machine the waiting caller does not hold the core a worker needs to finish.
            if (++spins < SPINS_BEFORE_PARK) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        this.task = null;
    }

    private int chunkEnd(int chunk, int rows) {
        return (int) ((long) rows * (chunk + 1) / threads);
    }

    private void work(int chunk) {
        int seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (++spins < SPINS_BEFORE_PARK) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = generation;
            int from = chunkEnd(chunk - 1, rows);
            int to = chunkEnd(chunk, rows);
            try {
                task.run(from, to);
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread worker : workers) {
            LockSupport.unpark(worker);
        }
    }
}
