package io.qmoe.backend.statevector;

import io.qmoe.circuit.ParametricCircuit;

/**
 * The input vectors [θ, x] of a batch, read row by row into a caller's buffer: either explicit binding rows, or the
 * expert × data grid read straight from a flat angle array (N·d) and a flat feature array (M·k) with no row objects.
 * Grid row r stands for expert {@code from + r / M} and data point {@code r mod M}, so the rows of one expert are
 * consecutive. A grid checks its values once (finite) when made. Immutable; the arrays are not modified.
 */
abstract class InputRows {
    /** Number of rows. */
    abstract int size();

    /** Copies the input vector of row r into {@code dest[0 … width)}. */
    abstract void copy(int r, double[] dest);

    /** Rows per expert: M for a grid, 1 for explicit rows (the unit a parallel split never cuts). */
    abstract int rowsPerUnit();

    /** Explicit rows. */
    static InputRows of(double[][] bindings) {
        return new InputRows() {
            @Override
            int size() {
                return bindings.length;
            }

            @Override
            void copy(int r, double[] dest) {
                System.arraycopy(bindings[r], 0, dest, 0, bindings[r].length);
            }

            @Override
            int rowsPerUnit() {
                return 1;
            }
        };
    }

    /**
     * The grid of experts {@code from} (incl.) to {@code to} (excl.) of {@code angles} (d per expert) × the
     * {@code points} feature vectors of {@code features} (k per point).
     */
    static Grid grid(ParametricCircuit circuit, double[] angles, int from, int to, double[] features,
                          int points) {
        int d = circuit.trainableCount();
        int k = circuit.dataCount();
        if (from < 0 || to < from || (long) to * d > angles.length) {
            throw new IllegalArgumentException("experts " + from + " to " + to + " of " + angles.length / Math.max(1, d)
                    + " (" + d + " angles each)");
        }
        if ((long) points * k != features.length || points < 1) {
            throw new IllegalArgumentException(features.length + " feature values are not " + points + " points of "
                    + k + " feature(s)");
        }
        for (int i = from * d; i < to * d; i++) {
            if (!Double.isFinite(angles[i])) {
                throw new IllegalArgumentException("expert " + i / d + " has a non-finite value for input '"
                        + circuit.allNames().get(i % d) + "'");
            }
        }
        for (int i = 0; i < features.length; i++) {
            if (!Double.isFinite(features[i])) {
                throw new IllegalArgumentException("data point " + i / k + " has a non-finite value for input '"
                        + circuit.allNames().get(d + i % k) + "'");
            }
        }
        return new Grid(angles, from, to, features, points, d, k);
    }

    /**
     * The expert × data grid (see {@link #grid}): besides the row copies, its arrays are open to the lane binding,
     * which reads angles per expert and features per point without copying rows ({@link LaneSimulation#bind}).
     */
    static final class Grid extends InputRows {
        final double[] angles;
        final int from;
        final int to;
        final double[] features;
        final int points;
        final int d;
        final int k;

        private Grid(double[] angles, int from, int to, double[] features, int points, int d, int k) {
            this.angles = angles;
            this.from = from;
            this.to = to;
            this.features = features;
            this.points = points;
            this.d = d;
            this.k = k;
        }

        @Override
        int size() {
            return (to - from) * points;
        }

        @Override
        void copy(int r, double[] dest) {
            int i = from + r / points;
            int a = r - (r / points) * points;
            System.arraycopy(angles, i * d, dest, 0, d);
            System.arraycopy(features, a * k, dest, d, k);
        }

        @Override
        int rowsPerUnit() {
            return points;
        }
    }
}
