package io.qmoe.transport;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The k nearest points of a target cloud to each point of a query cloud on the torus, found exactly through a
 * periodic {@link CellGrid} of the targets: shells of cells at circular Chebyshev index distance r = 0, 1, 2, … are
 * scanned until k points are held and the k-th squared distance is at most (r·w)², which bounds the distance to every
 * unscanned cell. Ties in distance are broken by a fixed hash of the
 * (query, target) pair, so that many coincident targets are spread over the queries instead of all queries taking the
 * same lowest-index ones. Each query writes only its own k slots, so the parallel search
 * gives the same arrays on any number of threads.
 */
final class NearestPartners {
    private NearestPartners() {
    }

    /**
     * Row-major n_query × k array of target indices (k is clamped to the target count), nearest first.
     * {@code queries} and {@code targets} hold wrapped coordinates of dimension d. Not modified.
     */
    static int[] search(double[] queries, double[] targets, int d, int k) {
        int nq = queries.length / d;
        int nt = targets.length / d;
        int kk = Math.min(k, nt);
        int g = CellGrid.adaptiveSide(targets, new double[0], d, 2.0, 1 << 21);
        CellGrid grid = CellGrid.of(targets, d, g);
        int[] out = new int[nq * kk];
        // each query fills only its own slots, so the chunking (and the thread count) cannot change the result
        int chunks = Math.max(1, Math.min(4 * Runtime.getRuntime().availableProcessors(), nq / 256));
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            Scratch s = new Scratch(grid, kk);
            int lo = (int) ((long) nq * chunk / chunks);
            int hi = (int) ((long) nq * (chunk + 1) / chunks);
            for (int q = lo; q < hi; q++) {
                s.nearest(queries, q, targets, out, q * kk);
            }
        });
        return out;
    }

    /** Per-thread working memory of the search. */
    private static final class Scratch {
        private final CellGrid grid;
        private final int k;
        private final double[] bestDist;
        private final int[] bestIndex;
        private final int[] bestTie;
        private final int[] stamp;
        private final int[] base;
        private final int[] offset;
        private int query = 0;
        private int held;

        Scratch(CellGrid grid, int k) {
            this.grid = grid;
            this.k = k;
            this.bestDist = new double[k];
            this.bestIndex = new int[k];
            this.bestTie = new int[k];
            this.stamp = new int[grid.cells];
            this.base = new int[grid.d];
            this.offset = new int[grid.d];
        }

        void nearest(double[] queries, int q, double[] targets, int[] out, int at) {
            int d = grid.d;
            int g = grid.g;
            query++;
            held = 0;
            for (int k2 = 0; k2 < d; k2++) {
                base[k2] = Math.min(g - 1, (int) (queries[q * d + k2] / grid.width));
            }
            int maxRadius = g / 2;
            for (int r = 0; r <= maxRadius; r++) {
                scanShell(queries, q, targets, r);
                if (held == k && bestDist[k - 1] <= (r * grid.width) * (r * grid.width) * (1 - 1e-12)) {
                    break;
                }
            }
            System.arraycopy(bestIndex, 0, out, at, k);
        }

        /** Visits every not yet visited cell whose offset from the query's cell has Chebyshev norm exactly r. */
        private void scanShell(double[] queries, int q, double[] targets, int r) {
            int d = grid.d;
            Arrays.fill(offset, -r);
            while (true) {
                boolean onShell = false;
                for (int k2 = 0; k2 < d; k2++) {
                    if (Math.abs(offset[k2]) == r) {
                        onShell = true;
                        break;
                    }
                }
                if (onShell) {
                    int c = grid.shifted(base, offset);
                    if (stamp[c] != query) {
                        stamp[c] = query;
                        for (int p = grid.start[c]; p < grid.start[c + 1]; p++) {
                            int t = grid.order[p];
                            offer(t, tie(q, t), TorusCost.wrappedSquaredDistance(queries, q, targets, t, d));
                        }
                    }
                }
                int k2 = 0;
                while (k2 < d && offset[k2] == r) {
                    offset[k2] = -r;
                    k2++;
                }
                if (k2 == d) {
                    return;
                }
                offset[k2]++;
            }
        }

        /** Inserts target t at squared distance s into the sorted list of the k best (lower tie key first). */
        private void offer(int t, int tieKey, double s) {
            if (held == k && (s > bestDist[k - 1] || (s == bestDist[k - 1] && tieKey >= bestTie[k - 1]))) {
                return;
            }
            int pos = held == k ? k - 1 : held++;
            while (pos > 0 && (bestDist[pos - 1] > s || (bestDist[pos - 1] == s && bestTie[pos - 1] > tieKey))) {
                bestDist[pos] = bestDist[pos - 1];
                bestIndex[pos] = bestIndex[pos - 1];
                bestTie[pos] = bestTie[pos - 1];
                pos--;
            }
            bestDist[pos] = s;
            bestIndex[pos] = t;
            bestTie[pos] = tieKey;
        }

        /** A bijective mix of the target index, seeded by the query (a murmur3 finaliser). */
        private static int tie(int q, int t) {
            int h = t * 0x9E3779B1 + q * 0x85EBCA77;
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            return h ^ (h >>> 16);
        }
    }
}
