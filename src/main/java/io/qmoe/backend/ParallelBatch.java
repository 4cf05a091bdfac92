package io.qmoe.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Splits a batch of independent rows into contiguous chunks, one per worker, and runs them on daemon threads (the
 * caller runs the first chunk). Each row's result depends only on that row, so the numbers are bit-identical whatever
 * the thread count. Small batches run inline. {@link #forEachTask} is the queue mode for independent tasks of unequal
 * size: workers take the next task in the given order as they become free. {@link #close()} stops the workers; afterwards batches run inline on the
 * caller's thread (same numbers).
 */
public final class ParallelBatch implements AutoCloseable {
    /** Work on one contiguous range of rows, with buffers owned by the chunk. */
    @FunctionalInterface
    public interface Chunk {
        /** Processes rows {@code from} (inclusive) to {@code to} (exclusive). */
        void run(int from, int to);
    }

    /** Work split in shares, run step after step (see {@link #runSteps}). */
    @FunctionalInterface
    public interface Step {
        /** Does share {@code part} of {@code parts} of step {@code step}. */
        void run(int step, int part, int parts);
    }

    /** Set on this class's worker threads: a worker never waits for another worker's share (no nested teams). */
    private static final ThreadLocal<Boolean> WORKER = ThreadLocal.withInitial(() -> false);

    private final int threads;
    private final ExecutorService pool;
    private volatile boolean closed;

    /** A runner with {@code threads} workers (at least 1). */
    public ParallelBatch(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(() -> {
                WORKER.set(true);
                r.run();
            }, "qmoe-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Stops the worker threads (idempotent); later batches run on the caller's thread. */
    @Override
    public void close() {
        closed = true;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** The number of workers. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code chunk} over rows [0, rows); {@code workPerRow} (e.g. amplitudes × gates) decides whether splitting is
     * worth it.
     */
    public void run(int rows, long workPerRow, Chunk chunk) {
        int parts = (int) Math.min(threads, Math.max(1, rows * Math.max(1, workPerRow) / 20_000));
        parts = Math.min(parts, rows);
        if (parts <= 1 || pool == null || closed) {
            chunk.run(0, rows);
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        int per = (rows + parts - 1) / parts;
        for (int p = 1; p < parts; p++) {
            int from = p * per;
            int to = Math.min(rows, from + per);
            if (from < to) {
                futures.add(pool.submit(() -> chunk.run(from, to)));
            }
        }
        chunk.run(0, Math.min(rows, per));
        await(futures);
    }

    private static void await(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /**
     * Runs {@code task} for every index 0 … tasks−1, handed out in that order to the workers and the caller as each
     * becomes free (put the longest tasks first). Each task must depend only on its index, so the results do not depend
     * on the thread count. The first failure is rethrown after every started task has ended; tasks not yet started
     * are skipped.
     */
    public void forEachTask(int tasks, IntConsumer task) {
        int workers = (int) Math.min(threads, tasks);
        if (workers <= 1 || pool == null || closed) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable loop = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < tasks) {
                try {
                    task.accept(i);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            futures.add(pool.submit(loop));
        }
        loop.run();
        // the loop catches every failure of a task itself, so waiting only waits
        await(futures);
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    /**
     * Runs steps 0 … {@code steps − 1} in order, each split into one share per worker, every share of a step finished
     * before any share of the next starts (a spinning barrier, which then yields): for one large register whose gates
     * are split over the workers. Each share must touch only its own amplitudes, so the result does not depend on the
     * number of shares. Runs inline (one share) with one worker, after {@link #close()}, or when called from a worker.
     */
    public void runSteps(int steps, Step step) {
        runSteps(steps, null, step);
    }

    /**
     * {@link #runSteps(int, Step)} with a barrier only after the steps s with {@code barrierAfter[s]} (null: after
     * every step): consecutive steps whose shares touch the same amplitudes need none.
     */
    public void runSteps(int steps, boolean[] barrierAfter, Step step) {
        if (pool == null || closed || WORKER.get()) {
            for (int s = 0; s < steps; s++) {
                step.run(s, 0, 1);
            }
            return;
        }
        int parts = threads;
        SpinBarrier barrier = new SpinBarrier(parts);
        List<Future<?>> futures = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
            int part = p;
            futures.add(pool.submit(() -> team(steps, barrierAfter, step, part, parts, barrier)));
        }
        team(steps, barrierAfter, step, 0, parts, barrier);
        await(futures);
        if (barrier.failure != null) {
            throw barrier.failure;
        }
    }

    /** One share of every step; after a failure the share keeps meeting the barrier but does no more work. */
    private static void team(int steps, boolean[] barrierAfter, Step step, int part, int parts,
                             SpinBarrier barrier) {
        for (int s = 0; s < steps; s++) {
            if (barrier.failure == null) {
                try {
                    step.run(s, part, parts);
                } catch (RuntimeException | Error e) {
                    barrier.fail(e instanceof RuntimeException re ? re : new IllegalStateException(e));
                }
            }
            if (barrierAfter == null || barrierAfter[s]) {
                barrier.await();
            }
        }
    }

    /** A reusable barrier for a fixed number of parties that spins briefly, then yields. */
    private static final class SpinBarrier {
        private final int parties;
        private final java.util.concurrent.atomic.AtomicInteger arrived = new java.util.concurrent.atomic.AtomicInteger();
        private volatile int generation;
        private volatile RuntimeException failure;

        SpinBarrier(int parties) {
            this.parties = parties;
        }

        synchronized void fail(RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
        }

        void await() {
            int g = generation;
            if (arrived.incrementAndGet() == parties) {
                arrived.set(0);
                generation = g + 1;
                return;
            }
            for (int spins = 0; generation == g; spins++) {
                if (spins < 1 << 12) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }
}
