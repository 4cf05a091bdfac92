package io.qmoe.transport;

/**
 * The transport cost on the flat torus [0, 2π)^d between points stored flat and row-major in {@code double[]} arrays
 * ({@code coordinate(i, k) = x[i*d + k]}): per coordinate the periodic distance δ = min(|Δ| mod 2π, 2π − (|Δ| mod 2π)),
 * squared distance Σ δ_k², and cost |θ − θ'|^p for p = 2 (the squared distance) or p = 1 (its square root).
 */
public final class TorusCost {
    private static final double TWO_PI = 2 * Math.PI;

    private TorusCost() {
    }

    /** The periodic distance of one coordinate difference Δ (any finite value): min(|Δ| mod 2π, 2π − (|Δ| mod 2π)). */
    public static double coordinateDistance(double delta) {
        double m = Math.abs(delta) % TWO_PI;
        return Math.min(m, TWO_PI - m);
    }

    /** |a_i − b_j|² on the torus for points of dimension d at indices i of a and j of b (any finite coordinates). */
    public static double squaredDistance(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double c = coordinateDistance(a[i * d + k] - b[j * d + k]);
            s += c * c;
        }
        return s;
    }

    /**
     * |a_i − b_j|² for coordinates already wrapped into [0, 2π): then |Δ| &lt; 2π, so |Δ| mod 2π = |Δ| and the result
     * has the same bits as {@link #squaredDistance}, without the floating-point remainder.
     */
    static double wrappedSquaredDistance(double[] a, int i, double[] b, int j, int d) {
        double s = 0;
        int ia = i * d;
        int jb = j * d;
        for (int k = 0; k < d; k++) {
            double m = Math.abs(a[ia + k] - b[jb + k]);
            double c = Math.min(m, TWO_PI - m);
            s += c * c;
        }
        return s;
    }

    /** The cost |a_i − b_j|^p (p = 1 or 2) for coordinates wrapped into [0, 2π). */
    static double wrappedCost(double[] a, int i, double[] b, int j, int d, int p) {
        double s = wrappedSquaredDistance(a, i, b, j, d);
        return p == 2 ? s : Math.sqrt(s);
    }

    /**
     * Points of dimension d from a flat row-major array, copied and wrapped into [0, 2π) (a value that rounds up to
     * 2π becomes 0); NaN or infinite coordinates are refused with a message naming the coordinate and the point.
     */
    public static double[] wrapped(int d, double[] flat) {
        double[] w = new double[flat.length];
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(flat[i])) {
                throw new IllegalArgumentException("coordinate " + (i % d) + " of point " + (i / d)
                        + " is not finite");
            }
            double v = flat[i] % TWO_PI;
            if (v < 0) {
                v += TWO_PI;
            }
            w[i] = v >= TWO_PI ? 0 : v;
        }
        return w;
    }
}
