package io.qmoe.meanfield;

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
        int[] remaining = new int[n];
        boolean[] scannedRow = new boolean[n];
        boolean[] scannedCol = new boolean[n];
        Arrays.fill(col4row, -1);
        Arrays.fill(row4col, -1);
        for (int cur = 0; cur < n; cur++) {
            Arrays.fill(shortest, Double.POSITIVE_INFINITY);
            Arrays.fill(scannedRow, false);
            Arrays.fill(scannedCol, false);
            int numRemaining = n;
            for (int j = 0; j < n; j++) {
                remaining[j] = n - j - 1;
            }
            double minVal = 0;
            int i = cur;
            int sink = -1;
            while (sink == -1) {
                scannedRow[i] = true;
                int index = -1;
                double lowest = Double.POSITIVE_INFINITY;
                int rowBase = i * n;
                double ui = minVal - u[i];
                for (int it = 0; it < numRemaining; it++) {
                    int j = remaining[it];
                    double r = ui + cost[rowBase + j] - v[j];
                    if (r < shortest[j]) {
                        path[j] = i;
                        shortest[j] = r;
                    }
                    double s = shortest[j];
                    if (s < lowest || (s == lowest && row4col[j] == -1)) {
                        lowest = s;
                        index = it;
                    }
                }
                minVal = lowest;
                if (minVal == Double.POSITIVE_INFINITY) {
                    throw new IllegalStateException("no feasible assignment");
                }
                int j = remaining[index];
                if (row4col[j] == -1) {
                    sink = j;
                } else {
                    i = row4col[j];
                }
                scannedCol[j] = true;
                remaining[index] = remaining[--numRemaining];
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
