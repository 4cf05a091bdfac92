package io.qmoe.backend;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Splits a batch of independent rows into contiguous chunks, one per worker, and runs them on daemon threads (the
 * caller runs the first chunk). Each row's result depends only on that row, so the numbers are bit-identical whatever
 * the thread count. Small batches run inline. {@link #forEachTask} is the queue mode for independent tasks of unequal
 * size: workers take the next task in the given order as they become free. {@link #close()} stops the workers; afterwards batches run inline on the
 * caller's thread (same numbers).
 *
 * <p>Hand-off: each worker holds at most one share at a time. After a share it spins for {@link #SPIN_NANOS} before it
 * parks, so a caller that hands out batch after batch (a mixture's 300 backend calls per velocity field at 10^6
 * experts) does not pay a thread wake-up per batch (tens of microseconds on a virtual machine). A caller that finds a
 * worker busy (another thread is using this runner too) runs that share itself: the split, and so every number, stays
 * the same.
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

    /** How long an idle worker, and a caller waiting for a worker, spin before they park. */
    static final long SPIN_NANOS = 200_000;

    /** Set on this class's worker threads: a worker never waits for another worker's share (no nested teams). */
    private static final ThreadLocal<Boolean> WORKER = ThreadLocal.withInitial(() -> false);

    private final int threads;
    private final Worker[] workers;
    private volatile boolean closed;

    /** A runner with {@code threads} workers (at least 1). */
    public ParallelBatch(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker();
            workers[w].start();
        }
    }

    /** Stops the worker threads (idempotent); later batches run on the caller's thread. */
    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
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
        if (parts <= 1 || closed) {
            chunk.run(0, rows);
            return;
        }
        int per = (rows + parts - 1) / parts;
        Task[] handed = new Task[parts];
        for (int p = 1; p < parts; p++) {
            int from = p * per;
            int to = Math.min(rows, from + per);
            if (from < to) {
                handed[p] = offer(p - 1, () -> chunk.run(from, to));
            }
        }
        chunk.run(0, Math.min(rows, per));
        for (int p = 1; p < parts; p++) {
            int from = p * per;
            if (from < rows && handed[p] == null) {
                chunk.run(from, Math.min(rows, from + per));
            }
        }
        awaitAll(handed);
    }

    /** Hands {@code body} to worker {@code w}, or returns null when that worker is busy or stopped. */
    private Task offer(int w, Runnable body) {
        Worker worker = workers[w];
        if (closed || !worker.busy.compareAndSet(false, true)) {
            return null;
        }
        Task task = new Task(body);
        worker.give(task);
        return task;
    }

    /** Waits for every handed-out task (nulls skipped) and rethrows the first failure. */
    private static void awaitAll(Task[] tasks) {
        RuntimeException first = null;
        for (Task t : tasks) {
            if (t == null) {
                continue;
            }
            t.await();
            if (first == null && t.failure != null) {
                first = t.failure instanceof RuntimeException re ? re : new IllegalStateException(t.failure);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** One share handed to a worker: its body, its failure, and who waits for it. */
    private static final class Task {
        private final Runnable body;
        private volatile boolean done;
        private volatile Thread waiter;
        private Throwable failure;

        Task(Runnable body) {
            this.body = body;
        }

        void execute() {
            try {
                body.run();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
        }

        void finish() {
            done = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }

        /** Spins a while, then parks until the worker is done (an interrupt does not cut the wait short). */
        void await() {
            long deadline = System.nanoTime() + SPIN_NANOS;
            while (!done && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            if (done) {
                return;
            }
            waiter = Thread.currentThread();
            boolean interrupted = false;
            while (!done) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A daemon thread that runs one handed-out task at a time, spinning briefly between tasks before it parks. */
    private final class Worker extends Thread {
        private final AtomicBoolean busy = new AtomicBoolean();
        private volatile Task next;
        private volatile boolean sleeping;

        Worker() {
            super("qmoe-worker");
            setDaemon(true);
        }

        /** Publishes {@code task} to this worker, which the caller has claimed (busy), and wakes it if it sleeps. */
        void give(Task task) {
            next = task;
            if (sleeping) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            WORKER.set(true);
            while (true) {
                Task task = next;
                if (task == null) {
                    long deadline = System.nanoTime() + SPIN_NANOS;
                    while ((task = next) == null && !closed && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                }
                if (task == null) {
                    if (closed) {
                        // a caller that claimed this worker before close() still gets its task run
                        if (!busy.get()) {
                            return;
                        }
                        Thread.onSpinWait();
                        continue;
                    }
                    sleeping = true;
                    if (next == null && !closed) {
                        LockSupport.park(this);
                    }
                    sleeping = false;
                    continue;
                }
                next = null;
                task.execute();
                // free before done: a caller that sees its task done can hand this worker the next one at once
                busy.set(false);
                task.finish();
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
        int helpers = (int) Math.min(threads, tasks) - 1;
        if (helpers <= 0 || closed) {
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
        Task[] handed = new Task[helpers];
        for (int w = 0; w < helpers; w++) {
            handed[w] = offer(w, loop);
        }
        loop.run();
        // the loop catches every failure of a task itself, so waiting only waits
        awaitAll(handed);
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
        if (workers.length == 0 || closed || WORKER.get()) {
            runStepsInline(steps, step);
            return;
        }
        // a share needs a worker of its own for the whole team (the barrier waits for every share): claim them first
        Worker[] team = new Worker[workers.length];
        int claimed = 0;
        for (Worker w : workers) {
            if (w.busy.compareAndSet(false, true)) {
                team[claimed++] = w;
            }
        }
        if (claimed == 0) {
            runStepsInline(steps, step);
            return;
        }
        int parts = claimed + 1;
        SpinBarrier barrier = new SpinBarrier(parts);
        Task[] handed = new Task[claimed];
        for (int p = 1; p < parts; p++) {
            int part = p;
            handed[p - 1] = new Task(() -> team(steps, barrierAfter, step, part, parts, barrier));
            team[p - 1].give(handed[p - 1]);
        }
        team(steps, barrierAfter, step, 0, parts, barrier);
        awaitAll(handed);
        if (barrier.failure != null) {
            throw barrier.failure;
        }
    }

    private static void runStepsInline(int steps, Step step) {
        for (int s = 0; s < steps; s++) {
            step.run(s, 0, 1);
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
