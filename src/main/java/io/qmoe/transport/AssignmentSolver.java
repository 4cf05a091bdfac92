package io.qmoe.transport;

import java.util.Arrays;

/**
 * Exact minimum-cost perfect matching of a dense n×n cost matrix by shortest augmenting paths with dual potentials
 * (the Jonker–Volgenant family, as in Crouse 2016): each row is added by a Dijkstra search in reduced costs that stops
 * at the first free column. O(n³) in the worst case, far less on the random geometric costs met here. Exact up to
 * floating-point rounding; no ε-scaling, no entropy.
 */
public final class AssignmentSolver {
    private AssignmentSolver() {
    }

    /** An optimal assignment: {@code rowToColumn[i]} and the total cost. */
    public record Assignment(int[] rowToColumn, double cost) {
    }

    /**
     * Jonker–Volgenant column reduction: v_j = min_i c_ij, and each column is given to its minimising row when that row
     * is still free. With u = 0 every reduced cost c_ij − u_i − v_j is ≥ 0 and is 0 on the assigned pairs, so the
     * partial assignment and the duals satisfy the invariants of the augmenting phase, which stays exact.
     */
    private static void columnReduction(double[] cost, int n, double[] v, int[] col4row, int[] row4col) {
        int[] argmin = new int[n];
        Arrays.fill(v, Double.POSITIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int base = i * n;
            for (int j = 0; j < n; j++) {
                double c = cost[base + j];
                if (c < v[j]) {
                    v[j] = c;
                    argmin[j] = i;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            int i = argmin[j];
            if (col4row[i] == -1) {
                col4row[i] = j;
                row4col[j] = i;
            }
        }
    }

    /**
     * One Dijkstra relaxation from row i over the unscanned columns; returns the unscanned column with the smallest
     * tentative distance, preferring a free column on ties. A method of its own so the JIT compiles it early.
     */
    private static int scanRow(double[] cost, int rowBase, double ui, double[] v, double[] shortest, int[] path,
                               boolean[] scannedCol, int[] row4col, int i) {
        int n = v.length;
        int best = -1;
        double lowest = Double.POSITIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            if (scannedCol[j]) {
                continue;
            }
            double r = ui + cost[rowBase + j] - v[j];
            double s = shortest[j];
            if (r < s) {
                path[j] = i;
                shortest[j] = r;
                s = r;
            }
            if (s < lowest || (s == lowest && row4col[j] == -1)) {
                lowest = s;
                best = j;
            }
        }
        return best;
    }

    /** Solves for a row-major n×n cost matrix (finite entries). */
    public static Assignment solve(double[] cost, int n) {
        if (cost.length != (long) n * n) {
            throw new IllegalArgumentException("cost matrix has " + cost.length + " entries, expected " + n + "x" + n);
        }
        for (double c : cost) {
            if (!Double.isFinite(c)) {
                throw new IllegalArgumentException("cost matrix has a non-finite entry");
            }
        }
        double[] u = new double[n];
        double[] v = new double[n];
        double[] shortest = new double[n];
        int[] path = new int[n];
        int[] col4row = new int[n];
        int[] row4col = new int[n];
        boolean[] scannedRow = new boolean[n];
        boolean[] scannedCol = new boolean[n];
        Arrays.fill(col4row, -1);
        Arrays.fill(row4col, -1);
        columnReduction(cost, n, v, col4row, row4col);
        for (int cur = 0; cur < n; cur++) {
            if (col4row[cur] != -1) {
                continue;
            }
            Arrays.fill(shortest, Double.POSITIVE_INFINITY);
            Arrays.fill(scannedRow, false);
            Arrays.fill(scannedCol, false);
            double minVal = 0;
            int i = cur;
            int sink = -1;
            while (sink == -1) {
                scannedRow[i] = true;
                int best = scanRow(cost, i * n, minVal - u[i], v, shortest, path, scannedCol, row4col, i);
                double lowest = shortest[best];
                minVal = lowest;
                if (best < 0 || minVal == Double.POSITIVE_INFINITY) {
                    throw new IllegalStateException("no feasible assignment");
                }
                int j = best;
                if (row4col[j] == -1) {
                    sink = j;
                } else {
                    i = row4col[j];
                }
                scannedCol[j] = true;
            }
            u[cur] += minVal;
            for (int r = 0; r < n; r++) {
                if (scannedRow[r] && r != cur) {
                    u[r] += minVal - shortest[col4row[r]];
                }
            }
            for (int c = 0; c < n; c++) {
                if (scannedCol[c]) {
                    v[c] -= minVal - shortest[c];
                }
            }
            int j = sink;
            while (true) {
                int r = path[j];
                row4col[j] = r;
                int previous = col4row[r];
                col4row[r] = j;
                if (r == cur) {
                    break;
                }
                j = previous;
            }
        }
        double total = 0;
        for (int r = 0; r < n; r++) {
            total += cost[r * n + col4row[r]];
        }
        return new Assignment(col4row, total);
    }
}
