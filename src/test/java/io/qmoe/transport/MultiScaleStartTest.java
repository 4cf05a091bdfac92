package io.qmoe.transport;

import static io.qmoe.transport.TransportOracle.assertCertified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The multi-scale start: small clouds are pushed through several coarse levels (a tiny {@code coarsest}) and must give
 * the dense assignment's value with a certificate checked here over all pairs; the weighted levels themselves are
 * checked against the dense assignment of the clouds with every point repeated as often as its mass.
 */
class MultiScaleStartTest {
    private static void assertRelative(double actual, double expected, double rel) {
        assertThat(actual).isCloseTo(expected, within(rel * Math.max(Math.abs(expected), 1e-300)));
    }

    @Test
    void multiScaleEqualsDenseOnRandomAndAdversarialClouds() {
        SplittableRandom rnd = new SplittableRandom(31);
        int n = 420;
        for (int d : new int[] {2, 4}) {
            double[][][] cases = {
                {TransportOracle.uniform(rnd, n, d), TransportOracle.uniform(rnd, n, d)},
                {nearCurve(rnd, n, d), nearCurve(rnd, n, d)},
                {TorusTransportTest.clustered(rnd, n, d, 0.05), TransportOracle.uniform(rnd, n, d)},
                {TorusTransportTest.clustered(rnd, n, d, 0.3), TorusTransportTest.clustered(rnd, n, d, 0.3)},
                {TorusTransportTest.duplicated(rnd, n, d), TorusTransportTest.duplicated(rnd, n, d)},
                {TorusTransportTest.onCellBorders(rnd, n, d), TorusTransportTest.onCellBorders(rnd, n, d)},
                {TorusTransportTest.acrossTheSeam(rnd, n, d), TorusTransportTest.acrossTheSeam(rnd, n, d)},
            };
            for (double[][] c : cases) {
                for (int p = 1; p <= 2; p++) {
                    for (int coarsest : new int[] {8, 60}) {
                        TransportResult r = TorusTransport.solveMultiScale(c[0], c[1], d, p, coarsest);
                        assertRelative(r.primal(), TransportOracle.replicatedAssignmentMean(c[0], c[1], d, p), 1e-12);
                        assertCertified(c[0], c[1], d, p, r);
                    }
                }
            }
        }
    }

    @Test
    void theStartCoarsensConcentratedCloudsAndRefinesTheCoarsePlan() {
        SplittableRandom rnd = new SplittableRandom(32);
        int n = 600;
        double[] a = TorusCost.wrapped(2, nearCurve(rnd, n, 2));
        double[] b = TorusCost.wrapped(2, nearCurve(rnd, n, 2));
        int[] ones = new int[n];
        java.util.Arrays.fill(ones, 1);
        MultiScaleStart start = MultiScaleStart.of(a, ones, b, ones, 2, 2, 16, 50);
        assertThat(start).isNotNull();
        assertThat(start.v).hasSize(n).doesNotContain(Double.POSITIVE_INFINITY, Double.NaN);
        // keys are sorted and unique, and every fine source and sink has a pair (the coarse plan covers every cell)
        boolean[] seenA = new boolean[n];
        boolean[] seenB = new boolean[n];
        for (int q = 0; q < start.pairs.length; q++) {
            if (q > 0) {
                assertThat(start.pairs[q]).isGreaterThan(start.pairs[q - 1]);
            }
            seenA[(int) (start.pairs[q] / n)] = true;
            seenB[(int) (start.pairs[q] % n)] = true;
        }
        for (int i = 0; i < n; i++) {
            assertThat(seenA[i]).isTrue();
            assertThat(seenB[i]).isTrue();
        }
    }

    @Test
    void weightedLevelsMatchTheRepeatedAssignment() {
        // unequal point counts and masses 1..4 with equal totals, ties and the seam included
        SplittableRandom rnd = new SplittableRandom(33);
        for (int trial = 0; trial < 12; trial++) {
            int d = trial % 3 == 2 ? 3 : 2;
            int n = 20 + rnd.nextInt(40);
            int m = 20 + rnd.nextInt(40);
            double[] a = TorusCost.wrapped(d, trial % 4 == 1 ? TorusTransportTest.acrossTheSeam(rnd, n, d)
                    : TransportOracle.uniform(rnd, n, d));
            double[] b = TorusCost.wrapped(d, trial % 4 == 3 ? TorusTransportTest.duplicated(rnd, m, d)
                    : TorusTransportTest.clustered(rnd, m, d, 1.0));
            int[] wa = masses(rnd, n);
            int[] wb = masses(rnd, m);
            balance(wa, wb);
            int p = 1 + trial % 2;
            MultiScaleStart.Level level = MultiScaleStart.solveLevel(a, wa, b, wb, d, p, 4, trial < 6 ? 10 : 1000);
            assertWeightedOptimal(a, wa, b, wb, d, p, level);
        }
    }

