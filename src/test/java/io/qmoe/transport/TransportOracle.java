package io.qmoe.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

/** Independent references for the transport tests: a cost written afresh, brute force, and a certificate re-check. */
final class TransportOracle {
    private TransportOracle() {
    }

    /** |a_i − b_j|^p on the torus, with the periodic distance taken by IEEE remainder (a formula of its own). */
    static double cost(double[] a, int i, double[] b, int j, int d, int p) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double delta = Math.abs(Math.IEEEremainder(a[i * d + k] - b[j * d + k], 2 * Math.PI));
            s += delta * delta;
        }
        return p == 2 ? s : Math.sqrt(s);
    }

    static double[] uniform(SplittableRandom rnd, int n, int d) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble() * 2 * Math.PI;
        }
        return x;
    }

    /** min over all n! permutations of the mean cost (Heap's algorithm). */
    static double bruteForceMean(double[] a, double[] b, int d, int p) {
        int n = a.length / d;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        double best = permutationCost(a, b, d, p, perm);
        int[] c = new int[n];
        int i = 0;
        while (i < n) {
            if (c[i] < i) {
                int s = i % 2 == 0 ? 0 : c[i];
                int t = perm[s];
                perm[s] = perm[i];
                perm[i] = t;
                best = Math.min(best, permutationCost(a, b, d, p, perm));
                c[i]++;
                i = 0;
            } else {
                c[i] = 0;
                i++;
            }
        }
        return best / n;
    }

    private static double permutationCost(double[] a, double[] b, int d, int p, int[] perm) {
        double s = 0;
        for (int r = 0; r < perm.length; r++) {
            s += cost(a, r, b, perm[r], d, p);
        }
        return s;
    }

    /**
     * min over every integer flow with row sums m/g and column sums n/g of Σ f c / L: exhaustive enumeration, cell by
     * cell in row-major order (feasible for tiny sizes only).
     */
    static double bruteForceFlowMean(double[] a, double[] b, int d, int p) {
        int n = a.length / d;
        int m = b.length / d;
        int g = gcd(n, m);
        int[] rowLeft = new int[n];
        int[] colLeft = new int[m];
        java.util.Arrays.fill(rowLeft, m / g);
        java.util.Arrays.fill(colLeft, n / g);
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                c[i * m + j] = cost(a, i, b, j, d, p);
            }
        }
        double best = enumerate(c, n, m, 0, rowLeft, colLeft, 0, Double.POSITIVE_INFINITY);
        return best / ((long) n * (m / g));
    }

    private static double enumerate(double[] c, int n, int m, int cell, int[] rowLeft, int[] colLeft, double sofar,
                                    double best) {
        if (cell == n * m) {
            return Math.min(best, sofar);
        }
        int i = cell / m;
        int j = cell % m;
        int hi = Math.min(rowLeft[i], colLeft[j]);
        int lo = j == m - 1 ? rowLeft[i] : 0;
        if (i == n - 1) {
            lo = Math.max(lo, colLeft[j]);
        }
        for (int f = lo; f <= hi; f++) {
            rowLeft[i] -= f;
            colLeft[j] -= f;
            best = enumerate(c, n, m, cell + 1, rowLeft, colLeft, sofar + f * c[cell], best);
            rowLeft[i] += f;
            colLeft[j] += f;
        }
        return best;
    }

    /** The mean cost by replicating both clouds to lcm(n, m) points and solving the dense assignment. */
    static double replicatedAssignmentMean(double[] a, double[] b, int d, int p) {
        int n = a.length / d;
        int m = b.length / d;
        int l = n / gcd(n, m) * m;
        double[] cost = new double[l * l];
        for (int r = 0; r < l; r++) {
            for (int s = 0; s < l; s++) {
                cost[r * l + s] = cost(a, r / (l / n), b, s / (l / m), d, p);
            }
        }
        return AssignmentSolver.solve(cost, l).cost() / l;
    }

    /**
     * Re-checks a result from scratch: the plan ships exactly m/g from every source and n/g into every sink, its cost
     * recomputed here is the primal, the dual recomputed from the potentials matches, and every one of the n·m pairs
     * has reduced cost c_ij − u_i − v_j ≥ −1e-12·c_max. Together these prove the plan optimal (LP duality).
     */
    static void assertCertified(double[] a, double[] b, int d, int p, TransportResult r) {
        int n = a.length / d;
        int m = b.length / d;
        int g = gcd(n, m);
        long mass = (long) n * (m / g);
        long[] rows = new long[n];
        long[] cols = new long[m];
        double primal = 0;
        TransportResult.Plan plan = r.plan();
        for (int k = 0; k < plan.size(); k++) {
            assertThat(plan.flow()[k]).isPositive();
            rows[plan.source()[k]] += plan.flow()[k];
            cols[plan.sink()[k]] += plan.flow()[k];
            primal += plan.flow()[k] * cost(a, plan.source()[k], b, plan.sink()[k], d, p);
        }
        assertThat(rows).containsOnly(m / g);
        assertThat(cols).containsOnly(n / g);
        double dual = 0;
        for (double u : r.u()) {
            dual += (m / g) * u;
        }
        for (double v : r.v()) {
            dual += (n / g) * v;
        }
        double cMax = p == 2 ? d * Math.PI * Math.PI : Math.sqrt(d) * Math.PI;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                worst = Math.max(worst, -(cost(a, i, b, j, d, p) - r.u()[i] - r.v()[j]));
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1e-12 * cMax);
        double scale = Math.max(primal, 1e-300);
        assertThat(Math.abs(primal - dual)).isLessThanOrEqualTo(1e-11 * Math.max(scale, cMax));
        assertThat(Math.abs(primal / mass - r.primal())).isLessThanOrEqualTo(1e-12 * Math.max(r.primal(), 1e-300));
        assertThat(r.maxViolation()).isLessThanOrEqualTo(1e-12 * cMax);
        // the solver's c_ij − u_i − v_j and this one's may round apart by an ulp of the potentials (their costs
        // can differ in the last bits for coordinates outside [0, 2π)), which exceeds 1e-13·c_max when the
        // potentials are large (a price war among tied sources lifts them to thousands)
        double size = 0;
        for (double u : r.u()) {
            size = Math.max(size, Math.abs(u));
        }
        for (double v : r.v()) {
            size = Math.max(size, Math.abs(v));
        }
        assertThat(Math.abs(r.maxViolation() - worst)).isLessThanOrEqualTo(1e-13 * cMax + 4 * Math.ulp(2 * size));
    }

    static int gcd(int x, int y) {
        return y == 0 ? x : gcd(y, x % y);
    }
}
