package io.qmoe.bench;

import java.util.Arrays;

/** Times a piece of work: warm-up runs, then repeated runs until a time budget is spent; reports the median. */
final class Stopwatch {
    private Stopwatch() {
    }

    /**
     * Median seconds per call of {@code work} over at least {@code minRuns} runs and about {@code budget} seconds,
     * after {@code warmups} calls and at least half the budget of warm-up (so the JIT has compiled the hot loops).
     */
    static double median(Runnable work, int warmups, int minRuns, double budget) {
        long warmStart = System.nanoTime();
        for (int i = 0; i < warmups || (System.nanoTime() - warmStart) / 1e9 < budget / 2; i++) {
            work.run();
        }
        double[] times = new double[Math.max(minRuns, 64)];
        int n = 0;
        long start = System.nanoTime();
        while (n < times.length && (n < minRuns || (System.nanoTime() - start) / 1e9 < budget)) {
            long t0 = System.nanoTime();
            work.run();
            times[n++] = (System.nanoTime() - t0) / 1e9;
        }
        double[] used = Arrays.copyOf(times, n);
        Arrays.sort(used);
        return used[n / 2];
    }
}
