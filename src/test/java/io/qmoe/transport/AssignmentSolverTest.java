package io.qmoe.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AssignmentSolverTest {
    /** Minimum over all n! permutations, by Heap's algorithm. */
    private static double bruteForce(double[] cost, int n) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double best = evaluate(cost, perm);
        int[] c = new int[n];
        int i = 0;
        while (i < n) {
            if (c[i] < i) {
                int a = i % 2 == 0 ? 0 : c[i];
                int t = perm[a];
                perm[a] = perm[i];
                perm[i] = t;
                best = Math.min(best, evaluate(cost, perm));
                c[i]++;
                i = 0;
            } else {
                c[i] = 0;
                i++;
            }
        }
        return best;
    }

    private static double evaluate(double[] cost, int[] perm) {
        double s = 0;
        for (int r = 0; r < perm.length; r++) {
            s += cost[r * perm.length + perm[r]];
        }
        return s;
    }

    @Test
    void assignmentEqualsBruteForceUpToSizeEight() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int n = 1; n <= 8; n++) {
            for (int trial = 0; trial < 25; trial++) {
                double[] cost = new double[n * n];
                boolean integer = trial % 2 == 0;
                for (int k = 0; k < cost.length; k++) {
                    cost[k] = integer ? rnd.nextInt(4) : rnd.nextDouble() * 10 - 3;
                }
                AssignmentSolver.Assignment a = AssignmentSolver.solve(cost, n);
                assertThat(a.cost()).as("n=%d trial=%d", n, trial).isCloseTo(bruteForce(cost, n), within(1e-9));
                assertThat(evaluate(cost, a.rowToColumn())).isCloseTo(a.cost(), within(1e-12));
                assertThat(java.util.Arrays.stream(a.rowToColumn()).sorted().toArray())
                        .isEqualTo(java.util.stream.IntStream.range(0, n).toArray());
            }
        }
    }

    @Test
    void optimalCostIsInvariantUnderRelabelling() {
        SplittableRandom rnd = new SplittableRandom(2);
        int n = 60;
        double[] cost = new double[n * n];
        for (int k = 0; k < cost.length; k++) {
            cost[k] = rnd.nextDouble();
        }
        int[] rowPerm = shuffled(rnd, n);
        int[] colPerm = shuffled(rnd, n);
        double[] permuted = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                permuted[rowPerm[i] * n + colPerm[j]] = cost[i * n + j];
            }
        }
        assertThat(AssignmentSolver.solve(permuted, n).cost())
                .isCloseTo(AssignmentSolver.solve(cost, n).cost(), within(1e-12));
    }

    /** 0, …, n − 1 in a random order (Fisher–Yates). */
    static int[] shuffled(SplittableRandom rnd, int n) {
        int[] p = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

}
