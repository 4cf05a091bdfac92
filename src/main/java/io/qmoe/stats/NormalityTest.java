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

    /** The Anderson–Darling test of {@code x} (not modified): at least 3 finite values, not all equal. */
    public static AndersonDarling andersonDarling(double[] x) {
        int n = x.length;
        if (n < 3) {
            throw new IllegalArgumentException("the Anderson-Darling test needs at least 3 values, got " + n);
        }
        Moments m = Moments.of(x);
        double s = m.standardDeviation();
        if (!(s > 0)) {
            throw new IllegalArgumentException("the Anderson-Darling test needs values that are not all equal");
        }
        double[] z = x.clone();
        Arrays.sort(z);
        for (int i = 0; i < n; i++) {
            z[i] = (z[i] - m.mean()) / s;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (2.0 * i + 1) * (logPhi(z[i]) + logPhi(-z[n - 1 - i]));
        }
        double a2 = -n - sum / n;
        double modified = a2 * (1 + 0.75 / n + 2.25 / ((double) n * n));
        return new AndersonDarling(n, a2, modified, pValue(modified));
    }

    /** The D'Agostino–Stephens (1986, table 4.9) p-value of a modified statistic A*², clamped to [0, 1]. */
    public static double pValue(double a) {
        double p;
        if (a < 0.2) {
            p = 1 - Math.exp(-13.436 + 101.14 * a - 223.73 * a * a);
        } else if (a < 0.34) {
            p = 1 - Math.exp(-8.318 + 42.796 * a - 59.938 * a * a);
        } else if (a < 0.6) {
            p = Math.exp(0.9177 - 4.279 * a - 1.38 * a * a);
        } else if (a <= 13) {
            p = Math.exp(1.2937 - 5.709 * a + 0.0186 * a * a);
        } else {
            p = 0;
        }
        return Math.min(1, Math.max(0, p));
    }

    /** ln Φ(z) with Φ(z) = erfc(−z/√2)/2. */
    private static double logPhi(double z) {
        return Math.log(0.5 * Erf.erfc(-z * SQRT_HALF));
    }
}
