package io.qmoe.meanfield;

import java.util.Arrays;

/**
 * Exact Wasserstein distances between uniform empirical measures on the flat torus, with the periodic distance per
 * coordinate: W_p = (min over couplings of the mean |θ − θ'|^p)^{1/p}, p ∈ {1, 2}. Equal sizes are an assignment
 * problem; for sizes n_a ≠ n_b both clouds are replicated to lcm(n_a, n_b) points (every point keeps weight 1/n), which
 * keeps the problem an exact assignment (an optimal transport plan between uniform measures of sizes dividing L has a
 * representation as a permutation of L replicas). For d = 1 the distance to the uniform measure has a closed form.
 */
public final class Wasserstein {
    /** The largest assignment problem solved (memory is 8·L² bytes). */
    public static final int MAX_SIZE = 12_000;

    private Wasserstein() {
    }

    /** W_2. */
    public static double w2(TorusPoints a, TorusPoints b) {
        return distance(a, b, 2);
    }

    /** W_1. */
    public static double w1(TorusPoints a, TorusPoints b) {
        return distance(a, b, 1);
    }

    /** W_p for p = 1 or 2. */
    public static double distance(TorusPoints a, TorusPoints b, int p) {
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("p must be 1 or 2, got " + p);
        }
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException("clouds of dimension " + a.dimension() + " and " + b.dimension());
        }
        int na = a.size();
        int nb = b.size();
        long l = lcm(na, nb);
        if (l > MAX_SIZE) {
            throw new IllegalArgumentException("cannot compare clouds of " + na + " and " + nb + " points exactly: "
                    + "replication needs " + l + " points (at most " + MAX_SIZE + "); use equal sizes or sizes that "
                    + "divide each other");
        }
        int n = (int) l;
        int ra = n / na;
        int rb = n / nb;
        double[] cost = new double[n * n];
        // each entry depends only on its own pair: filling rows in parallel gives the same matrix on any core count
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            int ia = i / ra;
            for (int j = 0; j < n; j++) {
                double s = TorusPoints.squaredDistance(a, ia, b, j / rb);
                cost[i * n + j] = p == 2 ? s : Math.sqrt(s);
            }
        });
        double total = AssignmentSolver.solve(cost, n).cost();
        double mean = Math.max(0, total / n);
        return p == 2 ? Math.sqrt(mean) : mean;
    }

    /**
     * Exact W_2 between N angles on the circle (d = 1) and the uniform measure on it: with the circle scaled to unit
     * length and sorted points x_k, W_2² = inf_α ∫₀¹ |F⁻¹(t) − t − α|² dt, the variance of g(t) = F⁻¹(t) − t
     * (optimal transport on the circle, Delon–Salomon–Sobolevskii), then scaled by 2π.
     */
    public static double w2ToUniformCircle(double[] angles) {
        int n = angles.length;
        if (n == 0) {
            throw new IllegalArgumentException("no angles");
        }
        double[] x = TorusPoints.of(1, angles).raw().clone();
        for (int i = 0; i < n; i++) {
            x[i] /= 2 * Math.PI;
        }
        Arrays.sort(x);
        double mean = 0;
        double second = 0;
        for (int k = 1; k <= n; k++) {
            double lo = (k - 1) / (double) n;
            double hi = k / (double) n;
            double xk = x[k - 1];
            mean += xk / n - (hi * hi - lo * lo) / 2;
            double a = hi - xk;
            double b = lo - xk;
            second += (a * a * a - b * b * b) / 3;
        }
        double var = Math.max(0, second - mean * mean);
        return 2 * Math.PI * Math.sqrt(var);
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
