package io.qmoe.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The hand-off of {@link ParallelBatch}: every row once, shared use from several threads, nesting, failures, close. */
class ParallelBatchTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void everyRowRunsExactlyOnceOnEveryCall() {
        try (ParallelBatch batch = new ParallelBatch(3)) {
            for (int rows : new int[] {1, 2, 3, 7, 100, 1001}) {
                for (int call = 0; call < 200; call++) {
                    AtomicIntegerArray seen = new AtomicIntegerArray(rows);
                    batch.run(rows, 1_000_000, (from, to) -> {
                        for (int r = from; r < to; r++) {
                            seen.incrementAndGet(r);
                        }
                    });
                    for (int r = 0; r < rows; r++) {
                        assertThat(seen.get(r)).as("row %d of %d", r, rows).isEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void sharesRunOnTheWorkersWhenTheyAreFree() {
        try (ParallelBatch batch = new ParallelBatch(2)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            for (int call = 0; call < 50; call++) {
                batch.run(2, 1_000_000, (from, to) -> threads.add(Thread.currentThread().getName()));
            }
            assertThat(threads).contains(Thread.currentThread().getName(), "qmoe-worker");
        }
    }

    @Test
    void callersOnSeveralThreadsShareOneRunner() throws Exception {
        try (ParallelBatch batch = new ParallelBatch(2)) {
            int callers = 4;
            int rows = 64;
            List<Thread> started = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int c = 0; c < callers; c++) {
                Thread t = new Thread(() -> {
                    try {
                        for (int call = 0; call < 2000; call++) {
                            AtomicIntegerArray seen = new AtomicIntegerArray(rows);
                            batch.run(rows, 1_000_000, (from, to) -> {
                                for (int r = from; r < to; r++) {
                                    seen.incrementAndGet(r);
                                }
                            });
                            for (int r = 0; r < rows; r++) {
                                if (seen.get(r) != 1) {
                                    throw new AssertionError("row " + r + " ran " + seen.get(r) + " times");
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                started.add(t);
            }
            assertTimeoutPreemptively(LIMIT, () -> {
                started.forEach(Thread::start);
                for (Thread t : started) {
                    t.join();
                }
            });
            assertThat(failures).isEmpty();
        }
    }

    @Test
    void aShareThatUsesTheSameRunnerAgainFinishes() {
        try (ParallelBatch batch = new ParallelBatch(2)) {
            AtomicIntegerArray seen = new AtomicIntegerArray(16);
            assertTimeoutPreemptively(LIMIT, () -> batch.run(4, 1_000_000, (from, to) ->
                    batch.run(4, 1_000_000, (f, t) -> {
                        for (int r = f; r < t; r++) {
                            for (int q = from; q < to; q++) {
                                seen.incrementAndGet(4 * q + r);
                            }
                        }
                    })));
            for (int r = 0; r < 16; r++) {
                assertThat(seen.get(r)).isEqualTo(1);
            }
        }
    }

    @Test
    void aWorkersFailureReachesTheCaller() {
        try (ParallelBatch batch = new ParallelBatch(2)) {
            IllegalArgumentException thrown = new IllegalArgumentException("share 2");
            assertThatThrownBy(() -> batch.run(2, 1_000_000, (from, to) -> {
                if (from == 1) {
                    throw thrown;
                }
            })).isSameAs(thrown);
            // the runner still works afterwards
            AtomicIntegerArray seen = new AtomicIntegerArray(2);
            batch.run(2, 1_000_000, (from, to) -> seen.incrementAndGet(from));
            assertThat(seen.get(0) + seen.get(1)).isEqualTo(2);
        }
    }

    @Test
    void stepsAreSeparatedByTheBarrier() {
        try (ParallelBatch batch = new ParallelBatch(3)) {
            int steps = 500;
            AtomicIntegerArray written = new AtomicIntegerArray(3);
            List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            assertTimeoutPreemptively(LIMIT, () -> batch.runSteps(steps, (step, part, parts) -> {
                // after the barrier every share has finished step − 1; a fast one may have finished this step too
                for (int p = 0; p < parts; p++) {
                    int at = written.get(p);
                    if (step > 0 && at != step - 1 && at != step) {
                        errors.add("step " + step + " saw share " + p + " at step " + at);
                    }
                }
                written.set(part, step);
            }));
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void stepsRunWithFewerSharesWhileAWorkerIsBusy() throws Exception {
        try (ParallelBatch batch = new ParallelBatch(2)) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread other = new Thread(() -> batch.run(2, 1_000_000, (from, to) -> {
                if (from == 1) {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }));
            other.start();
            assertThat(holding.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            int[] partsSeen = new int[1];
            assertTimeoutPreemptively(LIMIT, () -> batch.runSteps(10, (step, part, parts) -> partsSeen[0] = parts));
            assertThat(partsSeen[0]).isEqualTo(1);
            release.countDown();
            other.join();
        }
    }

    @Test
    void afterCloseEverythingRunsOnTheCaller() {
        ParallelBatch batch = new ParallelBatch(2);
        batch.close();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        batch.run(8, 1_000_000, (from, to) -> threads.add(Thread.currentThread().getName()));
        batch.forEachTask(5, i -> threads.add(Thread.currentThread().getName()));
        batch.runSteps(3, (s, p, parts) -> threads.add(Thread.currentThread().getName()));
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void anInterruptDoesNotCutTheWaitShort() {
        try (ParallelBatch batch = new ParallelBatch(2)) {
            AtomicIntegerArray seen = new AtomicIntegerArray(2);
            Thread.currentThread().interrupt();
            batch.run(2, 1_000_000, (from, to) -> {
                if (from == 1) {
                    long end = System.nanoTime() + 5_000_000;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                }
                seen.incrementAndGet(from);
            });
            assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
            assertThat(seen.get(0) + seen.get(1)).isEqualTo(2);
        }
    }
}
