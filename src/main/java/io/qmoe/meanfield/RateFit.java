package io.qmoe.meanfield;

/**
 * A least-squares fit of log(value) = intercept + slope · log(N): the empirical convergence rate of a distance in N,
 * with its standard error. With several seeds the slope is fitted to the seed-averaged values and its uncertainty is
 * the standard error of the per-seed slopes; with one seed it is the regression's own standard error.
 */
public record RateFit(double slope, double intercept, double standardError, int points) {

    /** Fits one curve (values ≤ 0 or non-finite are skipped; fewer than two points give NaN). */
    public static RateFit of(double[] n, double[] values) {
        int m = 0;
        double sx = 0;
        double sy = 0;
        double[] lx = new double[n.length];
        double[] ly = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            if (values[i] > 0 && Double.isFinite(values[i]) && n[i] > 0) {
                lx[m] = Math.log(n[i]);
                ly[m] = Math.log(values[i]);
                sx += lx[m];
                sy += ly[m];
                m++;
            }
        }
        if (m < 2) {
            return new RateFit(Double.NaN, Double.NaN, Double.NaN, m);
        }
        double mx = sx / m;
        double my = sy / m;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < m; i++) {
            sxx += (lx[i] - mx) * (lx[i] - mx);
            sxy += (lx[i] - mx) * (ly[i] - my);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double se = Double.NaN;
        if (m > 2) {
            double rss = 0;
            for (int i = 0; i < m; i++) {
                double r = ly[i] - intercept - slope * lx[i];
                rss += r * r;
            }
            se = Math.sqrt(rss / (m - 2) / sxx);
        }
        return new RateFit(slope, intercept, se, m);
    }

    /**
     * Fits the seed-averaged curve {@code values[seed][i]}; the standard error is that of the mean of the per-seed
     * slopes when there are at least two seeds.
     */
    public static RateFit acrossSeeds(double[] n, double[][] values) {
        int seeds = values.length;
        double[] mean = new double[n.length];
        for (double[] v : values) {
            for (int i = 0; i < n.length; i++) {
                mean[i] += v[i] / seeds;
            }
        }
        RateFit fit = of(n, mean);
        if (seeds < 2) {
            return fit;
        }
        double[] slopes = new double[seeds];
        double avg = 0;
        for (int s = 0; s < seeds; s++) {
            slopes[s] = of(n, values[s]).slope();
            avg += slopes[s] / seeds;
        }
        double var = 0;
        for (double s : slopes) {
            var += (s - avg) * (s - avg);
        }
        double se = Math.sqrt(var / (seeds - 1) / seeds);
        return new RateFit(fit.slope(), fit.intercept(), se, fit.points());
    }

    /** The fitted value at N. */
    public double at(double n) {
        return Math.exp(intercept + slope * Math.log(n));
    }
}
