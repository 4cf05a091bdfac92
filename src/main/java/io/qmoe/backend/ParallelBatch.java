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
            Thread t = new Thread(r, "qmoe-worker");
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
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                failure.compareAndSet(null, e.getCause());
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }
}
