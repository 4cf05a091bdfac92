package io.qmoe.mixture;

import org.hipparchus.util.FastMath;

/**
 * The Dormand–Prince 5(4) embedded pair with the step-size control of Hipparchus 3.1's
 * {@code DormandPrince54Integrator}, replicated operation for operation (initial step, error norm, step filter,
 * last-step rule), so that both the thread path ({@link AdaptiveIntegrator}) and the partitioned one
 * ({@code io.qmoe.spark.PartitionedMixture}) integrate with the same bits.
 *
 * <p>The control logic ({@link #integrate}) is scalar; everything over the state goes through a {@link Population},
 * whose implementations keep the state in one array or in blocks on executors. Every sum over the state (the norms of
 * the initial step and the error norm) is taken in chunks of {@link #CHUNK} consecutive coordinates, each chunk summed
 * in coordinate order and the chunk sums added in chunk order from 0: a block of whole chunks can sum its own, and the
 * total has the same bits however the chunks are spread. With at most one chunk (N·d ≤ 1024) this is Hipparchus's
 * sequential sum, so the whole integration has Hipparchus's bits; above that, the last bits of the norms differ.
 *
 * <p>The element arithmetic ({@link #stageState}, {@link #endState}, {@link #errorSums}, …) is public so that each
 * implementation uses the very same expressions. They read their array arguments (not modified); the state methods
 * write only the one named {@code out} (modified), and the sums return one partial sum per chunk of the arrays they
 * are given, so a block of whole chunks returns its own partials.
 */
public final class DormandPrince54 {
    /** Coordinates per partial sum of a norm; an expert block of 1024 experts is d whole chunks. */
    public static final int CHUNK = 1024;

    private static final double[] C = {1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0, 1.0, 1.0};
    private static final double[][] A = {
        {1.0 / 5.0},
        {3.0 / 40.0, 9.0 / 40.0},
        {44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0},
        {19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0},
        {9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0},
        {35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0}
    };
    private static final double[] B = {
        35.0 / 384.0, 0.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0, 0.0
    };
    private static final double E1 = 71.0 / 57600.0;
    private static final double E3 = -71.0 / 16695.0;
    private static final double E4 = 71.0 / 1920.0;
    private static final double E5 = -17253.0 / 339200.0;
    private static final double E6 = 22.0 / 525.0;
    private static final double E7 = -1.0 / 40.0;
    private static final int ORDER = 5;
    private static final double EXPONENT = -1.0 / ORDER;
    private static final double SAFETY = 0.9;
    private static final double MIN_REDUCTION = 0.2;
    private static final double MAX_GROWTH = 10.0;

    /** Stages of one step: k0 (first same as last) and k1 … k6. */
    public static final int STAGES = 7;

    private DormandPrince54() {
    }

    /**
     * The state side of one integration: a population of coordinates y with its stage derivatives k0 … k6. Each
     * method evaluates the velocity field where the step needs it and returns the sums the controller asks for, each
     * summed in chunks as the class documentation says.
     */
    public interface Population {
        /** The number of coordinates n. */
        int dimension();

        /**
         * Computes k0 = v(t, y) and returns {Σ_j (y_j/s_j)², Σ_j (k0_j/s_j)²} with s_j = {@link #scale}(tol, y_j)
         * ({@link #startSums}).
         */
        double[] start(double t, double tolerance);

        /** Computes v(t + h, y + h·k0) (not kept) and returns Σ_j ((v_j − k0_j)/s_j)² ({@link #probeSums}). */
        double probe(double t, double h, double tolerance);

        /**
         * Computes k1 … k6 of a step of size h from time t and the end state, and returns the error sum Σ_j ratio_j²
         * ({@link #errorSums}).
         */
        double attempt(double t, double h, double tolerance);

        /** Makes the last attempt's end state the state and its k6 the new k0. */
        void accept();
    }

