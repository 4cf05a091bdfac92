package io.qmoe.transport;

import static io.qmoe.transport.TransportOracle.assertCertified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class TorusTransportTest {
    private static double mean(TransportResult r) {
        return r.primal();
    }

    private static void assertRelative(double actual, double expected, double rel) {
        assertThat(actual).isCloseTo(expected, within(rel * Math.max(Math.abs(expected), 1e-300)));
    }

    @Test
    void equalSmallSizesMatchEveryPermutation() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int n = 1; n <= 7; n++) {
            for (int d = 1; d <= 3; d++) {
                for (int p = 1; p <= 2; p++) {
                    double[] a = TransportOracle.uniform(rnd, n, d);
                    double[] b = TransportOracle.uniform(rnd, n, d);
                    TransportResult r = TorusTransport.solve(a, b, d, p, 1 + rnd.nextInt(3));
                    assertRelative(mean(r), TransportOracle.bruteForceMean(a, b, d, p), 1e-12);
                    assertCertified(a, b, d, p, r);
                }
            }
        }
    }

    @Test
    void unequalTinySizesMatchEveryIntegerFlow() {
        SplittableRandom rnd = new SplittableRandom(12);
        int[][] sizes = {{1, 3}, {2, 3}, {3, 2}, {2, 4}, {3, 4}, {4, 3}, {4, 6}, {5, 2}};
        for (int[] s : sizes) {
            for (int p = 1; p <= 2; p++) {
                int d = 2;
                double[] a = TransportOracle.uniform(rnd, s[0], d);
                double[] b = TransportOracle.uniform(rnd, s[1], d);
                TransportResult r = TorusTransport.solve(a, b, d, p, 1);
                assertRelative(mean(r), TransportOracle.bruteForceFlowMean(a, b, d, p), 1e-12);
                assertCertified(a, b, d, p, r);
            }
        }
    }

    @Test
    void unequalSizesMatchTheReplicatedAssignment() {
        SplittableRandom rnd = new SplittableRandom(13);
        int[][] sizes = {{7, 5}, {5, 7}, {12, 8}, {30, 45}, {64, 16}};
        for (int[] s : sizes) {
            for (int d = 1; d <= 4; d += 3) {
                double[] a = TransportOracle.uniform(rnd, s[0], d);
                double[] b = TransportOracle.uniform(rnd, s[1], d);
                TransportResult r = TorusTransport.solve(a, b, d, 2, 2);
                assertRelative(mean(r), TransportOracle.replicatedAssignmentMean(a, b, d, 2), 1e-12);
                assertCertified(a, b, d, 2, r);
            }
        }
    }

    @Test
    void theHandComputedPlanOfTwoAgainstThree() {
        // {0, 1} (mass 1/2 each) against {0, 0.6, 1.2} (1/3 each) on the circle: 0→0 (1/3), 0→0.6 (1/6),
        // 1→0.6 (1/6), 1→1.2 (1/3)
        TransportResult r = TorusTransport.solve(new double[] {0, 1}, new double[] {0, 0.6, 1.2}, 1, 2);
        assertThat(r.value()).isCloseTo(Math.sqrt(0.36 / 6 + 0.16 / 6 + 0.04 / 3), within(1e-15));
        assertThat(r.totalMass()).isEqualTo(6);
        assertThat(r.plan().flow()).containsExactly(2, 1, 1, 2);
    }

    @Test
    void sparseEqualsDenseOnRandomAndAdversarialClouds() {
        SplittableRandom rnd = new SplittableRandom(14);
        int n = 240;
        for (int d : new int[] {2, 4}) {
            double[][][] cases = {
                {TransportOracle.uniform(rnd, n, d), TransportOracle.uniform(rnd, n, d)},
                {clustered(rnd, n, d, 0.05), TransportOracle.uniform(rnd, n, d)},
                {duplicated(rnd, n, d), duplicated(rnd, n, d)},
                {onCellBorders(rnd, n, d), onCellBorders(rnd, n, d)},
                {acrossTheSeam(rnd, n, d), acrossTheSeam(rnd, n, d)},
            };
            for (double[][] c : cases) {
                for (int p = 1; p <= 2; p++) {
                    TransportResult r = TorusTransport.solve(c[0], c[1], d, p, 2);
                    assertRelative(mean(r), TransportOracle.replicatedAssignmentMean(c[0], c[1], d, p), 1e-12);
                    assertCertified(c[0], c[1], d, p, r);
                }
            }
        }
    }

    @Test
    @Tag("slow")
    void equalSizesAboveTheAuctionThresholdMatchTheDenseAssignment() {
        // n ≥ 2000 equal sizes start from auction prices: the exact value must not depend on that start
        SplittableRandom rnd = new SplittableRandom(19);
        int n = 2200;
        double[] a = TransportOracle.uniform(rnd, n, 2);
        double[] b = clustered(rnd, n, 2, 2.0);
        double[] cost = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cost[i * n + j] = TransportOracle.cost(a, i, b, j, 2, 2);
            }
        }
        double dense = AssignmentSolver.solve(cost, n).cost() / n;
        TransportResult r = TorusTransport.solve(a, b, 2, 2);
        assertRelative(r.primal(), dense, 1e-12);
        assertCertified(a, b, 2, 2, r);
    }

    @Test
    void veryUnequalSizesAreCertified() {
        SplittableRandom rnd = new SplittableRandom(15);
        double[] a = TransportOracle.uniform(rnd, 100, 2);
        double[] b = TransportOracle.uniform(rnd, 2048, 2);
        TransportResult r = TorusTransport.solve(a, b, 2, 2);
        assertCertified(a, b, 2, 2, r);
        TransportResult swapped = TorusTransport.solve(b, a, 2, 2);
        assertRelative(swapped.primal(), r.primal(), 1e-12);
        assertCertified(b, a, 2, 2, swapped);
        // more sources than sinks is solved transposed: the optimum of uniform random clouds is unique, so the
        // swapped plan is this plan with sources and sinks exchanged, listed by its own sources, then sinks
        long[] mine = listed(r.plan().sink(), r.plan().source(), r.plan().flow());
        Arrays.sort(mine);
        assertThat(listed(swapped.plan().source(), swapped.plan().sink(), swapped.plan().flow()))
                .containsExactly(mine);
        // and it warm-starts the swapped problem of moved clouds like any result
        double[] moved = bend(b, 0.1);
        TransportResult warm = TorusTransport.warmStart(moved, a, 2, 2, swapped);
        assertCertified(moved, a, 2, 2, warm);
        assertRelative(warm.primal(), TorusTransport.solve(a, moved, 2, 2).primal(), 1e-12);
    }

    @Test
    @Tag("slow")
    void certificateHoldsForAllPairsAtTwoThousandPoints() {
        SplittableRandom rnd = new SplittableRandom(16);
        double[][][] cases = {
            {TransportOracle.uniform(rnd, 2000, 2), TransportOracle.uniform(rnd, 1900, 2)},
            {clustered(rnd, 2000, 3, 0.5), clustered(rnd, 2000, 3, 0.5)},
        };
        for (double[][] c : cases) {
            int d = c == cases[0] ? 2 : 3;
            for (int p = 1; p <= 2; p++) {
                TransportResult r = TorusTransport.solve(c[0], c[1], d, p);
                assertCertified(c[0], c[1], d, p, r);
                assertThat(r.rounds()).isGreaterThanOrEqualTo(1);
            }
        }
    }

    @Test
    void warmStartGivesTheColdValue() {
        SplittableRandom rnd = new SplittableRandom(17);
        int n = 1500;
        double[] a = TransportOracle.uniform(rnd, n, 2);
        double[] b = TransportOracle.uniform(rnd, n, 2);
        TransportResult first = TorusTransport.solve(a, b, 2, 2);
        double[] moved = a.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += 0.01 * (rnd.nextDouble() - 0.5);
        }
        TransportResult cold = TorusTransport.solve(moved, b, 2, 2);
        TransportResult warm = TorusTransport.warmStart(moved, b, 2, 2, first);
        assertRelative(warm.primal(), cold.primal(), 1e-13);
        assertCertified(moved, b, 2, 2, warm);
        assertThat(warm.augmentations()).isLessThan(cold.augmentations());
    }

    @Test
    void fewSourcesAgainstManySinksMatchTheReplicatedAssignmentOnAdversarialClouds() {
        // the source-potential ascent that starts n < m: ties (repeated sources), clusters, the periodic seam
        SplittableRandom rnd = new SplittableRandom(21);
        double[] repeated = new double[2 * 24];
        for (int i = 0; i < 24; i++) {
            repeated[2 * i] = i < 12 ? 1.0 : 2.0 * Math.PI - 1e-9;
            repeated[2 * i + 1] = i % 3 == 0 ? 0.0 : 3.0;
        }
        double[][][] cases = {
            {repeated, TransportOracle.uniform(rnd, 96, 2)},
            {clustered(rnd, 40, 2, 0.3), TransportOracle.uniform(rnd, 96, 2)},
            {TransportOracle.uniform(rnd, 16, 2), clustered(rnd, 128, 2, 0.2)},
        };
        for (double[][] c : cases) {
            for (int p = 1; p <= 2; p++) {
                TransportResult r = TorusTransport.solve(c[0], c[1], 2, p);
                assertRelative(mean(r), TransportOracle.replicatedAssignmentMean(c[0], c[1], 2, p), 1e-12);
                assertCertified(c[0], c[1], 2, p, r);
            }
        }
    }

    @Test
    void fewSourcesWarmStartAfterALargeMoveGivesTheColdValue() {
        // as in the analysis: N experts against a reference, both clouds moved between two snapshots
        SplittableRandom rnd = new SplittableRandom(22);
        for (int n : new int[] {50, 256}) {
            double[] a = TransportOracle.uniform(rnd, n, 2);
            double[] b = TransportOracle.uniform(rnd, 2048, 2);
            TransportResult first = TorusTransport.solve(a, b, 2, 2);
            double[] movedA = a.clone();
            double[] movedB = b.clone();
            for (int i = 0; i < movedA.length; i++) {
                movedA[i] += 0.3 * Math.sin(a[i ^ 1]);
            }
            for (int i = 0; i < movedB.length; i++) {
                movedB[i] += 0.3 * Math.sin(b[i ^ 1]);
            }
            TransportResult cold = TorusTransport.solve(movedA, movedB, 2, 2);
            TransportResult warm = TorusTransport.warmStart(movedA, movedB, 2, 2, first);
            assertRelative(warm.primal(), cold.primal(), 1e-13);
            assertCertified(movedA, movedB, 2, 2, warm);
        }
    }

    @Test
    void fewSourcesWarmAfterLargeMovesOnAdversarialCloudsMatchTheReplicatedAssignment() {
        // the n < m warm path (fresh nearest partners with the previous plan, the sinks' repair, the one-owner
        // shortest paths): ties, clusters, the seam, cell borders, a demand above one (m not a multiple of n), a
        // move of half the torus and a warm start from unrelated clouds; checked against the dense assignment
        SplittableRandom rnd = new SplittableRandom(23);
        int[][] sizes = {{16, 96}, {24, 96}, {20, 96}, {7, 60}};
        int maxRounds = 0;
        for (int[] s : sizes) {
            int n = s[0];
            int m = s[1];
            double[][][] cases = {
                {duplicated(rnd, n, 2), TransportOracle.uniform(rnd, m, 2)},
                {clustered(rnd, n, 2, 0.3), clustered(rnd, m, 2, 0.6)},
                {acrossTheSeam(rnd, n, 2), TransportOracle.uniform(rnd, m, 2)},
                {onCellBorders(rnd, n, 2), onCellBorders(rnd, m, 2)},
            };
            for (double[][] c : cases) {
                for (int p = 1; p <= 2; p++) {
                    TransportResult first = TorusTransport.solve(c[0], c[1], 2, p);
                    double[][] moves = {
                        bend(c[0], 0.8), bend(c[1], -0.5),
                        shift(c[0], Math.PI), TransportOracle.uniform(rnd, m, 2),
                        TransportOracle.uniform(rnd, n, 2), clustered(rnd, m, 2, 0.4),
                    };
                    for (int q = 0; q < moves.length; q += 2) {
                        double[] a = moves[q];
                        double[] b = moves[q + 1];
                        TransportResult warm = TorusTransport.warmStart(a, b, 2, p, first);
                        assertRelative(mean(warm), TransportOracle.replicatedAssignmentMean(a, b, 2, p), 1e-12);
                        assertCertified(a, b, 2, p, warm);
                        maxRounds = Math.max(maxRounds, warm.rounds());
                    }
                }
            }
        }
        // some of these warm starts needed the certificate's added pairs, so the sinks' repair ran
        assertThat(maxRounds).isGreaterThan(1);
    }

    @Test
    void roundedQuotasSpreadTheRemainderAndSumToTheSinks() {
        for (int[] s : new int[][] {{96, 65536}, {1000, 65536}, {7, 60}, {16, 4096}, {3, 3}}) {
            int[] q = TorusTransport.roundedQuotas(s[0], s[1]);
            assertThat(Arrays.stream(q).sum()).isEqualTo(s[1]);
            assertThat(Arrays.stream(q).min().getAsInt()).isEqualTo(s[1] / s[0]);
            assertThat(Arrays.stream(q).max().getAsInt()).isEqualTo((s[1] + s[0] - 1) / s[0]);
            // spread: any run of k consecutive sources holds k·m/n sinks to within one
            for (int from = 0; from + 10 <= s[0]; from += 5) {
                int run = Arrays.stream(q, from, from + 10).sum();
                assertThat((double) run).isCloseTo(10.0 * s[1] / s[0], within(1.0));
            }
        }
    }

    @Test
    void fewSourcesThatDoNotDivideTheSinksAreCertifiedAndAgreeWithTheSwappedProblem() {
        // n ∤ m: the sinks' auction runs on ⌊m/n⌋ or ⌈m/n⌉ slots per source, the ascent and the paths then carry the
        // real demands n/g. Each result is proven optimal from scratch over all pairs (assertCertified); the cold one
        // also equals the swapped problem's (solved transposed: its plan must be this plan transposed when the
        // optimum is unique, and its value equal in any case), and the warm one the cold solve's
        SplittableRandom rnd = new SplittableRandom(31);
        int[][] sizes = {{96, 1000}, {300, 2048}};
        for (int[] s : sizes) {
            double[][][] cases = {
                {TransportOracle.uniform(rnd, s[0], 2), TransportOracle.uniform(rnd, s[1], 2)},
                {clustered(rnd, s[0], 2, 0.3), TransportOracle.uniform(rnd, s[1], 2)},
                {duplicated(rnd, s[0], 2), acrossTheSeam(rnd, s[1], 2)},
            };
            // duplicated sources across the seam take seconds per solve at 300 against 2048: only the smaller size
            for (int k = 0; k < (s[1] <= 1000 ? cases.length : 2); k++) {
                double[][] c = cases[k];
                for (int p = 1; p <= 2; p++) {
                    TransportResult r = TorusTransport.solve(c[0], c[1], 2, p);
                    assertCertified(c[0], c[1], 2, p, r);
                    TransportResult swapped = TorusTransport.solve(c[1], c[0], 2, p);
                    assertCertified(c[1], c[0], 2, p, swapped);
                    assertRelative(swapped.primal(), r.primal(), 1e-12);
                    double[] moved = bend(c[0], 0.2);
                    TransportResult warm = TorusTransport.warmStart(moved, c[1], 2, p, r);
                    assertCertified(moved, c[1], 2, p, warm);
                    assertRelative(warm.primal(), TorusTransport.solve(moved, c[1], 2, p).primal(), 1e-13);
                }
            }
        }
    }

    @Test
    void manySourcesAgainstUnitSinksMatchTheReplicatedAssignment() {
        // above 200 sources with m a multiple of n (unit demands): the sources' multi-scale start, then the sinks'
        // auction with its candidate checks; ties, clusters, points on the cells' borders and on the periodic seam
        SplittableRandom rnd = new SplittableRandom(26);
        double[] onBorders = new double[2 * 288];
        for (int i = 0; i < 288; i++) {
            // multiples of 2π/16 and 2π/32 (cell borders of grids the solver may pick), 0 and just below 2π
            onBorders[2 * i] = i % 5 == 0 ? 0.0
                    : i % 7 == 0 ? Math.nextDown(2 * Math.PI) : 2 * Math.PI * (i % 16) / 16;
            onBorders[2 * i + 1] = 2 * Math.PI * rnd.nextInt(32) / 32;
        }
        double[][][] cases = {
            {TransportOracle.uniform(rnd, 320, 2), TransportOracle.uniform(rnd, 1280, 2)},
            {clustered(rnd, 300, 2, 0.4), TransportOracle.uniform(rnd, 1200, 2)},
            {TransportOracle.uniform(rnd, 272, 2), clustered(rnd, 1088, 2, 0.3)},
            {duplicated(rnd, 264, 2), TransportOracle.uniform(rnd, 1056, 2)},
            {onBorders, TransportOracle.uniform(rnd, 1152, 2)},
            {TransportOracle.uniform(rnd, 260, 4), TransportOracle.uniform(rnd, 1040, 4)},
        };
        for (double[][] c : cases) {
            int d = c[0].length == 260 * 4 ? 4 : 2;
            for (int p = 1; p <= 2; p++) {
                TransportResult r = TorusTransport.solve(c[0], c[1], d, p);
                assertRelative(mean(r), TransportOracle.replicatedAssignmentMean(c[0], c[1], d, p), 1e-12);
                assertCertified(c[0], c[1], d, p, r);
            }
        }
    }

    @Test
    void manySourcesAgainstUnitSinksWarmChainGivesTheColdValue() {
        // above 200 sources, unit demands: the sinks' auction warm from the previous potentials, its cold solves from
        // the sources' multi-scale start
        SplittableRandom rnd = new SplittableRandom(27);
        assertWarmChainGivesTheColdValue(clustered(rnd, 400, 2, 1.5), TransportOracle.uniform(rnd, 3200, 2), 3, 0.3);
    }

    @Test
    void fewSourcesWarmChainGivesTheColdValueEverySnapshot() {
        // a chain of warm starts as in the analysis (the candidate set is rebuilt at each step, the plan carried)
        SplittableRandom rnd = new SplittableRandom(24);
        assertWarmChainGivesTheColdValue(clustered(rnd, 64, 2, 1.0), TransportOracle.uniform(rnd, 1024, 2), 4, 0.25);
    }

    /**
     * Bends both clouds {@code steps} times (the sources by {@code bend}·step, the sinks by −0.2) and checks each warm
     * start from the previous one against a cold solve, both certified over all pairs.
     */
    private static void assertWarmChainGivesTheColdValue(double[] a, double[] b, int steps, double bend) {
        TransportResult previous = TorusTransport.solve(a, b, 2, 2);
        assertCertified(a, b, 2, 2, previous);
        for (int step = 1; step <= steps; step++) {
            a = bend(a, bend * step);
            b = bend(b, -0.2);
            TransportResult warm = TorusTransport.warmStart(a, b, 2, 2, previous);
            TransportResult cold = TorusTransport.solve(a, b, 2, 2);
            assertRelative(warm.primal(), cold.primal(), 1e-13);
            assertCertified(a, b, 2, 2, warm);
            assertCertified(a, b, 2, 2, cold);
            previous = warm;
        }
    }

    @Test
    void fewSourcesWarmStartHasTheSameBitsOnOneThreadAndOnMany() throws Exception {
        SplittableRandom rnd = new SplittableRandom(25);
        double[] a = clustered(rnd, 48, 2, 1.2);
        double[] b = TransportOracle.uniform(rnd, 1536, 2);
        TransportResult first = TorusTransport.solve(a, b, 2, 2);
        double[] movedA = bend(a, 0.6);
        double[] movedB = bend(b, -0.3);
        TransportResult many = TorusTransport.warmStart(movedA, movedB, 2, 2, first);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            TransportResult single = one.submit(() -> TorusTransport.warmStart(movedA, movedB, 2, 2,
                    TorusTransport.solve(a, b, 2, 2))).get();
            assertThat(Double.doubleToRawLongBits(single.value())).isEqualTo(Double.doubleToRawLongBits(many.value()));
            assertThat(single.u()).isEqualTo(many.u());
            assertThat(single.v()).isEqualTo(many.v());
            assertThat(single.plan().flow()).isEqualTo(many.plan().flow());
        } finally {
            one.shutdown();
        }
    }

    /** Each pair (first ≤ 99 999, second < 100) with its flow as one key, in the plan's order. */
    private static long[] listed(int[] first, int[] second, int[] flow) {
        long[] keys = new long[first.length];
        for (int q = 0; q < keys.length; q++) {
            keys[q] = ((long) first[q] * 100 + second[q]) * 1_000_000L + flow[q];
        }
        return keys;
    }

    /** Every coordinate moved by {@code amount}·sin of the other coordinate of its point (d = 2). */
    private static double[] bend(double[] x, double amount) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += amount * Math.sin(x[i ^ 1]);
        }
        return y;
    }

    private static double[] shift(double[] x, double by) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += by;
        }
        return y;
    }

    @Test
    void sameBitsOnOneThreadAndOnMany() throws Exception {
        SplittableRandom rnd = new SplittableRandom(18);
        assertSameBitsOnOneThread(clustered(rnd, 600, 2, 1.5), clustered(rnd, 500, 2, 1.5));
    }

    @Test
    @Tag("slow")
    void sameBitsOnOneThreadAndOnManyForLargerClouds() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20);
        assertSameBitsOnOneThread(clustered(rnd, 1200, 2, 1.5), clustered(rnd, 1000, 2, 1.5));
        assertSameBitsOnOneThread(TransportOracle.uniform(rnd, 2500, 2), TransportOracle.uniform(rnd, 2500, 2));
    }

    private static void assertSameBitsOnOneThread(double[] a, double[] b) throws Exception {
        TransportResult many = TorusTransport.solve(a, b, 2, 2);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            TransportResult single = one.submit(() -> TorusTransport.solve(a, b, 2, 2)).get();
            assertThat(Double.doubleToRawLongBits(single.value())).isEqualTo(Double.doubleToRawLongBits(many.value()));
            assertThat(single.u()).isEqualTo(many.u());
            assertThat(single.v()).isEqualTo(many.v());
            assertThat(single.plan().flow()).isEqualTo(many.plan().flow());
            assertThat(single.candidateArcs()).isEqualTo(many.candidateArcs());
        } finally {
            one.shutdown();
        }
    }

    @Test
    void refusesBadInput() {
        double[] x = {0.1, 0.2};
        assertThatThrownBy(() -> TorusTransport.solve(x, x, 2, 3)).hasMessageContaining("p must be 1 or 2");
        assertThatThrownBy(() -> TorusTransport.solve(x, new double[] {0.1, 0.2, 0.3}, 2, 2))
                .hasMessageContaining("whole points of dimension 2");
        assertThatThrownBy(() -> TorusTransport.solve(x, new double[] {0.1, Double.NaN}, 2, 2))
                .hasMessageContaining("not finite");
        TransportResult r = TorusTransport.solve(x, x, 2, 2);
        assertThat(r.value()).isEqualTo(0.0);
        assertThatThrownBy(() -> TorusTransport.warmStart(x, new double[] {0, 0, 1, 1}, 2, 2, r))
                .hasMessageContaining("warm start");
    }

    /** Points within a box of half-width {@code spread} around a random centre, near a seam when the centre is. */
    static double[] clustered(SplittableRandom rnd, int n, int d, double spread) {
        double[] centre = TransportOracle.uniform(rnd, 1, d);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = centre[i % d] + spread * (2 * rnd.nextDouble() - 1);
        }
        return x;
    }

    /** Only n/8 distinct points, each repeated: many exact ties in the costs. */
    static double[] duplicated(SplittableRandom rnd, int n, int d) {
        double[] distinct = TransportOracle.uniform(rnd, Math.max(1, n / 8), d);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int s = rnd.nextInt(distinct.length / d);
            System.arraycopy(distinct, s * d, x, i * d, d);
        }
        return x;
    }

    /** Coordinates on multiples of 2π/16 (the borders of every power-of-two cell grid), jittered by at most 1 ulp. */
    static double[] onCellBorders(SplittableRandom rnd, int n, int d) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            double v = 2 * Math.PI * rnd.nextInt(16) / 16;
            int jitter = rnd.nextInt(3) - 1;
            x[i] = jitter == 0 ? v : jitter > 0 ? Math.nextUp(v) : Math.nextDown(v);
        }
        return x;
    }

    /** Coordinates within 0.05 of the seam θ = 0 ≡ 2π, on both sides (including 2π − 1 ulp). */
    static double[] acrossTheSeam(SplittableRandom rnd, int n, int d) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            double t = 0.05 * rnd.nextDouble();
            x[i] = rnd.nextBoolean() ? t : Math.nextDown(2 * Math.PI) - t;
        }
        return x;
    }
}
