package io.qmoe.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SinkAuctionTest {
    /**
     * After each phase at ε (1, 1/4, … down to 1e-6), the prices with the sinks' best responses are a feasible dual
     * whose value is within m·ε of the optimum (ε-complementary slackness of the auction's assignment): checked
     * against the dense assignment of the replicated sources, on all pairs.
     */
    @Test
    void pricesAreWithinMTimesEpsilonOfTheOptimalDual() {
        checkPhasesDownToEpsilon(false);
    }

    /**
     * The same bound when the auction starts warm, every sink held by the source of an arbitrary (here random)
     * assignment of quota sinks per source at random prices: the first phase frees whatever is not within ε.
     */
    @Test
    void aWarmStartFromAnArbitraryAssignmentReachesTheSameBound() {
        checkPhasesDownToEpsilon(true);
    }

    private static void checkPhasesDownToEpsilon(boolean warm) {
        SplittableRandom rnd = new SplittableRandom(warm ? 37 : 31);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + rnd.nextInt(5);
            int quota = 1 + rnd.nextInt(5);
            int m = n * quota;
            double[] a = TransportOracle.uniform(rnd, n, 2);
            double[] b = trial % 2 == 0 ? TransportOracle.uniform(rnd, m, 2) : TorusTransportTest.duplicated(rnd, m, 2);
            long[] keys = new long[n * m];
            for (int q = 0; q < keys.length; q++) {
                keys[q] = q;
            }
            TransportNetwork net = TransportNetwork.of(n, m, keys, keys.length, a, b, 2, 2);
            SuccessiveShortestPaths flow = new SuccessiveShortestPaths(net, quota, 1);
            if (warm) {
                for (int i = 0; i < n; i++) {
                    flow.u[i] = rnd.nextDouble(-2, 2);
                }
            }
            SinkAuction auction = new SinkAuction(net, SuccessiveShortestPaths.filled(n, quota), flow.u);
            if (warm) {
                int[] order = AssignmentSolverTest.shuffled(rnd, m);
                int[] sourceOf = new int[m];
                for (int j = 0; j < m; j++) {
                    sourceOf[order[j]] = j / quota;
                }
                auction.hold(sourceOf);
            }
            double optimum = TransportOracle.replicatedAssignmentMean(a, b, 2, 2) * m;
            // every phase ends in ε-complementary slackness for every held sink, also for those kept from an
            // earlier phase at a larger ε: the bound holds at each phase's own ε, not only at the last
            for (double eps = 1.0; eps >= 1e-6; eps /= 4) {
                assertThat(auction.phase(eps)).isTrue();
                auction.potentials(flow.u);
                flow.sinkTransform();
                double dual = 0;
                for (double ui : flow.u) {
                    dual += quota * ui;
                }
                for (double vj : flow.v) {
                    dual += vj;
                }
                assertThat(dual).isLessThanOrEqualTo(optimum + 1e-12);
                assertThat(dual).as("trial %d, ε = %g", trial, eps).isGreaterThanOrEqualTo(optimum - m * eps - 1e-12);
            }
        }
    }
}
