package io.qmoe.stats;

/**
 * The ordinary least-squares line y ≈ intercept + slope · x through points (x_i, y_i): slope = Σ(x − x̄)(y − ȳ) /
 * Σ(x − x̄)², intercept = ȳ − slope · x̄, computed about the means (two passes) for accuracy.
 *
 * @param slope                 the fitted slope (NaN when fewer than two points or all x equal)
 * @param intercept             the fitted intercept (NaN likewise)
 * @param residualSumOfSquares  Σ (y_i − intercept − slope · x_i)²
 * @param points                number of points used
 */
public record LineFit(double slope, double intercept, double residualSumOfSquares, int points) {

    /** Fits all points; x and y must have the same length. */
    public static LineFit of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " abscissae but " + y.length + " ordinates");
        }
        return over(x, y, 0, x.length);
    }

    /** Fits the points with index in [from, to). */
    public static LineFit over(double[] x, double[] y, int from, int to) {
        int m = to - from;
        double mx = 0;
        double my = 0;
        for (int i = from; i < to; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= m;
        my /= m;
        double sxx = 0;
        double sxy = 0;
        for (int i = from; i < to; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        if (m < 2 || !(sxx > 0)) {
            return new LineFit(Double.NaN, Double.NaN, Double.NaN, m);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double rss = 0;
        for (int i = from; i < to; i++) {
            double r = y[i] - intercept - slope * x[i];
            rss += r * r;
        }
        return new LineFit(slope, intercept, rss, m);
    }

    /**
     * The log–log fit log v ≈ intercept + slope · log N over the points with N &gt; 0 and v &gt; 0 finite (the others
     * are skipped, as a distance of 0 or NaN has no logarithm).
     */
    public static LineFit logLog(double[] n, double[] v) {
        if (n.length != v.length) {
            throw new IllegalArgumentException(n.length + " values of N but " + v.length + " measured values");
        }
        double[] lx = new double[n.length];
        double[] ly = new double[n.length];
        int m = 0;
        for (int i = 0; i < n.length; i++) {
            if (n[i] > 0 && v[i] > 0 && Double.isFinite(v[i])) {
                lx[m] = StrictMath.log(n[i]);
                ly[m] = StrictMath.log(v[i]);
                m++;
            }
        }
        return over(lx, ly, 0, m);
    }
}
