package io.qmoe.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The all-pairs check against brute force on potentials that are feasible nearly everywhere (a perturbed optimum)
 * and on arbitrary ones: the largest violation is exact, and with room for every violated pair of a source the
 * returned pairs are exactly the brute-force pairs below −tol. Points sit on cell borders and across the seam, where
 * the point-to-box and cell-reach bounds are tightest.
 */
class DualCertificateTest {
    @Test
    void matchesBruteForceOnPerturbedAndArbitraryPotentials() {
        SplittableRandom rnd = new SplittableRandom(41);
        for (int trial = 0; trial < 12; trial++) {
            int d = 1 + trial % 4;
            int p = 1 + trial % 2;
            int n = 150 + rnd.nextInt(200);
            int m = 150 + rnd.nextInt(200);
            double[] a = TorusCost.wrapped(d, trial % 3 == 0 ? TorusTransportTest.acrossTheSeam(rnd, n, d)
                    : trial % 3 == 1 ? TorusTransportTest.onCellBorders(rnd, n, d) : TransportOracle.uniform(rnd, n, d));
            double[] b = TorusCost.wrapped(d, TransportOracle.uniform(rnd, m, d));
            double[] u = new double[n];
            double[] v = new double[m];
            if (trial < 8) {
                TransportResult r = TorusTransport.solve(a, b, d, p);
                for (int i = 0; i < n; i++) {
                    u[i] = r.u()[i] + (i % 7 == 0 ? 0.05 * rnd.nextDouble() : 0);
                }
                System.arraycopy(r.v(), 0, v, 0, m);
            } else {
                for (int i = 0; i < n; i++) {
                    u[i] = rnd.nextDouble() - 0.5;
                }
                for (int j = 0; j < m; j++) {
                    v[j] = 0.3 * rnd.nextDouble();
                }
            }
            double tol = 1e-13;
            DualCertificate cert = DualCertificate.check(a, b, d, p, u, v, tol, m);
            double worst = 0;
            java.util.List<Long> expected = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double r = TransportOracle.cost(a, i, b, j, d, p) - u[i] - v[j];
                    worst = Math.max(worst, -r);
                    if (r < -tol) {
                        expected.add((long) i * m + j);
                    }
                }
            }
            assertThat(cert.maxViolation).isEqualTo(worst);
            assertThat(cert.violations).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
        }
    }

    @Test
    void theCubeAroundACellListsEachNearCellOnce() {
        int g = 7;
        for (int reach = 1; reach <= 5; reach++) {
            int[] rows = DualCertificate.cubeAround(new int[] {0, 6}, reach, g, 2);
            java.util.Set<Integer> cells = new java.util.HashSet<>();
            for (int q = 0; q < rows.length / 3; q++) {
                int c0 = rows[3 * q + 1];
                int c1 = rows[3 * q + 2];
                assertThat(rows[3 * q]).isEqualTo(c0 + g * c1);
                int d0 = Math.min(c0, g - c0);
                int d1 = Math.min(Math.abs(c1 - 6), g - Math.abs(c1 - 6));
                assertThat(Math.max(d0, d1)).isLessThan(reach);
                assertThat(cells.add(rows[3 * q])).isTrue();
            }
            int side = Math.min(g, 2 * reach - 1);
            assertThat(cells).hasSize(side * side);
        }
    }
}