    @Test
    @Tag("slow")
    void multiScaleWithTheAuctionMatchesTheDenseAssignment() {
        // n ≥ 2000: the fine level starts the auction from the prolonged potentials
        SplittableRandom rnd = new SplittableRandom(34);
        int n = 2100;
        double[] a = nearCurve(rnd, n, 2);
        double[] b = nearCurve(rnd, n, 2);
        double[] cost = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cost[i * n + j] = TransportOracle.cost(a, i, b, j, 2, 2);
            }
        }
        double dense = AssignmentSolver.solve(cost, n).cost() / n;
        TransportResult r = TorusTransport.solveMultiScale(a, b, 2, 2, 300);
        assertRelative(r.primal(), dense, 1e-12);
        assertCertified(a, b, 2, 2, r);
    }

    @Test
    void warmStartsAfterALargeMoveGiveTheColdValue() {
        // n ≥ 2000: the warm auction starts at the 99th percentile of the previous plan's gaps and raises ε when a
        // phase runs out of bids; curve clouds from a multi-scale cold solve, and clouds with many exact ties
        SplittableRandom rnd = new SplittableRandom(36);
        int n = 2048;
        double[][][] cases = {
            {nearCurve(rnd, n, 2), nearCurve(rnd, n, 2)},
            {TorusTransportTest.duplicated(rnd, n, 2), TransportOracle.uniform(rnd, n, 2)},
        };
        for (double[][] c : cases) {
            TransportResult first = TorusTransport.solveMultiScale(c[0], c[1], 2, 2, 200);
            double[] moved = c[0].clone();
            for (int i = 0; i < moved.length; i++) {
                moved[i] += 0.3 * Math.sin(3 * c[0][i ^ 1]);
            }
            TransportResult cold = TorusTransport.solve(moved, c[1], 2, 2);
            TransportResult warm = TorusTransport.warmStart(moved, c[1], 2, 2, first);
            assertRelative(warm.primal(), cold.primal(), 1e-13);
            assertCertified(moved, c[1], 2, 2, warm);
        }
    }

    @Test
    void multiScaleGivesTheSameBitsOnOneThreadAndOnMany() throws Exception {
        SplittableRandom rnd = new SplittableRandom(35);
        double[] a = nearCurve(rnd, 900, 2);
        double[] b = nearCurve(rnd, 900, 2);
        TransportResult many = TorusTransport.solveMultiScale(a, b, 2, 2, 40);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            TransportResult single = one.submit(() -> TorusTransport.solveMultiScale(a, b, 2, 2, 40)).get();
            assertThat(Double.doubleToRawLongBits(single.primal())).isEqualTo(Double.doubleToRawLongBits(many.primal()));
            assertThat(single.u()).isEqualTo(many.u());
            assertThat(single.v()).isEqualTo(many.v());
            assertThat(single.plan().sink()).isEqualTo(many.plan().sink());
        } finally {
            one.shutdown();
        }
    }

    /**
     * The level's plan is checked from its potentials alone: complementary slackness on the support, feasibility for
     * all pairs, primal = dual; and its cost equals the dense assignment of the repeated points.
     */
    private static void assertWeightedOptimal(double[] a, int[] wa, double[] b, int[] wb, int d, int p,
                                              MultiScaleStart.Level level) {
        int n = wa.length;
        int m = wb.length;
        double cMax = p == 2 ? d * Math.PI * Math.PI : Math.sqrt(d) * Math.PI;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                worst = Math.max(worst, level.u()[i] + level.v()[j] - TransportOracle.cost(a, i, b, j, d, p));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1e-12 * cMax);
        int total = 0;
        for (int w : wa) {
            total += w;
        }
        double[] ra = repeated(a, wa, d, total);
        double[] rb = repeated(b, wb, d, total);
        double[] cost = new double[total * total];
        for (int r = 0; r < total; r++) {
            for (int s = 0; s < total; s++) {
                cost[r * total + s] = TransportOracle.cost(ra, r, rb, s, d, p);
            }
        }
        double dense = AssignmentSolver.solve(cost, total).cost();
        double dual = 0;
        for (int i = 0; i < n; i++) {
            dual += wa[i] * level.u()[i];
        }
        for (int j = 0; j < m; j++) {
            dual += wb[j] * level.v()[j];
        }
        assertRelative(dual, dense, 1e-12);
        // the support only uses tight pairs: its complementary slackness
        for (long key : level.support()) {
            int i = (int) (key / m);
            int j = (int) (key % m);
            assertThat(TransportOracle.cost(a, i, b, j, d, p) - level.u()[i] - level.v()[j])
                    .isCloseTo(0.0, within(1e-12 * cMax));
        }
    }

    private static double[] repeated(double[] x, int[] w, int d, int total) {
        double[] out = new double[total * d];
        int at = 0;
        for (int i = 0; i < w.length; i++) {
            for (int r = 0; r < w[i]; r++) {
                System.arraycopy(x, i * d, out, at * d, d);
                at++;
            }
        }
        return out;
    }

    private static int[] masses(SplittableRandom rnd, int n) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = 1 + rnd.nextInt(4);
        }
        return w;
    }

    /** Raises masses of the lighter side one unit at a time (cyclically) until both totals agree. */
    private static void balance(int[] wa, int[] wb) {
        int sa = java.util.Arrays.stream(wa).sum();
        int sb = java.util.Arrays.stream(wb).sum();
        int[] light = sa < sb ? wa : wb;
        for (int q = 0; q < Math.abs(sa - sb); q++) {
            light[q % light.length]++;
        }
    }

    /** Points near the closed curve s ↦ (s, 2 + 1.5 sin s, 1 + cos 2s, 3 + 0.5 sin 3s), noise 0.05 per axis. */
    static double[] nearCurve(SplittableRandom rnd, int n, int d) {
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double s = rnd.nextDouble() * 2 * Math.PI;
            double[] c = {s, 2 + 1.5 * Math.sin(s), 1 + Math.cos(2 * s), 3 + 0.5 * Math.sin(3 * s)};
            for (int k = 0; k < d; k++) {
                x[i * d + k] = c[k] + 0.05 * (rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 1.5);
            }
        }
        return x;
    }
}