    /**
     * Integrates {@code population} from t0 to t1 &gt; t0 with {@code tolerance} as both the absolute and the relative
     * error bound, the minimum step (t1 − t0)·1e-9 and the maximum step t1 − t0, as Hipparchus does for
     * {@code new DormandPrince54Integrator((t1 − t0)·1e-9, t1 − t0, tolerance, tolerance)}.
     *
     * @throws IllegalArgumentException when the interval is too short to integrate, or (an
     *                                  {@link io.qmoe.InvalidSettingException} of {@code tolerance}) the tolerance is
     *                                  so small that the error scale overflows, or that the step falls below the
     *                                  minimum (the error estimate cannot meet it)
     * @throws IllegalStateException    when the error becomes NaN
     */
    public static void integrate(Population population, double t0, double t1, double tolerance) {
        double threshold = 1000 * FastMath.ulp(FastMath.max(FastMath.abs(t0), FastMath.abs(t1)));
        if (!(t1 > t0) || t1 - t0 < threshold) {
            throw new IllegalArgumentException("the adaptive integrator needs t1 > t0 by more than " + threshold
                    + ", got " + t0 + " .. " + t1);
        }
        double maxStep = t1 - t0;
        double minStep = maxStep * 1e-9;
        int n = population.dimension();
        double[] norms = population.start(t0, tolerance);
        if (!Double.isFinite(norms[0])) {
            // Σ (y_j / (tol + tol·|y_j|))² overflows only for a tolerance near 1e-154 and below: no step size could
            // come out of it (Hipparchus would go on with a NaN step)
            throw new io.qmoe.InvalidSettingException("tolerance", tolerance + " is too small: the error scale of "
                    + "the angles overflows (use at least 1e-150)");
        }
        double hNew = initialStep(population, norms, t0, tolerance, minStep, maxStep);
        double stepStart = t0;
        boolean last;
        do {
            double error = 10;
            double stepSize = 0;
            while (error >= 1.0) {
                stepSize = hNew;
                if (stepStart + stepSize >= t1) {
                    stepSize = t1 - stepStart;
                }
                error = FastMath.sqrt(population.attempt(stepStart, stepSize, tolerance) / n);
                if (Double.isNaN(error)) {
                    throw new IllegalStateException("the adaptive integrator met NaN in its error estimate at t = "
                            + (stepStart + stepSize));
                }
                if (error >= 1.0) {
                    hNew = filterStep(stepSize * factor(error), false, minStep, maxStep, stepStart);
                }
            }
            double stepEnd = stepStart + stepSize;
            population.accept();
            stepStart = stepEnd;
            last = FastMath.abs(stepEnd - t1) < FastMath.ulp(t1);
            if (!last) {
                double scaledH = stepSize * factor(error);
                hNew = filterStep(scaledH, stepStart + scaledH >= t1, minStep, maxStep, stepStart);
                if (stepStart + hNew >= t1) {
                    hNew = t1 - stepStart;
                }
            }
        } while (!last);
    }

    private static double factor(double error) {
        return FastMath.min(MAX_GROWTH, FastMath.max(MIN_REDUCTION, SAFETY * FastMath.pow(error, EXPONENT)));
    }

    private static double filterStep(double h, boolean acceptSmall, double minStep, double maxStep, double t) {
        double filtered = h;
        if (FastMath.abs(h) < minStep) {
            if (!acceptSmall) {
                // the error estimate cannot meet the tolerance (a tolerance near rounding, or a solution that leaves
                // every bound): the tolerance is the setting to change
                throw new io.qmoe.InvalidSettingException("tolerance", "the adaptive integrator needs a step of "
                        + FastMath.abs(h) + " at t = " + t + ", below its minimum " + minStep
                        + ": loosen the tolerance or shorten the output interval (--dt)");
            }
            filtered = minStep;
        }
        return filtered > maxStep ? maxStep : filtered;
    }

    /** Hipparchus's first step: h = 0.01·|y|/|y'|, an Euler probe for y'', then h^5·max(|y'|, |y''|) = 0.01. */
    private static double initialStep(Population population, double[] norms, double t0, double tolerance,
                                      double minStep, double maxStep) {
        double yOnScale2 = norms[0];
        double yDotOnScale2 = norms[1];
        double h = (yOnScale2 < 1.0e-10 || yDotOnScale2 < 1.0e-10)
                ? 1.0e-6 : 0.01 * FastMath.sqrt(yOnScale2 / yDotOnScale2);
        if (h > maxStep) {
            h = maxStep;
        }
        double yDDotOnScale = FastMath.sqrt(population.probe(t0, h, tolerance)) / h;
        double maxInv2 = FastMath.max(FastMath.sqrt(yDotOnScale2), yDDotOnScale);
        double h1 = maxInv2 < 1.0e-15 ? FastMath.max(1.0e-6, 0.001 * FastMath.abs(h))
                : FastMath.pow(0.01 / maxInv2, 1.0 / ORDER);
        h = FastMath.min(100.0 * FastMath.abs(h), h1);
        h = FastMath.max(h, 1.0e-12 * FastMath.abs(t0));
        if (h < minStep) {
            h = minStep;
        }
        if (h > maxStep) {
            h = maxStep;
        }
        return h;
    }

