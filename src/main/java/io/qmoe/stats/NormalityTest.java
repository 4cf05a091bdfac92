package io.qmoe.stats;

import java.util.Arrays;
import org.hipparchus.special.Erf;

/**
 * The Anderson–Darling test of the composite hypothesis "the values are i.i.d. normal with unknown mean and variance".
 * With the order statistics x_(1) ≤ … ≤ x_(n), the sample mean x̄ and the unbiased standard deviation s,
 * F_i = Φ((x_(i) − x̄)/s), the statistic is A² = −n − (1/n) Σ_i (2i − 1) [ln F_i + ln(1 − F_{n+1−i})], its modified
 * form A*² = A² (1 + 0.75/n + 2.25/n²), and the p-value is the piecewise approximation of D'Agostino &amp; Stephens,
 * Goodness-of-Fit Techniques (1986), table 4.9:
 * <ul>
 *   <li>A*² &lt; 0.2: p = 1 − exp(−13.436 + 101.14 A*² − 223.73 A*⁴)</li>
 *   <li>0.2 ≤ A*² &lt; 0.34: p = 1 − exp(−8.318 + 42.796 A*² − 59.938 A*⁴)</li>
 *   <li>0.34 ≤ A*² &lt; 0.6: p = exp(0.9177 − 4.279 A*² − 1.38 A*⁴)</li>
 *   <li>0.6 ≤ A*² ≤ 13: p = exp(1.2937 − 5.709 A*² + 0.0186 A*⁴)</li>
 *   <li>A*² &gt; 13: p = 0 (below 1e-30; the fit is not valid further)</li>
 * </ul>
 * The approximation is meant for n ≥ 8; ln(1 − F) is taken as ln Φ(−z), so the upper tail keeps its precision.
 *
 * <p>The Lilliefors test is the Kolmogorov–Smirnov distance D = max_i max(i/n − F_i, F_i − (i−1)/n) with the same
 * estimated F_i; its p-value is the approximation of Dallal &amp; Wilkinson, The American Statistician 40 (1986)
 * 294–296, p = exp(−7.01256 K² (m + 2.78019) + 2.99587 K sqrt(m + 2.78019) − 0.122119 + 0.974598/√m + 1.67997/m)
 * with K = D, m = n for n ≤ 100 and K = D (n/100)^0.49, m = 100 beyond, valid for p ≤ 0.1; above 0.1 it is replaced
 * by Stephens' (1974) quartic polynomials in the modified statistic D* = (√n − 0.01 + 0.85/√n) D. The
 * Anderson–Darling test is the more powerful of the two against the tails; both are given because the
 * Kolmogorov–Smirnov distance is the one most readers know.
 */
public final class NormalityTest {
    private static final double SQRT_HALF = Math.sqrt(0.5);

    private NormalityTest() {
    }

    /**
     * The outcome of an Anderson–Darling test.
     *
     * @param n         number of values
     * @param aSquared  A²
     * @param modified  A*² = A² (1 + 0.75/n + 2.25/n²)
     * @param pValue    the D'Agostino–Stephens p-value of A*², clamped to [0, 1]
     */
    public record AndersonDarling(int n, double aSquared, double modified, double pValue) {
    }

    /**
     * The outcome of a Lilliefors (Kolmogorov–Smirnov with estimated mean and variance) test.
     *
     * @param n      number of values
     * @param d      the Kolmogorov–Smirnov distance D between the empirical and the fitted normal distribution
     * @param pValue the Dallal–Wilkinson / Stephens p-value of D, clamped to [0, 1]
     */
    public record Lilliefors(int n, double d, double pValue) {
    }

    /** The Anderson–Darling test of {@code x} (not modified): at least 3 finite values, not all equal. */
    public static AndersonDarling andersonDarling(double[] x) {
        int n = x.length;
        double[] z = standardizedSorted(x, 3, "Anderson-Darling");
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (2.0 * i + 1) * (logPhi(z[i]) + logPhi(-z[n - 1 - i]));
        }
        double a2 = -n - sum / n;
        double modified = a2 * (1 + 0.75 / n + 2.25 / ((double) n * n));
        return new AndersonDarling(n, a2, modified, andersonDarlingPValue(modified));
    }

    /** The Lilliefors test of {@code x} (not modified): at least 5 finite values, not all equal. */
    public static Lilliefors lilliefors(double[] x) {
        int n = x.length;
        double[] z = standardizedSorted(x, 5, "Lilliefors");
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = phi(z[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return new Lilliefors(n, d, lillieforsPValue(d, n));
    }

    /** The Dallal–Wilkinson p-value of a Lilliefors distance D for n values, with Stephens' form above 0.1. */
    public static double lillieforsPValue(double d, int n) {
        double k = n <= 100 ? d : d * StrictMath.pow(n / 100.0, 0.49);
        double m = Math.min(n, 100);
        double p = StrictMath.exp(-7.01256 * k * k * (m + 2.78019) + 2.99587 * k * Math.sqrt(m + 2.78019) - 0.122119
                + 0.974598 / Math.sqrt(m) + 1.67997 / m);
        if (p > 0.1) {
            double s = (Math.sqrt(n) - 0.01 + 0.85 / Math.sqrt(n)) * d;
            if (s <= 0.302) {
                p = 1;
            } else if (s <= 0.5) {
                p = 2.76773 + s * (-19.828315 + s * (80.709644 + s * (-138.55152 + s * 81.218052)));
            } else if (s <= 0.9) {
                p = -4.901232 + s * (40.662806 + s * (-97.490286 + s * (94.029866 + s * -32.355711)));
            } else if (s <= 1.31) {
                p = 6.198765 + s * (-19.558097 + s * (23.186922 + s * (-12.234627 + s * 2.423045)));
            } else {
                p = 0;
            }
        }
        return Math.min(1, Math.max(0, p));
    }

    /** (x_(i) − x̄)/s in ascending order, after checking there are enough values and they are not all equal. */
    private static double[] standardizedSorted(double[] x, int minimum, String test) {
        int n = x.length;
        if (n < minimum) {
            throw new IllegalArgumentException("the " + test + " test needs at least " + minimum + " values, got "
                    + n);
        }
        Moments m = Moments.of(x);
        double s = m.standardDeviation();
        if (!(s > 0)) {
            throw new IllegalArgumentException("the " + test + " test needs values that are not all equal");
        }
        double[] z = x.clone();
        Arrays.sort(z);
        for (int i = 0; i < n; i++) {
            z[i] = (z[i] - m.mean()) / s;
        }
        return z;
    }

    /** The D'Agostino–Stephens (1986, table 4.9) p-value of a modified statistic A*², clamped to [0, 1]. */
    public static double andersonDarlingPValue(double a) {
        double p;
        if (a < 0.2) {
            p = 1 - StrictMath.exp(-13.436 + 101.14 * a - 223.73 * a * a);
        } else if (a < 0.34) {
            p = 1 - StrictMath.exp(-8.318 + 42.796 * a - 59.938 * a * a);
        } else if (a < 0.6) {
            p = StrictMath.exp(0.9177 - 4.279 * a - 1.38 * a * a);
        } else if (a <= 13) {
            p = StrictMath.exp(1.2937 - 5.709 * a + 0.0186 * a * a);
        } else {
            p = 0;
        }
        return Math.min(1, Math.max(0, p));
    }

    /** Φ(z) = erfc(−z/√2)/2, accurate in both tails. */
    private static double phi(double z) {
        return 0.5 * Erf.erfc(-z * SQRT_HALF);
    }

    private static double logPhi(double z) {
        return StrictMath.log(phi(z));
    }
}
