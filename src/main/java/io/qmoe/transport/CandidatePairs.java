package io.qmoe.transport;

/**
 * The first candidate set of a sparse transport, as keys i·m + j (unsorted, with repeats): each source's k nearest
 * sinks, each sink's k nearest sources (at most {@link #FEW_SOURCES_SINK_NEIGHBOURS} when n &lt; m), the
 * north-west-corner chain of the two clouds in cell order (a feasible plan
 * on at most n + m − 1 pairs, so the sparse problem can always carry every unit).
 */
final class CandidatePairs {
    private CandidatePairs() {
    }

    /** The nearest sources listed per sink when there are fewer sources than sinks. */
    static final int FEW_SOURCES_SINK_NEIGHBOURS = 8;

    static long[] initial(double[] a, double[] b, int d, int k) {
        return initial(a, b, d, k, null, null);
    }

    /**
     * The first candidate set for sources and sinks of integer masses {@code wa} and {@code wb} (equal totals; both
     * null for the uniform measures, supply m and demand n each): only the north-west-corner chain depends on them.
     */
    static long[] initial(double[] a, double[] b, int d, int k, int[] wa, int[] wb) {
        int n = a.length / d;
        int m = b.length / d;
        int kb = Math.min(k, m);
        // with fewer sources than sinks each source already collects about k·m/n arcs from the sinks' side
        int ka = Math.min(n < m ? Math.min(k, FEW_SOURCES_SINK_NEIGHBOURS) : k, n);
        int[] nearB = NearestPartners.search(a, b, d, kb);
        int[] nearA = NearestPartners.search(b, a, d, ka);
        long[] keys = new long[n * kb + m * ka + n + m];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < kb; q++) {
                keys[at++] = (long) i * m + nearB[i * kb + q];
            }
        }
        for (int j = 0; j < m; j++) {
            for (int q = 0; q < ka; q++) {
                keys[at++] = (long) nearA[j * ka + q] * m + j;
            }
        }
        at = northWestCorner(a, b, d, wa, wb, keys, at);
        return java.util.Arrays.copyOf(keys, at);
    }

    /**
     * Appends the pairs of the north-west-corner plan between the sources and the sinks, each listed in the order of
     * a common cell grid (masses wa and wb, or supply m each and demand n each when null); returns the new fill.
     */
    private static int northWestCorner(double[] a, double[] b, int d, int[] wa, int[] wb, long[] keys, int at) {
        int n = a.length / d;
        int m = b.length / d;
        int side = CellGrid.sideFor(Math.max(n, m), d, 4.0, 1 << 20);
        int[] oa = CellGrid.of(a, d, side).order;
        int[] ob = CellGrid.of(b, d, side).order;
        long leftS = wa == null ? m : wa[oa[0]];
        long leftD = wb == null ? n : wb[ob[0]];
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            keys[at++] = (long) oa[i] * m + ob[j];
            long f = Math.min(leftS, leftD);
            leftS -= f;
            leftD -= f;
            if (leftS == 0 && ++i < n) {
                leftS = wa == null ? m : wa[oa[i]];
            }
            if (leftD == 0 && ++j < m) {
                leftD = wb == null ? n : wb[ob[j]];
            }
        }
        return at;
    }
}
