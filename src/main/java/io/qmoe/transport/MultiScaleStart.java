package io.qmoe.transport;

import java.util.Arrays;

/**
 * A multi-scale start for a sparse transport (after Schmitzer's sparse multi-scale scheme): both clouds are bucketed
 * on one periodic {@link CellGrid} with about {@link #PER_CELL} points per occupied cell; each occupied cell becomes
 * one point of a coarse problem (the mass-weighted centroid of its points, carrying their total mass), which is solved
 * exactly and certified over all its pairs — recursively by the same scheme while it is larger than
 * {@link #COARSEST} points per side. Its solution is then prolonged to the fine points:
 * <ul>
 * <li>the fine sink potentials are the c-transform of the coarse source potentials over the coarse sources that ship
 * to the sink's cell, v_j = min_{A : F_{A,B(j)} &gt; 0} (c(x_A, b_j) − U_A), which is V_{B(j)} at the centroid and
 * follows the slope of the coarse potential inside the cell;</li>
 * <li>the candidate pairs gain the refinement of the coarse plan's support: for every cell pair with F_{A,B} &gt; 0,
 * all pairs (i ∈ A, j ∈ B) when there are at most {@link #FULL_PRODUCT} of them, else each member's nearest members
 * of the other cell after the translation x_B − x_A (both ways), so the fine sparse problem holds the long-range
 * pairs of the transport from the start with O(n + m) pairs.</li>
 * </ul>
 * This is only a start: the fine problem is still solved exactly on its candidate set and certified over all pairs, so
 * its result does not depend on the start's quality, only its work does. Masses are integers (a fine level of the
 * uniform assignment has mass 1 per point). Sequential and deterministic: the same inputs give the same bits.
 */
final class MultiScaleStart {
    /** A level with at most this many points on each side is solved from its nearest partners, without a coarser one. */
    static final int COARSEST = 3000;
    /** Wanted points per occupied cell when coarsening. */
    static final double PER_CELL = 6.0;
    /** Cell pairs of the coarse plan with at most this many fine pairs are refined into all of them. */
    static final int FULL_PRODUCT = 64;
    /** Wanted sources per occupied cell when few sources meet many sinks (the grid is sized by the sources). */
    static final double FEW_SOURCES_PER_CELL = 3.0;
    private static final int MAX_CELLS = 1 << 22;
    /** A coarsening is used only if it leaves at most this fraction of the points. */
    private static final double MAX_RATIO = 0.6;

    /** The prolonged sink potentials, one per fine sink. */
    final double[] v;
    /** The refined coarse support as keys i·m + j (sorted, unique). */
    final long[] pairs;

    private MultiScaleStart(double[] v, long[] pairs) {
        this.v = v;
        this.pairs = pairs;
    }

    /**
     * The start for fine sources {@code a} (masses {@code wa}) and sinks {@code b} (masses {@code wb}, equal total),
     * wrapped coordinates of dimension d, cost exponent p, k nearest partners per point on every level; null when the
     * clouds do not coarsen (fewer than 1/{@link #MAX_RATIO} points per occupied cell). Levels with more than
     * {@code coarsest} points on a side are themselves started from a coarser level ({@link #COARSEST} in production,
     * smaller in tests so that small clouds run through several levels). Not modified.
     */
    static MultiScaleStart of(double[] a, int[] wa, double[] b, int[] wb, int d, int p, int k, int coarsest) {
        return onGrid(a, wa, b, wb, d, p, k, coarsest, side(a, b, d));
    }

    /**
     * The start for few sources against many sinks (n &lt; m): the grid is sized by the sources alone, about
     * {@link #FEW_SOURCES_PER_CELL} sources per occupied cell (the side grown by about 25 % at a time while the
     * occupied cells hold more, a concentrated cloud), so that each coarse point gathers several sources and many
     * sinks; null when the sources do not coarsen.
     */
    static MultiScaleStart forFewSources(double[] a, int[] wa, double[] b, int[] wb, int d, int p, int k,
                                         int coarsest) {
        int side = grownSide(a.length / d, FEW_SOURCES_PER_CELL, MAX_CELLS, d, g -> CellGrid.occupied(a, d, g));
        return onGrid(a, wa, b, wb, d, p, k, coarsest, side);
    }

