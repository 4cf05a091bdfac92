package io.qmoe.stats;

/**
 * Sample moments of n values x_1 … x_n. With the central moments m_k = (1/n) Σ (x_i − x̄)^k:
 * the mean x̄; the unbiased variance s² = n m_2 / (n − 1); the skewness g_1 = m_3 / m_2^{3/2} and the excess kurtosis
 * g_2 = m_4 / m_2² − 3 (the moment estimators, consistent but not bias-corrected: for the normal law both tend to 0,
 * for the uniform to 0 and −1.2, for the exponential to 2 and 6). Computed in two passes about the mean.
 *
 * @param n              number of values
 * @param mean           x̄
 * @param variance       s² (NaN when n &lt; 2)
 * @param skewness       g_1 (NaN when all values are equal)
 * @param excessKurtosis g_2 (NaN when all values are equal)
 */
public record Moments(int n, double mean, double variance, double skewness, double excessKurtosis) {

    /** The moments of {@code x} (not modified); at least one value, all finite. */
    public static Moments of(double[] x) {
        int n = x.length;
        if (n == 0) {
            throw new IllegalArgumentException("moments need at least one value");
        }
        double mean = 0;
        for (double v : x) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("moments need finite values, got " + v);
            }
            mean += v;
        }
        mean /= n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : x) {
            double e = v - mean;
            double e2 = e * e;
            m2 += e2;
            m3 += e2 * e;
            m4 += e2 * e2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double variance = n < 2 ? Double.NaN : m2 * n / (n - 1);
        double skew = m2 > 0 ? m3 / StrictMath.pow(m2, 1.5) : Double.NaN;
        double kurt = m2 > 0 ? m4 / (m2 * m2) - 3 : Double.NaN;
        return new Moments(n, mean, variance, skew, kurt);
    }

    /** The unbiased standard deviation s = sqrt(s²). */
    public double standardDeviation() {
        return Math.sqrt(variance);
    }
}
