package io.qmoe.meanfield;

import io.qmoe.transport.TorusCost;

/**
 * N points on the flat torus [0, 2π)^d, stored flat and row-major ({@code coordinate(i, k) = data[i*d + k]}), wrapped
 * into [0, 2π) on construction. Immutable; the uniform empirical measure (1/N) Σ δ_{θ_i} of the points is what the
 * Wasserstein solvers compare.
 */
public final class TorusPoints {
    private final int dimension;
    private final double[] data;

    private TorusPoints(int dimension, double[] data) {
        this.dimension = dimension;
        this.data = data;
    }

    /** Points of dimension d from a flat array (copied and wrapped); NaN or infinite coordinates are refused. */
    public static TorusPoints of(int d, double[] flat) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + d);
        }
        if (flat.length == 0 || flat.length % d != 0) {
            throw new IllegalArgumentException(flat.length + " coordinates do not make whole points of dimension "
                    + d);
        }
        double[] w = TorusCost.wrapped(d, flat);
        return new TorusPoints(d, w);
    }

    /** Number of points N. */
    public int size() {
        return data.length / dimension;
    }

    /** Dimension d. */
    public int dimension() {
        return dimension;
    }

    /** Coordinate k of point i, in [0, 2π). */
    public double coordinate(int i, int k) {
        return data[i * dimension + k];
    }

    /** A copy of point i. */
    public double[] point(int i) {
        double[] p = new double[dimension];
        System.arraycopy(data, i * dimension, p, 0, dimension);
        return p;
    }

    /** A copy of the k-th coordinate of every point. */
    public double[] marginal(int k) {
        double[] m = new double[size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = data[i * dimension + k];
        }
        return m;
    }

    /** |a_i − b_j|² with the periodic distance per coordinate. */
    public static double squaredDistance(TorusPoints a, int i, TorusPoints b, int j) {
        return TorusGeometry.squaredDistance(a.data, i, b.data, j, a.dimension);
    }

    double[] raw() {
        return data;
    }
}