    private static MultiScaleStart onGrid(double[] a, int[] wa, double[] b, int[] wb, int d, int p, int k,
                                          int coarsest, int side) {
        int n = a.length / d;
        int m = b.length / d;
        CellGrid ga = CellGrid.of(a, d, side);
        CellGrid gb = CellGrid.of(b, d, side);
        Coarse ca = Coarse.of(ga, a, wa, d);
        Coarse cb = Coarse.of(gb, b, wb, d);
        if (ca.size > MAX_RATIO * n || cb.size > MAX_RATIO * m) {
            return null;
        }
        Level level = solveLevel(ca.x, ca.mass, cb.x, cb.mass, d, p, k, coarsest);
        int mc = cb.size;
        // sinks of each coarse cell: the coarse sources shipping to it, from the support (sorted by source, then sink)
        int[] count = new int[mc + 1];
        for (long key : level.support) {
            count[(int) (key % mc) + 1]++;
        }
        for (int q = 0; q < mc; q++) {
            count[q + 1] += count[q];
        }
        int[] from = new int[level.support.length];
        int[] fill = Arrays.copyOf(count, mc);
        for (long key : level.support) {
            from[fill[(int) (key % mc)]++] = (int) (key / mc);
        }
        double[] v = new double[m];
        for (int j = 0; j < m; j++) {
            int bj = cb.coarseOf[j];
            double low = Double.POSITIVE_INFINITY;
            for (int q = count[bj]; q < count[bj + 1]; q++) {
                int src = from[q];
                low = Math.min(low, TorusCost.wrappedCost(ca.x, src, b, j, d, p) - level.u[src]);
            }
            v[j] = low == Double.POSITIVE_INFINITY ? level.v[bj] : low;
        }
        long[] pairs = new long[64];
        int at = 0;
        double[] shift = new double[d];
        double[] scratch = new double[0];
        for (long key : level.support) {
            int sa = (int) (key / mc);
            int sb = (int) (key % mc);
            int a0 = ca.memberStart[sa];
            int a1 = ca.memberStart[sa + 1];
            int b0 = cb.memberStart[sb];
            int b1 = cb.memberStart[sb + 1];
            long product = (long) (a1 - a0) * (b1 - b0);
            if (product <= FULL_PRODUCT) {
                if (at + product > pairs.length) {
                    pairs = Arrays.copyOf(pairs, (int) Math.max(2L * pairs.length, at + product));
                }
                for (int qa = a0; qa < a1; qa++) {
                    long row = (long) ca.members[qa] * m;
                    for (int qb = b0; qb < b1; qb++) {
                        pairs[at++] = row + cb.members[qb];
                    }
                }
                continue;
            }
            // crowded cells: each member pairs with its nearest members of the other cell after the cell-to-cell
            // translation x_B − x_A (periodic), both ways
            for (int t = 0; t < d; t++) {
                double delta = cb.x[sb * d + t] - ca.x[sa * d + t];
                shift[t] = delta - 2 * Math.PI * Math.rint(delta / (2 * Math.PI));
            }
            int reach = (int) Math.max(2, FULL_PRODUCT / Math.min(a1 - a0, b1 - b0));
            int need = (a1 - a0) * Math.min(reach, b1 - b0) + (b1 - b0) * Math.min(reach, a1 - a0);
            if (at + need > pairs.length) {
                pairs = Arrays.copyOf(pairs, Math.max(2 * pairs.length, at + need));
            }
            scratch = scratch.length >= Math.max(a1 - a0, b1 - b0) ? scratch
                    : new double[Math.max(a1 - a0, b1 - b0)];
            at = nearestAfterShift(a, ca.members, a0, a1, b, cb.members, b0, b1, d, shift, 1, reach, m, true,
                    scratch, pairs, at);
            at = nearestAfterShift(b, cb.members, b0, b1, a, ca.members, a0, a1, d, shift, -1, reach, m, false,
                    scratch, pairs, at);
        }
        pairs = Arrays.copyOf(pairs, at);
        pairs = unique(pairs);
        return new MultiScaleStart(v, pairs);
    }

