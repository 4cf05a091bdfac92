package io.qmoe.transport;

/**
 * A renumbering of a cloud's points along a Morton (Z-order) curve of the torus, so that points with close indices
 * are close in space. The solvers touch a point's arcs, its partners' potentials and their holdings together; in
 * this order the next point's are mostly in cache already, where in the order of an i.i.d. sample every one of
 * them is a cache miss. The transport is solved on the renumbered clouds and its result mapped back
 * ({@link #toNew()}, {@link #toOld()}); the optimum does not depend on the numbering. Immutable.
 */
final class SpatialOrder {
    /** The old index of each new one. */
    private final int[] old;
    /** The new index of each old one. */
    private final int[] rank;

    private SpatialOrder(int[] old) {
        this.old = old;
        rank = new int[old.length];
        for (int k = 0; k < old.length; k++) {
            rank[old[k]] = k;
        }
    }

    /**
     * The Z-order of the points of {@code x} (wrapped coordinates in [0, 2π), dimension d): each coordinate is cut
     * into 2^b intervals, b as large as fits 63 bits with the index, and the interval bits interleaved from the most
     * significant; ties keep the index order, so the order is deterministic.
     */
    static SpatialOrder of(double[] x, int d) {
        int n = x.length / d;
        int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
        int bits = Math.max(1, Math.min(16, (63 - indexBits) / d));
        double scale = (1 << bits) / (2 * Math.PI);
        int top = (1 << bits) - 1;
        long[] keyed = new long[n];
        int[] cell = new int[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                cell[k] = Math.min(top, (int) (x[i * d + k] * scale));
            }
            long key = 0;
            for (int bit = bits - 1; bit >= 0; bit--) {
                for (int k = 0; k < d; k++) {
                    key = key << 1 | (cell[k] >>> bit & 1);
                }
            }
            keyed[i] = key << indexBits | i;
        }
        PairOrder.sortKeys(keyed, d * bits + indexBits);
        int[] old = new int[n];
        long mask = (1L << indexBits) - 1;
        for (int k = 0; k < n; k++) {
            old[k] = (int) (keyed[k] & mask);
        }
        return new SpatialOrder(old);
    }

    /** Number of points. */
    int size() {
        return old.length;
    }

    /** The new index of each old point (a copy). */
    int[] toNew() {
        return rank.clone();
    }

    /** The old index of each new point (a copy). */
    int[] toOld() {
        return old.clone();
    }

    /** The points of {@code x} (dimension d) in the new order. */
    double[] points(double[] x, int d) {
        double[] y = new double[x.length];
        for (int k = 0; k < old.length; k++) {
            System.arraycopy(x, old[k] * d, y, k * d, d);
        }
        return y;
    }

    /** Per-point values w (one per old point) in the new order. */
    double[] values(double[] w) {
        double[] y = new double[w.length];
        for (int k = 0; k < old.length; k++) {
            y[k] = w[old[k]];
        }
        return y;
    }

    /** Per-point values w' (one per new point) back in the old order. */
    double[] restored(double[] w) {
        double[] y = new double[w.length];
        for (int k = 0; k < old.length; k++) {
            y[old[k]] = w[k];
        }
        return y;
    }
}
