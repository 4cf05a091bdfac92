package io.qmoe.bench;

import java.util.Arrays;

/**
 * Times a piece of work in its steady state: after half the time budget of warm-up (so C2 has compiled the hot
 * loops), warm-up runs repeat in windows of {@link #WINDOW} calls until the median
 * of the last window is within {@link #SETTLED} of the median of the window before (the JIT has compiled the hot
 * loops and the timings have stopped falling), or until a warm-up cap; then repeated runs until a time budget is
 * spent. Reports the median.
 */
final class Stopwatch {
    /** Calls per warm-up window. */
    static final int WINDOW = 5;
    /** Relative change of the window median below which timings count as settled. */
    static final double SETTLED = 0.03;

    private Stopwatch() {
    }

    /**
     * Median seconds per call of {@code work} over at least {@code minRuns} runs and about {@code budget} seconds,
     * after at least {@code warmups} calls and a warm-up of at least half the budget that then runs until the timings
     * settle (at most max(0.5 s, 5·budget) of warm-up in all).
     */
    static double median(Runnable work, int warmups, int minRuns, double budget) {
        long warmStart = System.nanoTime();
        double cap = Math.max(0.5, 5 * budget);
        for (int i = 0; i < warmups; i++) {
            work.run();
        }
        double previous = Double.NaN;
        double[] window = new double[WINDOW];
        while ((System.nanoTime() - warmStart) / 1e9 < cap) {
            boolean longEnough = (System.nanoTime() - warmStart) / 1e9 >= budget / 2;
            for (int i = 0; i < WINDOW; i++) {
                long t0 = System.nanoTime();
                work.run();
                window[i] = (System.nanoTime() - t0) / 1e9;
            }
            double current = medianOf(window, WINDOW);
            if (longEnough && Math.abs(current - previous) < SETTLED * current) {
                break;
            }
            previous = current;
        }
        double[] times = new double[Math.max(minRuns, 64)];
        int n = 0;
        long start = System.nanoTime();
        while (n < times.length && (n < minRuns || (System.nanoTime() - start) / 1e9 < budget)) {
            long t0 = System.nanoTime();
            work.run();
            times[n++] = (System.nanoTime() - t0) / 1e9;
        }
        return medianOf(times, n);
    }

    private static double medianOf(double[] values, int n) {
        double[] used = Arrays.copyOf(values, n);
        Arrays.sort(used);
        return used[n / 2];
    }
}