    /**
     * The grid side for coarsening: from {@link CellGrid#sideFor} of both clouds together, grown by about 25 % at a
     * time while the occupied cells hold more than {@link #PER_CELL} points on average (a concentrated cloud) and the
     * grid has at most 256 cells per point (and 2²² in all), so that the refined support of the coarse plan stays O(n + m).
     */
    private static int side(double[] a, double[] b, int d) {
        int total = (a.length + b.length) / d;
        return grownSide(total, PER_CELL, Math.min(MAX_CELLS, 256L * total), d, g -> CellGrid.occupied(a, b, d, g));
    }

    /**
     * {@link CellGrid#sideFor} of {@code total} points at {@code perCell} per cell, grown by about 25 % at a time while
     * the occupied cells ({@code occupied} of a side) hold more than {@code perCell} points on average and the grown
     * grid stays within {@code cap} cells.
     */
    private static int grownSide(int total, double perCell, long cap, int d,
                                 java.util.function.IntUnaryOperator occupied) {
        int g = CellGrid.sideFor(total, d, perCell, (int) cap);
        while (true) {
            int next = Math.max(g + 1, (int) (g * 1.25));
            if (StrictMath.pow(next, d) > cap || total <= perCell * occupied.applyAsInt(g)) {
                return g;
            }
            g = next;
        }
    }

    /**
     * The certified optimum of one weighted level: potentials and the support of the plan (keys i·m + j of the pairs
     * with flow, increasing). Solved from its own multi-scale start when it has more than {@code coarsest} points on a
     * side. Masses are positive with equal totals. Not modified.
     */
    static Level solveLevel(double[] a, int[] wa, double[] b, int[] wb, int d, int p, int k, int coarsest) {
        int n = a.length / d;
        int m = b.length / d;
        int kk = Math.min(k, Math.max(n, m));
        MultiScaleStart start = n > coarsest || m > coarsest ? of(a, wa, b, wb, d, p, k, coarsest) : null;
        long[] keys = CandidatePairs.initial(a, b, d, kk, wa, wb);
        if (start != null) {
            keys = concat(keys, start.pairs);
        }
        TransportNetwork net = TransportNetwork.of(n, m, keys, keys.length, a, b, d, p);
        SuccessiveShortestPaths flow = new SuccessiveShortestPaths(net, wa, wb);
        if (start != null) {
            System.arraycopy(start.v, 0, flow.v, 0, m);
        }
        flow.greedy(start != null);
        flow.run();
        TorusTransport.Certified c = TorusTransport.certify(a, b, d, p, net, flow, kk, false);
        TransportNetwork last = c.net();
        int support = 0;
        for (int e = 0; e < last.arcs(); e++) {
            if (last.flow[e] > 0) {
                support++;
            }
        }
        long[] plan = new long[support];
        int s = 0;
        for (int e = 0; e < last.arcs(); e++) {
            if (last.flow[e] > 0) {
                plan[s++] = (long) last.arcSource[e] * m + last.arcSink[e];
            }
        }
        return new Level(flow.u, flow.v, plan);
    }

