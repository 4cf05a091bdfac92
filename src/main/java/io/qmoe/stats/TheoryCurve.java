package io.qmoe.stats;

/**
 * A theoretical convergence curve g(N) against which a measured distance v(N) is compared: N^{-1/2} (propagation of
 * chaos, the prediction gap), sqrt(log N / N) (the sampling floor of W₂ in dimension 2), N^{-1/d} (the sampling floor
 * in dimension d ≥ 3) or the constant 1 (no decay, slope 0).
 *
 * <p>On a finite grid N_1 … N_m a curve that is not a pure power has no single slope: {@link #slope(double[])} gives
 * the least-squares slope of log g against log N on that grid, which is what a log–log fit of data following g would
 * return (for sqrt(log N / N) on N = 16 … 1024 it is about −0.39, not −0.5). {@link #fittedConstant(double[],
 * double[])} gives the c that best places c·g(N) through the data in log space.
 *
 * @param name      a short label ("N^-1/2", "sqrt(log N/N)", "N^-1/3", "constant")
 * @param shape     which family the curve belongs to
 * @param dimension d for {@link Shape#INVERSE_ROOT} (the curve N^{-1/d}); 0 for the other shapes
 */
public record TheoryCurve(String name, Shape shape, int dimension) {

    /** The families of curves. */
    public enum Shape {
        /** g(N) = N^{-1/2}. */
        INVERSE_SQRT,
        /** g(N) = sqrt(log N / N) (N &gt; 1). */
        SQRT_LOG_OVER_N,
        /** g(N) = N^{-1/d}. */
        INVERSE_ROOT,
        /** g(N) = 1. */
        CONSTANT
    }

    /** Validates the dimension against the shape. */
    public TheoryCurve {
        if (shape == Shape.INVERSE_ROOT ? dimension < 1 : dimension != 0) {
            throw new IllegalArgumentException("dimension " + dimension + " does not fit the curve shape " + shape);
        }
    }

    /** g(N) = N^{-1/2}. */
    public static TheoryCurve inverseSqrt() {
        return new TheoryCurve("N^-1/2", Shape.INVERSE_SQRT, 0);
    }

    /** g(N) = sqrt(log N / N). */
    public static TheoryCurve sqrtLogOverN() {
        return new TheoryCurve("sqrt(log N/N)", Shape.SQRT_LOG_OVER_N, 0);
    }

    /** g(N) = N^{-1/d} for d ≥ 1. */
    public static TheoryCurve inverseRoot(int d) {
        return new TheoryCurve("N^-1/" + d, Shape.INVERSE_ROOT, d);
    }

    /** g(N) = 1 (slope 0). */
    public static TheoryCurve constant() {
        return new TheoryCurve("constant", Shape.CONSTANT, 0);
    }

    /**
     * The expected rate of the sampling error W₂(μ_N, μ) of N i.i.d. draws on the d-dimensional torus: N^{-1/2} for
     * d = 1, sqrt(log N / N) for d = 2, N^{-1/d} for d ≥ 3.
     */
    public static TheoryCurve samplingFloor(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + d);
        }
        return d == 1 ? inverseSqrt() : d == 2 ? sqrtLogOverN() : inverseRoot(d);
    }

    /** g(N); N must be positive (and greater than 1 for sqrt(log N / N)). */
    public double value(double n) {
        if (!(n > 0) || (shape == Shape.SQRT_LOG_OVER_N && !(n > 1))) {
            throw new IllegalArgumentException("curve " + name + " is not defined at N = " + n);
        }
        return switch (shape) {
            case INVERSE_SQRT -> 1 / Math.sqrt(n);
            case SQRT_LOG_OVER_N -> Math.sqrt(StrictMath.log(n) / n);
            case INVERSE_ROOT -> StrictMath.pow(n, -1.0 / dimension);
            case CONSTANT -> 1;
        };
    }

    /** g(N_i) for every N_i of the grid (a new array). */
    public double[] values(double[] n) {
        double[] g = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            g[i] = value(n[i]);
        }
        return g;
    }

    /**
     * The least-squares slope of log g(N_i) against log N_i over the grid: Σ (x_i − x̄)(y_i − ȳ) / Σ (x_i − x̄)² with
     * x = log N, y = log g. Needs at least two distinct N.
     */
    public double slope(double[] n) {
        double[] x = new double[n.length];
        double[] y = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            x[i] = StrictMath.log(n[i]);
            y[i] = StrictMath.log(value(n[i]));
        }
        double slope = LineFit.of(x, y).slope();
        if (Double.isNaN(slope)) {
            throw new IllegalArgumentException("a slope needs at least two distinct N");
        }
        return slope;
    }

    /**
     * The constant c minimising Σ_i (log v_i − log(c·g(N_i)))² over the points with v_i &gt; 0 and finite: the closed
     * form log c = mean_i (log v_i − log g(N_i)), i.e. c is the geometric mean of v_i / g(N_i). NaN when no point
     * qualifies.
     */
    public double fittedConstant(double[] n, double[] v) {
        if (n.length != v.length) {
            throw new IllegalArgumentException(n.length + " values of N but " + v.length + " measured values");
        }
        double s = 0;
        int m = 0;
        for (int i = 0; i < n.length; i++) {
            if (v[i] > 0 && Double.isFinite(v[i])) {
                s += StrictMath.log(v[i]) - StrictMath.log(value(n[i]));
                m++;
            }
        }
        return m == 0 ? Double.NaN : StrictMath.exp(s / m);
    }
}
