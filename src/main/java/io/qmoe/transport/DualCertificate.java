package io.qmoe.transport;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The all-pairs check of dual feasibility, c_ij − u_i − v_j ≥ −tol for every source i and sink j, without forming the
 * n·m costs. Both clouds are bucketed on one periodic {@link CellGrid}; for a source cell A and a sink cell B, a lower
 * bound ℓ(A, B) of the cost between the two boxes (from the per-axis gaps of {@link CellGrid#axisGap}) gives
 * c_ij − u_i − v_j ≥ ℓ(A, B) − max_A u − max_B v for all their pairs. Cell pairs where this bound is ≥ 0 are proven
 * feasible and skipped; the others are scanned pair by pair. The maximum violation is therefore exact over all pairs
 * (unscanned pairs have reduced cost ≥ 0). Of the pairs below −tol, each source keeps its {@code perSource} most
 * violated ones, returned as keys i·m + j. Source cells are checked in parallel and their findings concatenated in
 * cell order, so the result does not depend on the thread count.
 */
final class DualCertificate {
    /** Largest violation max(0, max −(c_ij − u_i − v_j)) over all pairs. */
    final double maxViolation;
    /** Keys i·m + j of the pairs to add, in increasing order of source, then of the scan. */
    final long[] violations;
    /** Number of pairs whose cost was evaluated. */
    final long scannedPairs;

    private DualCertificate(double maxViolation, long[] violations, long scannedPairs) {
        this.maxViolation = maxViolation;
        this.violations = violations;
        this.scannedPairs = scannedPairs;
    }

    static DualCertificate check(double[] a, double[] b, int d, int p, double[] u, double[] v, double tol,
                                 int perSource) {
        int n = a.length / d;
        int m = b.length / d;
        int g = CellGrid.adaptiveSide(a, b, d, 48.0, 1 << 22);
        CellGrid ga = CellGrid.of(a, d, g);
        CellGrid gb = CellGrid.of(b, d, g);
        int cells = ga.cells;
        double[] maxU = cellMax(ga, u);
        double[] maxV = cellMax(gb, v);
        int[] occupiedB = IntStream.range(0, cells).filter(c -> gb.start[c + 1] > gb.start[c]).toArray();
        int[][] axesB = new int[occupiedB.length][d];
        for (int q = 0; q < occupiedB.length; q++) {
            for (int k = 0; k < d; k++) {
                axesB[q][k] = gb.axis(occupiedB[q], k);
            }
        }
        double[] gap2 = new double[g / 2 + 1];
        for (int circ = 0; circ <= g / 2; circ++) {
            double gap = ga.axisGap(0, circ);
            gap2[circ] = gap * gap;
        }
        CellFindings[] found = new CellFindings[cells];
        IntStream.range(0, cells).parallel().forEach(ca -> {
            if (ga.start[ca + 1] == ga.start[ca]) {
                return;
            }
            int[] axesA = new int[d];
            for (int k = 0; k < d; k++) {
                axesA[k] = ga.axis(ca, k);
            }
            CellFindings f = new CellFindings(ga.start[ca + 1] - ga.start[ca], perSource);
            for (int q = 0; q < occupiedB.length; q++) {
                int cb = occupiedB[q];
                double lb2 = 0;
                int[] ax = axesB[q];
                for (int k = 0; k < d; k++) {
                    int delta = Math.abs(axesA[k] - ax[k]);
                    lb2 += gap2[Math.min(delta, g - delta)];
                }
                double lb = p == 2 ? lb2 : Math.sqrt(lb2) * (1 - 1e-15);
                if (lb - maxU[ca] - maxV[cb] >= 0) {
                    continue;
                }
                for (int pa = ga.start[ca]; pa < ga.start[ca + 1]; pa++) {
                    int i = ga.order[pa];
                    double ui = u[i];
                    for (int pb = gb.start[cb]; pb < gb.start[cb + 1]; pb++) {
                        int j = gb.order[pb];
                        double r = TorusCost.wrappedCost(a, i, b, j, d, p) - ui - v[j];
                        f.offer(pa - ga.start[ca], j, r, tol);
                    }
                }
                f.scanned += (long) (ga.start[ca + 1] - ga.start[ca]) * (gb.start[cb + 1] - gb.start[cb]);
            }
            found[ca] = f;
        });
        double worst = 0;
        long scanned = 0;
        int total = 0;
        for (CellFindings f : found) {
            if (f != null) {
                worst = Math.max(worst, f.worst);
                scanned += f.scanned;
                total += f.count();
            }
        }
        long[] keys = new long[total];
        int at = 0;
        for (int ca = 0; ca < cells; ca++) {
            CellFindings f = found[ca];
            if (f == null) {
                continue;
            }
            for (int slot = 0; slot < f.held.length; slot++) {
                int i = ga.order[ga.start[ca] + slot];
                for (int h = 0; h < f.held[slot]; h++) {
                    keys[at++] = (long) i * m + f.sink[slot * perSource + h];
                }
            }
        }
        Arrays.sort(keys);
        return new DualCertificate(worst, keys, scanned);
    }

    private static double[] cellMax(CellGrid grid, double[] w) {
        double[] max = new double[grid.cells];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < w.length; i++) {
            int c = grid.cellOf[i];
            max[c] = Math.max(max[c], w[i]);
        }
        return max;
    }

    /** The most violated pairs of the sources of one cell (at most perSource each), and the worst violation. */
    private static final class CellFindings {
        final int[] held;
        final int[] sink;
        final double[] reduced;
        final int perSource;
        double worst;
        long scanned;

        CellFindings(int sources, int perSource) {
            this.perSource = perSource;
            held = new int[sources];
            sink = new int[sources * perSource];
            reduced = new double[sources * perSource];
        }

        void offer(int slot, int j, double r, double tol) {
            if (-r > worst) {
                worst = -r;
            }
            if (r >= -tol) {
                return;
            }
            int base = slot * perSource;
            int h = held[slot];
            if (h == perSource && r >= reduced[base + h - 1]) {
                return;
            }
            int pos = h == perSource ? h - 1 : h;
            if (h < perSource) {
                held[slot]++;
            }
            while (pos > 0 && reduced[base + pos - 1] > r) {
                reduced[base + pos] = reduced[base + pos - 1];
                sink[base + pos] = sink[base + pos - 1];
                pos--;
            }
            reduced[base + pos] = r;
            sink[base + pos] = j;
        }

        int count() {
            int c = 0;
            for (int h : held) {
                c += h;
            }
            return c;
        }
    }
}