    /**
     * For each query member q of {@code qx} (indices {@code qm[q0..q1)}), the {@code reach} members of {@code tx}
     * (indices {@code tm[t0..t1)}) nearest to x_q + sign·shift on the torus (ties by index order), appended as keys
     * (source·m + sink, with the query as the source when {@code querySources}). Returns the new fill.
     */
    private static int nearestAfterShift(double[] qx, int[] qm, int q0, int q1, double[] tx, int[] tm, int t0, int t1,
                                         int d, double[] shift, int sign, int reach, int m, boolean querySources,
                                         double[] dist, long[] keys, int at) {
        int count = t1 - t0;
        int r = Math.min(reach, count);
        double[] moved = new double[d];
        for (int q = q0; q < q1; q++) {
            int i = qm[q];
            for (int t = 0; t < d; t++) {
                double x = qx[i * d + t] + sign * shift[t];
                moved[t] = x - 2 * Math.PI * Math.floor(x / (2 * Math.PI));
            }
            for (int c = 0; c < count; c++) {
                dist[c] = TorusCost.squaredDistance(moved, 0, tx, tm[t0 + c], d);
            }
            // the r smallest by repeated selection of the minimum (r is small)
            for (int k = 0; k < r; k++) {
                int best = -1;
                for (int c = 0; c < count; c++) {
                    if (dist[c] >= 0 && (best < 0 || dist[c] < dist[best])) {
                        best = c;
                    }
                }
                dist[best] = -1;
                int j = tm[t0 + best];
                keys[at++] = querySources ? (long) i * m + j : (long) j * m + i;
            }
        }
        return at;
    }

    /** The sorted distinct values of {@code keys} (modified: sorted in place). */
    private static long[] unique(long[] keys) {
        Arrays.sort(keys);
        int u = 0;
        for (int q = 0; q < keys.length; q++) {
            if (u == 0 || keys[q] != keys[u - 1]) {
                keys[u++] = keys[q];
            }
        }
        return Arrays.copyOf(keys, u);
    }

    /** The keys of {@code x} followed by those of {@code y}. */
    static long[] concat(long[] x, long[] y) {
        long[] out = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    /** The certified solution of one level: potentials and the pairs of its plan (keys i·m + j, increasing). */
    record Level(double[] u, double[] v, long[] support) {
    }

    /** The occupied cells of one cloud as coarse points: centroids, total masses and the fine members of each. */
    private static final class Coarse {
        final int size;
        final double[] x;
        final int[] mass;
        final int[] coarseOf;
        final int[] memberStart;
        final int[] members;

        private Coarse(int size, double[] x, int[] mass, int[] coarseOf, int[] memberStart, int[] members) {
            this.size = size;
            this.x = x;
            this.mass = mass;
            this.coarseOf = coarseOf;
            this.memberStart = memberStart;
            this.members = members;
        }

        /**
         * Cells of {@code grid} in increasing cell order; a cell lies inside [0, 2π)^d, so the plain weighted mean of
         * its wrapped coordinates is its centroid on the torus.
         */
        static Coarse of(CellGrid grid, double[] x, int[] w, int d) {
            int occupied = 0;
            for (int c = 0; c < grid.cells; c++) {
                if (grid.start[c + 1] > grid.start[c]) {
                    occupied++;
                }
            }
            double[] centre = new double[occupied * d];
            int[] mass = new int[occupied];
            int[] memberStart = new int[occupied + 1];
            int[] coarseOf = new int[w.length];
            int s = 0;
            for (int c = 0; c < grid.cells; c++) {
                if (grid.start[c + 1] == grid.start[c]) {
                    continue;
                }
                long total = 0;
                for (int q = grid.start[c]; q < grid.start[c + 1]; q++) {
                    int i = grid.order[q];
                    total += w[i];
                    coarseOf[i] = s;
                    for (int t = 0; t < d; t++) {
                        centre[s * d + t] += w[i] * x[i * d + t];
                    }
                }
                for (int t = 0; t < d; t++) {
                    double mean = centre[s * d + t] / total;
                    centre[s * d + t] = Math.min(Math.max(mean, 0), Math.nextDown(2 * Math.PI));
                }
                mass[s] = Math.toIntExact(total);
                memberStart[s + 1] = grid.start[c + 1];
                s++;
            }
            return new Coarse(occupied, centre, mass, coarseOf, memberStart, grid.order);
        }
    }
}
