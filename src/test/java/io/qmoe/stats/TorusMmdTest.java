package io.qmoe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TorusMmdTest {

    /** The kernel written out with cos(a − b), independently of the code under test. */
    private static double kernel(double kappa, double[] a, int i, double[] b, int j, int d) {
        double e = 1;
        for (int k = 0; k < d; k++) {
            e *= Math.exp(kappa * (Math.cos(a[i * d + k] - b[j * d + k]) - 1));
        }
        return e;
    }

    private static double meanKernel(double kappa, double[] a, double[] b, int d) {
        int n = a.length / d;
        int m = b.length / d;
        double s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                s += kernel(kappa, a, i, b, j, d);
            }
        }
        return s / n / m;
    }

    /** The product grid of g points per axis: the trapezoid rule for the uniform law, exact for trig polynomials. */
    private static double[] grid(int g, int d) {
        int size = (int) Math.pow(g, d);
        double[] x = new double[size * d];
        for (int p = 0; p < size; p++) {
            int r = p;
            for (int k = 0; k < d; k++) {
                x[p * d + k] = 2 * Math.PI * (r % g) / g;
                r /= g;
            }
        }
        return x;
    }

    private static double[] uniformCloud(SplittableRandom rnd, int n, int d) {
        return Samples.uniform(rnd, n * d, 0, 2 * Math.PI);
    }

    @Test
    void closedFormAgainstTheUniformLawEqualsTheNumericalIntegral() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int d = 1; d <= 2; d++) {
            double kappa = 2.5;
            double[] p = uniformCloud(rnd, 9, d);
            double[] u = grid(d == 1 ? 400 : 24, d); // error ~ e^-κ I_g(κ): below 1e-16 for g ≥ 20
            // MMD²(P, U) = E_PP k − 2 E_PU k + E_UU k with the U-integrals by the periodic trapezoid rule
            double brute = meanKernel(kappa, p, p, d) - 2 * meanKernel(kappa, p, u, d) + meanKernel(kappa, u, u, d);
            TorusMmd.Result r = TorusMmd.vonMises(kappa).toUniform(d, p);
            assertThat(r.squared()).as("d=%d", d).isCloseTo(brute, within(1e-12));
            assertThat(r.referencePoints()).isZero();
            assertThat(r.kernel()).isEqualTo("von Mises product");
            assertThat(r.kappa()).isEqualTo(kappa);
            assertThat(r.dimension()).isEqualTo(d);
        }
    }

    @Test
    void scaledBesselI0MatchesPublishedValuesAndTheIntegral() {
        // published values (A&S table 9.8): I0(1) = 1.266065877752, I0(10) = 2815.716628466
        assertThat(TorusMmd.scaledBesselI0(1) * Math.E).isCloseTo(1.266065877752, within(1e-11));
        assertThat(TorusMmd.scaledBesselI0(10) * Math.exp(10)).isCloseTo(2815.716628466, within(1e-8));
        assertThat(TorusMmd.scaledBesselI0(0)).isEqualTo(1);
        // ρ(κ) = (1/π) ∫_0^π exp(κ(cos φ − 1)) dφ, by the trapezoid rule on the full period (converges geometrically)
        for (double kappa : new double[] {0.3, 7, 60, 699.5, 700.5, 3000}) {
            int n = 40000;
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.exp(kappa * (Math.cos(2 * Math.PI * j / n) - 1));
            }
            double rho = s / n;
            assertThat(TorusMmd.scaledBesselI0(kappa)).as("kappa=%s", kappa).isCloseTo(rho, within(1e-13 * rho));
        }
    }

    @Test
    void identicalCloudsAreAtDistanceZero() {
        double[] p = uniformCloud(new SplittableRandom(8), 50, 3);
        TorusMmd.Result r = TorusMmd.vonMises(4).between(3, p, p.clone());
        assertThat(r.squared()).isZero();
        assertThat(r.distance()).isZero();
        // the same points in another order: the same measure, zero up to rounding of the three kernel sums
        double[] reversed = new double[p.length];
        for (int i = 0; i < 50; i++) {
            System.arraycopy(p, 3 * (49 - i), reversed, 3 * i, 3);
        }
        assertThat(TorusMmd.vonMises(4).between(3, p, reversed).squared()).isCloseTo(0, within(1e-13));
        assertThat(r.points()).isEqualTo(50);
        assertThat(r.referencePoints()).isEqualTo(50);
    }

    @Test
    void singlePointAgainstItsShiftByHand() {
        // MMD² = k(a,a) + k(b,b) − 2 k(a,b) = 2 − 2 Π_k exp(κ(cos δ_k − 1))
        double kappa = 1.7;
        double[] a = {0.3, 6.0};
        double[] b = {0.3 + 0.5, 6.0 - 2.0 + 2 * Math.PI};
        double expected = 2 - 2 * Math.exp(kappa * (Math.cos(0.5) - 1)) * Math.exp(kappa * (Math.cos(2.0) - 1));
        assertThat(TorusMmd.vonMises(kappa).between(2, a, b).squared()).isCloseTo(expected, within(1e-14));
    }

    @Test
    void twoPointCloudAgainstItsRigidShiftByHand() {
        // d = 1, P = {0, π/2}, Q = P + δ with δ = π/3; write K(Δ) = exp(κ(cos Δ − 1)).
        // E_PP = E_QQ = (2 + 2K(π/2)) / 4; E_PQ = (K(δ) + K(π/2 − δ) + K(π/2 + δ) + K(δ)) / 4.
        double kappa = 0.9;
        double delta = Math.PI / 3;
        double kQuarter = Math.exp(kappa * (Math.cos(Math.PI / 2) - 1));
        double kDelta = Math.exp(kappa * (Math.cos(delta) - 1));
        double kMinus = Math.exp(kappa * (Math.cos(Math.PI / 2 - delta) - 1));
        double kPlus = Math.exp(kappa * (Math.cos(Math.PI / 2 + delta) - 1));
        double expected = 2 * (2 + 2 * kQuarter) / 4 - 2 * (2 * kDelta + kMinus + kPlus) / 4;
        double[] p = {0, Math.PI / 2};
        double[] q = {delta, Math.PI / 2 + delta};
        assertThat(TorusMmd.vonMises(kappa).between(1, p, q).squared()).isCloseTo(expected, within(1e-14));
    }

    @Test
    void aLargeUniformCloudIsCloseToTheUniformLaw() {
        // E MMD²(μ_N, U) = (1 − ρ^d)/N for i.i.d. uniform draws (the diagonal of the V-statistic)
        int n = 2000;
        int d = 2;
        double kappa = 3;
        double rhoD = Math.pow(TorusMmd.scaledBesselI0(kappa), d);
        double mmd2 = TorusMmd.vonMises(kappa).toUniform(d, uniformCloud(new SplittableRandom(1), n, d)).squared();
        assertThat(mmd2).isBetween(0.25 * (1 - rhoD) / n, 4 * (1 - rhoD) / n);
    }

    @Test
    void sameBitsOnAnyThreadCount() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] p = uniformCloud(rnd, 700, 3);
        double[] q = uniformCloud(rnd, 450, 3);
        TorusMmd one = TorusMmd.vonMises(2).withThreads(1);
        TorusMmd four = TorusMmd.vonMises(2).withThreads(4);
        TorusMmd common = TorusMmd.vonMises(2);
        assertThat(four.between(3, p, q)).isEqualTo(one.between(3, p, q));
        assertThat(common.between(3, p, q)).isEqualTo(one.between(3, p, q));
        assertThat(four.toUniform(3, p)).isEqualTo(one.toUniform(3, p));
    }

    @Test
    void refusesBadInput() {
        assertThatThrownBy(() -> TorusMmd.vonMises(-1)).hasMessageContaining("kappa");
        assertThatThrownBy(() -> TorusMmd.vonMises(1).toUniform(2, new double[] {1, 2, 3}))
                .hasMessageContaining("whole points of dimension 2");
        assertThatThrownBy(() -> TorusMmd.vonMises(1).between(1, new double[] {1}, new double[] {Double.NaN}))
                .hasMessageContaining("point 0 of the second cloud");
    }

    /** Points in a few tight clusters, some across the seam at 0 = 2π. */
    private static double[] clustered(SplittableRandom rnd, int n, int d) {
        double[] x = new double[n * d];
        double[] centres = {0.02, 2 * Math.PI - 0.03, 1.1, 4.0};
        for (int i = 0; i < n; i++) {
            double c = centres[rnd.nextInt(centres.length)];
            for (int k = 0; k < d; k++) {
                x[i * d + k] = c + 0.05 * (rnd.nextDouble() - 0.5) + (k == 1 ? 2 * Math.PI * rnd.nextInt(-1, 2) : 0);
            }
        }
        return x;
    }

    @Test
    void fourierSumsEqualThePairwiseDefinition() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int d = 1; d <= 3; d++) {
            for (double kappa : new double[] {0.3, 1, 4, 25}) {
                TorusMmd fourier = TorusMmd.vonMises(kappa);
                if (d == 3 && kappa > 1) {
                    // 27 426 and 269 122 frequencies: more than MAX_FREQUENCIES, the pairwise sums are used
                    assertThat(fourier.usesFourierSums(d)).isFalse();
                    continue;
                }
                assertThat(fourier.usesFourierSums(d)).as("d = %d, kappa = %s", d, kappa).isTrue();
                TorusMmd pairwise = fourier.pairwise();
                double[][] clouds = {uniformCloud(rnd, 37, d), uniformCloud(rnd, 700, d), clustered(rnd, 90, d),
                    clustered(rnd, 600, d)};
                for (double[] p : clouds) {
                    for (double[] q : clouds) {
                        double exact = pairwise.between(d, p, q).squared();
                        double viaSeries = fourier.between(d, p, q).squared();
                        // the pairwise sums carry rounding of ~1e-16 per unit of the three sums; the series is exact
                        // to 1e-16 and a sum of non-negative terms
                        assertThat(viaSeries).as("d = %d, kappa = %s", d, kappa).isCloseTo(exact, within(2e-14));
                        assertThat(viaSeries).isGreaterThanOrEqualTo(0);
                    }
                    assertThat(fourier.toUniform(d, p).squared())
                            .isCloseTo(pairwise.toUniform(d, p).squared(), within(2e-14));
                }
            }
        }
    }

    @Test
    void theSpectrumsWeightsAreTheKernelsFourierCoefficients() {
        for (double kappa : new double[] {0.3, 1, 4, 25, 300}) {
            double[] w = VonMisesSpectrum.weights(kappa);
            double total = w[0];
            for (int m = 1; m < w.length; m++) {
                total += 2 * w[m];
                assertThat(w[m]).isLessThanOrEqualTo(w[m - 1]);
            }
            assertThat(total).isCloseTo(1, within(1e-14));
            assertThat(w[0]).isCloseTo(TorusMmd.scaledBesselI0(kappa), within(1e-14 * w[0] + 1e-300));
            // (1/2π) ∫ exp(κ (cos φ − 1)) cos(mφ) dφ by the trapezoid rule, exponentially accurate for this periodic
            // integrand
            int g = 512;
            for (int m = 0; m < Math.min(w.length, 12); m++) {
                double s = 0;
                for (int j = 0; j < g; j++) {
                    double phi = 2 * Math.PI * j / g;
                    s += Math.exp(kappa * (Math.cos(phi) - 1)) * Math.cos(m * phi);
                }
                assertThat(w[m]).as("kappa = %s, m = %d", kappa, m).isCloseTo(s / g, within(4e-15));
            }
        }
    }

    @Test
    void aWideSpectrumFallsBackToThePairwiseSums() {
        TorusMmd k = TorusMmd.vonMises(6);
        assertThat(k.usesFourierSums(2)).isTrue();
        assertThat(k.usesFourierSums(10)).isFalse();
        SplittableRandom rnd = new SplittableRandom(5);
        double[] p = uniformCloud(rnd, 40, 10);
        double[] q = uniformCloud(rnd, 30, 10);
        assertThat(k.between(10, p, q).squared()).isEqualTo(k.pairwise().between(10, p, q).squared());
    }

    @Test
    void fourierSumsHaveTheSameBitsOnAnyThreadCount() {
        SplittableRandom rnd = new SplittableRandom(9);
        double[] p = uniformCloud(rnd, 40_000, 2);
        double[] q = clustered(rnd, 3000, 2);
        TorusMmd one = TorusMmd.vonMises(1).withThreads(1);
        TorusMmd three = TorusMmd.vonMises(1).withThreads(3);
        assertThat(three.between(2, p, q)).isEqualTo(one.between(2, p, q));
        assertThat(TorusMmd.vonMises(1).toUniform(2, p)).isEqualTo(one.toUniform(2, p));
    }
}
