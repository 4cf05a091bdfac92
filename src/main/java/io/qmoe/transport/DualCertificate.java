package io.qmoe.transport;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The all-pairs check of dual feasibility, c_ij − u_i − v_j ≥ −tol for every source i and sink j, without forming the
 * n·m costs. Both clouds are bucketed on one periodic {@link CellGrid}; for a source cell A and a sink cell B, a lower
 * bound ℓ(A, B) of the cost between the two boxes (from the per-axis gaps of {@link CellGrid#axisGap}) gives
 * c_ij − u_i − v_j ≥ ℓ(A, B) − max_A u − max_B v for all their pairs. Cell pairs where this bound is ≥ 0 are proven
 * feasible and skipped; in the others, each source i is first bounded the same way from its own position to B's box
 * (skipped when that bound − u_i − max_B v ≥ 0), and the rest are scanned pair by pair. The maximum violation is
 * therefore exact over all pairs (unscanned pairs have reduced cost ≥ 0). Of the pairs below −tol, each source keeps
 * its {@code perSource} most violated ones, returned as keys i·m + j. Source cells are checked in parallel and their
 * findings concatenated in cell order, so the result does not depend on the thread count.
 */
final class DualCertificate {
    /** Wanted points of both clouds per occupied cell of the check's grid. */
    static final double PER_CELL = 48.0;
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

    /**
     * Checks (u, v) over all pairs of sources {@code a} and sinks {@code b} (wrapped coordinates, dimension d, cost
     * exponent p) and keeps the {@code perSource} most violated pairs per source below −tol. Not modified.
     */
    static DualCertificate check(double[] a, double[] b, int d, int p, double[] u, double[] v, double tol,
                                 int perSource) {
        int n = a.length / d;
        int m = b.length / d;
        int g = CellGrid.adaptiveSide(a, b, d, PER_CELL, 1 << 22);
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
        double highestV = Double.NEGATIVE_INFINITY;
        for (double vj : v) {
            highestV = Math.max(highestV, vj);
        }
        double globalMaxV = highestV;
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
            // cells at circular Chebyshev index distance ≥ reach are proven feasible at once: their bound is at least
            // gap(reach)², and max_A u + max v over all sinks cannot exceed it
            double threshold = maxU[ca] + globalMaxV;
            int reach = 1;
            while (reach <= g / 2 && (p == 2 ? gap2[reach] : Math.sqrt(gap2[reach]) * (1 - 1e-15)) < threshold) {
                reach++;
            }
            int span = Math.min(g, 2 * reach - 1);
            double cube = StrictMath.pow(span, d);
            int[] near = cube < occupiedB.length ? cubeAround(axesA, reach, g, d) : null;
            int total = near == null ? occupiedB.length : near.length / (d + 1);
            int[] axesNear = new int[d];
            for (int q = 0; q < total; q++) {
                int cb;
                int[] ax;
                if (near == null) {
                    cb = occupiedB[q];
                    ax = axesB[q];
                } else {
                    cb = near[q * (d + 1)];
                    if (gb.start[cb + 1] == gb.start[cb]) {
                        continue;
                    }
                    System.arraycopy(near, q * (d + 1) + 1, axesNear, 0, d);
                    ax = axesNear;
                }
                double lb2 = 0;
                for (int k = 0; k < d; k++) {
                    int delta = Math.abs(axesA[k] - ax[k]);
                    lb2 += gap2[Math.min(delta, g - delta)];
                }
                double lb = p == 2 ? lb2 : Math.sqrt(lb2) * (1 - 1e-15);
                if (lb - maxU[ca] - maxV[cb] >= 0) {
                    continue;
                }
                double mv = maxV[cb];
                int sinks = gb.start[cb + 1] - gb.start[cb];
                for (int pa = ga.start[ca]; pa < ga.start[ca + 1]; pa++) {
                    int i = ga.order[pa];
                    double ui = u[i];
                    // the same bound from the point itself to the sink cell's box: most sources near the box's
                    // far side are proven feasible without a pair cost
                    double pointLb2 = pointToBox2(a, i, d, ax, gb.width, g);
                    double pointLb = p == 2 ? pointLb2 : Math.sqrt(pointLb2) * (1 - 1e-15);
                    if (pointLb - ui - mv >= 0) {
                        continue;
                    }
                    for (int pb = gb.start[cb]; pb < gb.start[cb + 1]; pb++) {
                        int j = gb.order[pb];
                        double r = TorusCost.wrappedCost(a, i, b, j, d, p) - ui - v[j];
                        f.offer(pa - ga.start[ca], j, r, tol);
                    }
                    f.scanned += sinks;
                }
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

    /**
     * The cells at circular Chebyshev index distance below {@code reach} from the cell with axis coordinates
     * {@code centre} (each once, also when 2·reach − 1 ≥ g), as rows (cell, axis_0, …, axis_{d−1}).
     */
    static int[] cubeAround(int[] centre, int reach, int g, int d) {
        int span = Math.min(g, 2 * reach - 1);
        int count = 1;
        for (int k = 0; k < d; k++) {
            count *= span;
        }
        int[] out = new int[count * (d + 1)];
        int[] off = new int[d];
        for (int q = 0; q < count; q++) {
            int cell = 0;
            for (int k = d - 1; k >= 0; k--) {
                int c = span == g ? off[k] : Math.floorMod(centre[k] - (reach - 1) + off[k], g);
                out[q * (d + 1) + 1 + k] = c;
                cell = cell * g + c;
            }
            out[q * (d + 1)] = cell;
            for (int k = 0; k < d; k++) {
                if (++off[k] < span) {
                    break;
                }
                off[k] = 0;
            }
        }
        return out;
    }

    /**
     * A lower bound of |x_i − y|² over all y in the box of the cell with axis coordinates {@code axes} (side w, grid
     * side g): per axis the periodic distance from the coordinate to the cell's interval [c·w, (c + 1)·w), less
     * 1e-12·2π of slack for the rounding of the bucketing, at least 0; the sum shrunk by a relative 1e-12.
     */
    static double pointToBox2(double[] x, int i, int d, int[] axes, double w, int g) {
        double twoPi = 2 * Math.PI;
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double t = x[i * d + k];
            double lo = axes[k] * w;
            double hi = lo + w;
            double gap;
            if (t >= lo && t < hi) {
                continue;
            } else if (t < lo) {
                gap = Math.min(lo - t, twoPi - hi + t);
            } else {
                gap = Math.min(t - hi, twoPi - t + lo);
            }
            gap -= 1e-12 * twoPi;
            if (gap > 0) {
                sum += gap * gap;
            }
        }
        return sum * (1 - 1e-12);
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
