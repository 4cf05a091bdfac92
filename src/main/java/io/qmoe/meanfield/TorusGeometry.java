package io.qmoe.meanfield;

import io.qmoe.transport.TorusCost;

/** Periodic distances on the flat torus [0, 2π)^d between points stored flat in {@code double[]} arrays. */
public final class TorusGeometry {
    private TorusGeometry() {
    }

    /** The periodic distance of one coordinate difference: min(|Δ| mod 2π, 2π − (|Δ| mod 2π)). */
    public static double coordinateDistance(double delta) {
        return TorusCost.coordinateDistance(delta);
    }

    /** |a_i − b_j|² on the torus, for points of dimension d at indices i of a and j of b. */
    public static double squaredDistance(double[] a, int i, double[] b, int j, int d) {
        return TorusCost.squaredDistance(a, i, b, j, d);
    }

    /** sqrt((1/N) Σ_i |a_i − b_i|²) on the torus: the root-mean-square distance of a synchronous coupling. */
    public static double couplingDistance(double[] a, double[] b, int d) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("clouds of " + a.length + " and " + b.length + " coordinates");
        }
        int n = a.length / d;
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += squaredDistance(a, i, b, i, d);
        }
        return Math.sqrt(s / n);
    }
}