    /** The error scale of a coordinate of value y: tol + tol·|y| (Hipparchus's absolute plus relative tolerance). */
    public static double scale(double tolerance, double y) {
        return tolerance + tolerance * FastMath.abs(y);
    }

    /** The time of stage {@code stage} (1 … 6) of a step of size h from t. */
    public static double stageTime(double t, double h, int stage) {
        return t + h * C[stage - 1];
    }

    /**
     * The start norms chunk by chunk: {Σ (y_j/s_j)², Σ (k0_j/s_j)²} of every chunk of {@link #CHUNK} coordinates,
     * chunk after chunk (2 per chunk; {@link #total} adds them up).
     */
    public static double[] startSums(double[] y, double[] k0, double tolerance) {
        double[] out = new double[2 * chunks(y.length)];
        for (int c = 0; c < out.length / 2; c++) {
            double yOnScale2 = 0;
            double yDotOnScale2 = 0;
            for (int j = c * CHUNK; j < Math.min(y.length, (c + 1) * CHUNK); j++) {
                double s = scale(tolerance, y[j]);
                double ratio = y[j] / s;
                yOnScale2 += ratio * ratio;
                double ratioDot = k0[j] / s;
                yDotOnScale2 += ratioDot * ratioDot;
            }
            out[2 * c] = yOnScale2;
            out[2 * c + 1] = yDotOnScale2;
        }
        return out;
    }

    /** The Euler probe's state y + h·k0, written to {@code out}. */
    public static void probeState(double[] y, double[] k0, double h, double[] out) {
        for (int j = 0; j < y.length; j++) {
            out[j] = y[j] + h * k0[j];
        }
    }

    /** Σ ((v_j − k0_j)/s_j)² of every chunk, s_j from y_j. */
    public static double[] probeSums(double[] y, double[] k0, double[] v, double tolerance) {
        double[] out = new double[chunks(y.length)];
        for (int c = 0; c < out.length; c++) {
            double sum = 0;
            for (int j = c * CHUNK; j < Math.min(y.length, (c + 1) * CHUNK); j++) {
                double ratio = (v[j] - k0[j]) / scale(tolerance, y[j]);
                sum += ratio * ratio;
            }
            out[c] = sum;
        }
        return out;
    }

    /** The state y + h Σ_l a_{stage,l} k_l of stage {@code stage} (1 … 6), written to {@code out}. */
    public static void stageState(double[] y, double[][] k, int stage, double h, double[] out) {
        double[] a = A[stage - 1];
        for (int j = 0; j < y.length; j++) {
            double sum = k[0][j] * a[0];
            for (int l = 1; l < stage; l++) {
                sum += k[l][j] * a[l];
            }
            out[j] = y[j] + h * sum;
        }
    }

    /** The fifth-order end state y + h Σ_l b_l k_l (all seven stages), written to {@code out}. */
    public static void endState(double[] y, double[][] k, double h, double[] out) {
        for (int j = 0; j < y.length; j++) {
            double sum = k[0][j] * B[0];
            for (int l = 1; l < STAGES; l++) {
                sum += k[l][j] * B[l];
            }
            out[j] = y[j] + h * sum;
        }
    }

    /**
     * Σ ratio_j² of every chunk, with ratio_j = h·(E · k)_j / s_j the embedded error estimate scaled by
     * s_j = tol + tol·max(|y_j|, |end_j|).
     */
    public static double[] errorSums(double[] y, double[][] k, double[] end, double h, double tolerance) {
        double[] out = new double[chunks(y.length)];
        for (int c = 0; c < out.length; c++) {
            double error = 0;
            for (int j = c * CHUNK; j < Math.min(y.length, (c + 1) * CHUNK); j++) {
                double errSum = E1 * k[0][j] + E3 * k[2][j] + E4 * k[3][j] + E5 * k[4][j] + E6 * k[5][j]
                        + E7 * k[6][j];
                double tol = tolerance + tolerance * FastMath.max(FastMath.abs(y[j]), FastMath.abs(end[j]));
                double ratio = h * errSum / tol;
                error += ratio * ratio;
            }
            out[c] = error;
        }
        return out;
    }

    /**
     * Chunk sums added in order from 0, {@code width} interleaved sums at a time ({@code partials[c·width + i]} is
     * sum i of chunk c): the total of a population that holds all its chunks.
     */
    public static double[] total(double[] partials, int width) {
        double[] totals = new double[width];
        for (int i = 0; i < partials.length; i++) {
            totals[i % width] += partials[i];
        }
        return totals;
    }

    private static int chunks(int n) {
        return (n + CHUNK - 1) / CHUNK;
    }
}
