package io.qmoe.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpatialOrderTest {
    @Test
    void isAPermutationWhoseInverseMapsBack() {
        double[] x = TransportOracle.uniform(new SplittableRandom(41), 1000, 3);
        SpatialOrder order = SpatialOrder.of(x, 3);
        int[] toOld = order.toOld();
        int[] toNew = order.toNew();
        boolean[] seen = new boolean[1000];
        for (int k = 0; k < 1000; k++) {
            int i = toOld[k];
            assertThat(seen[i]).isFalse();
            seen[i] = true;
            assertThat(toNew[i]).isEqualTo(k);
        }
        double[] w = new SplittableRandom(42).doubles(1000).toArray();
        assertThat(order.restored(order.values(w))).containsExactly(w);
        double[] moved = order.points(x, 3);
        for (int k = 0; k < 1000; k++) {
            assertThat(Arrays.copyOfRange(moved, 3 * k, 3 * k + 3))
                    .containsExactly(Arrays.copyOfRange(x, 3 * toOld[k], 3 * toOld[k] + 3));
        }
    }

    @Test
    void theFourQuadrantsOfTheSquareComeInZOrder() {
        // one point per quadrant of [0, 2π)², listed in reverse: the curve visits (low, low), then the quadrant whose
        // first interleaved bit is the first axis's, as the most significant bit of the key is
        double lo = 1;
        double hi = 4;
        double[] x = {hi, hi, hi, lo, lo, hi, lo, lo};
        SpatialOrder order = SpatialOrder.of(x, 2);
        assertThat(order.toOld()).containsExactly(3, 2, 1, 0);
    }

    @Test
    void consecutivePointsAreMuchCloserThanInSampleOrder() {
        double[] x = TransportOracle.uniform(new SplittableRandom(43), 4096, 2);
        double[] z = SpatialOrder.of(x, 2).points(x, 2);
        // in sample order a step is between two independent uniform points: mean squared torus distance 2·π²/3
        assertThat(meanStep(x)).isCloseTo(2 * Math.PI * Math.PI / 3, within(0.3));
        assertThat(meanStep(z)).isLessThan(0.05 * meanStep(x));
    }

    @Test
    void theTransportDoesNotDependOnTheNumbering() {
        SplittableRandom rnd = new SplittableRandom(44);
        double[] a = TransportOracle.uniform(rnd, 64, 2);
        double[] b = TransportOracle.uniform(rnd, 1024, 2);
        int[] pa = AssignmentSolverTest.shuffled(rnd, 64);
        int[] pb = AssignmentSolverTest.shuffled(rnd, 1024);
        double[] sa = new double[a.length];
        double[] sb = new double[b.length];
        for (int i = 0; i < 64; i++) {
            System.arraycopy(a, 2 * pa[i], sa, 2 * i, 2);
        }
        for (int j = 0; j < 1024; j++) {
            System.arraycopy(b, 2 * pb[j], sb, 2 * j, 2);
        }
        TransportResult r = TorusTransport.solve(a, b, 2, 2);
        TransportResult s = TorusTransport.solve(sa, sb, 2, 2);
        TransportOracle.assertCertified(a, b, 2, 2, r);
        TransportOracle.assertCertified(sa, sb, 2, 2, s);
        assertThat(s.totalCost()).isCloseTo(r.totalCost(), within(1e-12 * r.totalCost()));
        // generic clouds: the optimal plan is unique, so the shuffled solve's plan is the same plan renamed
        long[] plan = keys(r.plan(), 1024, null, null);
        long[] renamed = keys(s.plan(), 1024, pa, pb);
        assertThat(renamed).containsExactly(plan);
        // and a warm start from the shuffled result, on the shuffled clouds moved a little, stays certified
        double[] moved = sa.clone();
        for (int q = 0; q < moved.length; q++) {
            moved[q] += 0.01 * rnd.nextGaussian();
        }
        TransportOracle.assertCertified(moved, sb, 2, 2, TorusTransport.warmStart(moved, sb, 2, 2, s));
    }

    private static long[] keys(TransportResult.Plan plan, int m, int[] pa, int[] pb) {
        long[] keys = new long[plan.size()];
        for (int q = 0; q < keys.length; q++) {
            int i = pa == null ? plan.source()[q] : pa[plan.source()[q]];
            int j = pb == null ? plan.sink()[q] : pb[plan.sink()[q]];
            keys[q] = ((long) i * m + j) * 8192 + plan.flow()[q];
        }
        Arrays.sort(keys);
        return keys;
    }

    private static double meanStep(double[] x) {
        double s = 0;
        int n = x.length / 2;
        for (int k = 1; k < n; k++) {
            s += TransportOracle.cost(x, k - 1, x, k, 2, 2);
        }
        return s / (n - 1);
    }
}
