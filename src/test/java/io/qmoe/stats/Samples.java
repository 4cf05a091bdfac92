package io.qmoe.stats;

import java.util.SplittableRandom;

/** Seeded draws from known laws for the statistics tests (inverse transform and Box–Muller). */
final class Samples {
    private Samples() {
    }

    /** n draws from U(lo, hi). */
    static double[] uniform(SplittableRandom rnd, int n, double lo, double hi) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return x;
    }

    /** n draws from Exp(1), by −log(1 − U). */
    static double[] exponential(SplittableRandom rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = -Math.log(1 - rnd.nextDouble());
        }
        return x;
    }

    /** n draws from N(mean, sd²), by Box–Muller (both values of each pair used). */
    static double[] normal(SplittableRandom rnd, int n, double mean, double sd) {
        double[] x = new double[n];
        for (int i = 0; i < n; i += 2) {
            double r = Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()));
            double phi = 2 * Math.PI * rnd.nextDouble();
            x[i] = mean + sd * r * Math.cos(phi);
            if (i + 1 < n) {
                x[i + 1] = mean + sd * r * Math.sin(phi);
            }
        }
        return x;
    }
}
