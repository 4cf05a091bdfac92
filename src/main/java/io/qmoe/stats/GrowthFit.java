package io.qmoe.stats;

/**
 * How a positive quantity c(t) grows in time — e.g. the constant √N·D_N(t) of propagation of chaos, which Grönwall
 * bounds allow to grow like e^{Lt} but which often saturates. From samples (t_j, c_j), j = 0 … n−1, with t strictly
 * increasing and c &gt; 0:
 * <ul>
 *   <li>the early growth rate is the least-squares slope of log c against t over the leading {@code window} points
 *       (log c ≈ earlyIntercept + earlyRate · t);</li>
 *   <li>the local rates are the finite-difference slopes ρ_j = (log c_{j+1} − log c_j)/(t_{j+1} − t_j);</li>
 *   <li>the plateau starts at the earliest t_{j0} from which every later local rate ρ_{j0} … ρ_{n−2} is below
 *       {@code fraction} · earlyRate; it must span at least two intervals. Its level is the mean of c_{j0} … c_{n−1}.
 *       (The plateau may begin inside the early window when the window is long.)</li>
 * </ul>
 * The regime is {@link Regime#SATURATES} when such a plateau exists, {@link Regime#EXPONENTIAL} when the early rate is
 * positive and no plateau is found, and {@link Regime#NOT_GROWING} when the early rate is not positive.
 *
 * @param earlyRate      the least-squares growth rate of log c over the leading window
 * @param earlyIntercept the intercept of that fit
 * @param window         number of leading points of the early fit
 * @param fraction       the plateau threshold as a fraction of the early rate
 * @param regime         which description fits
 * @param plateauLevel   the mean of c over the plateau (NaN without plateau)
 * @param plateauTime    the time the plateau is reached (NaN without plateau)
 */
public record GrowthFit(double earlyRate, double earlyIntercept, int window, double fraction, Regime regime,
        double plateauLevel, double plateauTime) {

    /** Which description of the growth fits. */
    public enum Regime {
        /** The early growth continues to the last sample. */
        EXPONENTIAL,
        /** The growth stops: the local rate falls and stays below a fraction of the early rate. */
        SATURATES,
        /** The early rate is zero or negative. */
        NOT_GROWING
    }

    /** The fit with window = max(3, n/4) leading points and plateau fraction 0.1. */
    public static GrowthFit of(double[] t, double[] c) {
        return of(t, c, Math.max(3, t.length / 4), 0.1);
    }

    /**
     * The fit with the early rate taken over the first {@code window} points (2 ≤ window ≤ n) and the plateau
     * threshold {@code fraction} · earlyRate, 0 &lt; fraction &lt; 1. Neither array is modified.
     */
    public static GrowthFit of(double[] t, double[] c, int window, double fraction) {
        int n = t.length;
        if (c.length != n) {
            throw new IllegalArgumentException(n + " times but " + c.length + " values");
        }
        if (window < 2 || window > n) {
            throw new IllegalArgumentException("the early window must hold 2 to " + n + " points, got " + window);
        }
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the plateau fraction must lie in (0, 1), got " + fraction);
        }
        double[] y = new double[n];
        for (int j = 0; j < n; j++) {
            if (!(c[j] > 0) || !Double.isFinite(c[j])) {
                throw new IllegalArgumentException("value " + j + " is " + c[j] + "; growth needs positive values");
            }
            if (j > 0 && !(t[j] > t[j - 1])) {
                throw new IllegalArgumentException("times must increase strictly, but t[" + j + "] = " + t[j]
                        + " follows " + t[j - 1]);
            }
            y[j] = StrictMath.log(c[j]);
        }
        LineFit early = LineFit.over(t, y, 0, window);
        double rate = early.slope();
        if (!(rate > 0)) {
            return new GrowthFit(rate, early.intercept(), window, fraction, Regime.NOT_GROWING, Double.NaN,
                    Double.NaN);
        }
        double threshold = fraction * rate;
        int start = n - 1; // the plateau is the run of intervals [start, n−2] whose local rates are all below it
        while (start > 0 && (y[start] - y[start - 1]) / (t[start] - t[start - 1]) < threshold) {
            start--;
        }
        if (n - 1 - start < 2) {
            return new GrowthFit(rate, early.intercept(), window, fraction, Regime.EXPONENTIAL, Double.NaN,
                    Double.NaN);
        }
        double level = 0;
        for (int j = start; j < n; j++) {
            level += c[j];
        }
        level /= n - start;
        return new GrowthFit(rate, early.intercept(), window, fraction, Regime.SATURATES, level, t[start]);
    }
}
