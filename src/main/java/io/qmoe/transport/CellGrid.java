package io.qmoe.transport;

/**
 * A periodic grid of G^d equal cubic cells of side w = 2π/G over the torus [0, 2π)^d, with the points of one cloud
 * bucketed by cell (counting sort, so the order inside a cell is the index order: deterministic). Cell c of a point
 * has coordinates c_k = ⌊θ_k / w⌋ (clamped to G − 1), and the linear index Σ c_k G^k.
 */
final class CellGrid {
    final int d;
    final int g;
    final double width;
    final int cells;
    /** Points of cell c are {@code order[start[c]] … order[start[c+1] − 1]}. */
    final int[] start;
    final int[] order;
    /** The cell of each point. */
    final int[] cellOf;

    private CellGrid(int d, int g, int[] start, int[] order, int[] cellOf) {
        this.d = d;
        this.g = g;
        this.width = 2 * Math.PI / g;
        this.cells = start.length - 1;
        this.start = start;
        this.order = order;
        this.cellOf = cellOf;
    }

    /** G per axis so that the grid has about {@code n / perCell} cells, and at most {@code maxCells}. */
    static int sideFor(int n, int d, double perCell, int maxCells) {
        double target = Math.min(maxCells, Math.max(1, n / perCell));
        int g = Math.max(1, (int) Math.floor(StrictMath.pow(target, 1.0 / d) + 1e-9));
        while (g > 1 && StrictMath.pow(g, d) > maxCells) {
            g--;
        }
        return g;
    }

    /**
     * G per axis for the points of {@code x} and {@code y} together: {@link #sideFor} of their count, doubled while
     * fewer than a quarter of the wanted cells are occupied (a concentrated cloud) and the grid stays within
     * {@code maxCells} and 8 cells per point (so coincident points cannot blow it up), so that occupied cells hold about {@code perCell} points whatever the spread.
     */
    static int adaptiveSide(double[] x, double[] y, int d, double perCell, int maxCells) {
        int total = (x.length + y.length) / d;
        int cap = (int) Math.min(maxCells, 8L * total + 64);
        int g = sideFor(total, d, perCell, cap);
        double wanted = Math.max(1, total / perCell);
        while (StrictMath.pow(2.0 * g, d) <= cap && occupied(x, y, d, g) < wanted / 4) {
            g *= 2;
        }
        return g;
    }

    /** Number of cells of the grid of side g that hold a point of x or y. */
    /** Number of cells of the grid of side g that hold a point of x. */
    static int occupied(double[] x, int d, int g) {
        java.util.BitSet seen = new java.util.BitSet((int) Math.round(StrictMath.pow(g, d)));
        mark(x, d, g, seen);
        return seen.cardinality();
    }

    static int occupied(double[] x, double[] y, int d, int g) {
        int cells = (int) Math.round(StrictMath.pow(g, d));
        java.util.BitSet seen = new java.util.BitSet(cells);
        mark(x, d, g, seen);
        mark(y, d, g, seen);
        return seen.cardinality();
    }

    private static void mark(double[] x, int d, int g, java.util.BitSet seen) {
        double w = 2 * Math.PI / g;
        for (int i = 0; i < x.length / d; i++) {
            int c = 0;
            for (int k = d - 1; k >= 0; k--) {
                c = c * g + Math.min(g - 1, (int) (x[i * d + k] / w));
            }
            seen.set(c);
        }
    }

    /** Buckets the n points of {@code x} (wrapped coordinates, dimension d) into a grid of side g. */
    static CellGrid of(double[] x, int d, int g) {
        int n = x.length / d;
        int cells = 1;
        for (int k = 0; k < d; k++) {
            cells = Math.multiplyExact(cells, g);
        }
        double w = 2 * Math.PI / g;
        int[] cellOf = new int[n];
        int[] start = new int[cells + 1];
        for (int i = 0; i < n; i++) {
            int c = 0;
            for (int k = d - 1; k >= 0; k--) {
                c = c * g + Math.min(g - 1, (int) (x[i * d + k] / w));
            }
            cellOf[i] = c;
            start[c + 1]++;
        }
        for (int c = 0; c < cells; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = new int[cells];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            int c = cellOf[i];
            order[start[c] + fill[c]++] = i;
        }
        return new CellGrid(d, g, start, order, cellOf);
    }

    /** Coordinate k of cell c. */
    int axis(int c, int k) {
        int r = c;
        for (int q = 0; q < k; q++) {
            r /= g;
        }
        return r % g;
    }

    /** The cell whose coordinates are those of cell c shifted by {@code offset} (modulo G per axis). */
    int shifted(int[] base, int[] offset) {
        int c = 0;
        for (int k = d - 1; k >= 0; k--) {
            c = c * g + Math.floorMod(base[k] + offset[k], g);
        }
        return c;
    }

    /**
     * A lower bound of the periodic gap along one axis between any point of a cell with axis coordinate ca and any
     * point of one with cb: (circular index distance − 1)·w, at least 0, shrunk by a relative 1e-12 so that rounding in
     * the bucketing can never make it exceed the true gap.
     */
    double axisGap(int ca, int cb) {
        int delta = Math.abs(ca - cb);
        int circ = Math.min(delta, g - delta);
        return circ <= 1 ? 0 : (circ - 1) * width * (1 - 1e-12);
    }
}
