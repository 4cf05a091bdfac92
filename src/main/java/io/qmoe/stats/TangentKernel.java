package io.qmoe.stats;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The empirical tangent kernel of a population of N experts on M data points:
 * K(x_a, x_b) = (1/N) Σ_i Σ_k g_iak g_ibk with g_iak = ∂f(θ_i, x_a)/∂θ_k, an M×M symmetric positive semi-definite
 * matrix. In the mean-field picture it is the Gram matrix of the velocity field: the residuals evolve as
 * dr/dt = −(1/M) K r to first order, so its drift in time says how far training leaves the lazy (kernel) regime and its
 * eigenvalues set the rates at which the residual modes decay.
 *
 * <p>Gradients are given flat, particle-major: g_iak = {@code gradients[(i*M + a)*d + k]} (each particle's M×d block
 * of gradients is contiguous, one row per data point). Cost O(N·M²·d/2), spread over fixed blocks of rows on the
 * common fork-join pool with the same bits on any core count. Immutable; the matrix is stored row-major, both
 * triangles.
 */
public final class TangentKernel {
    private static final int CHUNK_ROWS = 16;

    private final int points;
    private final double[] k;

    private TangentKernel(int points, double[] k) {
        this.points = points;
        this.k = k;
    }

    /**
     * The kernel of N = {@code particles} experts with {@code dimension} angles each on M = {@code points} data
     * points, from {@code gradients} (length N·M·d, layout as in the class comment; not modified).
     */
    public static TangentKernel of(int particles, int points, int dimension, double[] gradients) {
        if (particles < 1 || points < 1 || dimension < 1) {
            throw new IllegalArgumentException("the tangent kernel needs at least one particle, point and angle, got "
                    + particles + ", " + points + ", " + dimension);
        }
        if (gradients.length != (long) particles * points * dimension) {
            throw new IllegalArgumentException(gradients.length + " gradient entries for " + particles
                    + " particles × " + points + " points × " + dimension + " angles");
        }
        int m = points;
        int d = dimension;
        double[] k = new double[m * m];
        int chunks = (m + CHUNK_ROWS - 1) / CHUNK_ROWS;
        FixedChunks.run(chunks, 0, c -> upperRows(gradients, particles, m, d, c * CHUNK_ROWS,
                Math.min(m, (c + 1) * CHUNK_ROWS), k));
        for (int a = 0; a < m; a++) {
            for (int b = a; b < m; b++) {
                double v = k[a * m + b] / particles;
                k[a * m + b] = v;
                k[b * m + a] = v;
            }
        }
        return new TangentKernel(m, k);
    }

    /**
     * Adds Σ_i Σ_k g_iak g_ibk into k[a*M + b] for rows a in [from, to) and b ≥ a. Each particle's block is first
     * transposed to d×M so that the inner loop over b runs along contiguous memory; every entry accumulates its
     * products in the order (i, k) whatever the chunking, so the matrix has the same bits on any thread count.
     */
    private static void upperRows(double[] g, int particles, int m, int d, int from, int to, double[] k) {
        double[] h = new double[d * m];
        for (int i = 0; i < particles; i++) {
            int block = i * m * d;
            for (int b = from; b < m; b++) {
                for (int c = 0; c < d; c++) {
                    h[c * m + b] = g[block + b * d + c];
                }
            }
            for (int a = from; a < to; a++) {
                int row = a * m;
                for (int c = 0; c < d; c++) {
                    int hc = c * m;
                    double ga = h[hc + a];
                    for (int b = a; b < m; b++) {
                        k[row + b] += ga * h[hc + b];
                    }
                }
            }
        }
    }

    /** M, the number of data points. */
    public int points() {
        return points;
    }

    /** K(x_a, x_b). */
    public double value(int a, int b) {
        return k[a * points + b];
    }

    /** A copy of the matrix, row-major M×M. */
    public double[] matrix() {
        return k.clone();
    }

    /** ‖K‖_F = sqrt(Σ_ab K_ab²). */
    public double frobeniusNorm() {
        double s = 0;
        for (double v : k) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * The relative drift ‖K − K₀‖_F / ‖K₀‖_F of this kernel from an earlier one on the same points (NaN when
     * ‖K₀‖_F = 0).
     */
    public double relativeDrift(TangentKernel initial) {
        if (initial.points != points) {
            throw new IllegalArgumentException("kernels on " + initial.points + " and " + points
                    + " points cannot be compared");
        }
        double s = 0;
        for (int i = 0; i < k.length; i++) {
            double e = k[i] - initial.k[i];
            s += e * e;
        }
        double norm = initial.frobeniusNorm();
        return norm > 0 ? Math.sqrt(s) / norm : Double.NaN;
    }

    /**
     * The M eigenvalues of K in descending order, by EJML's symmetric QR algorithm (tridiagonalisation and implicit
     * shifted QR; accurate to a few ulps of ‖K‖). They are real and, up to rounding, non-negative.
     */
    public double[] eigenvalues() {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(points, false, true);
        if (!eig.decompose(new DMatrixRMaj(points, points, true, k))) {
            throw new ArithmeticException("the symmetric eigen-decomposition of the tangent kernel did not converge");
        }
        double[] lambda = new double[points];
        for (int i = 0; i < points; i++) {
            lambda[i] = eig.getEigenvalue(i).getReal();
        }
        Arrays.sort(lambda);
        for (int i = 0, j = points - 1; i < j; i++, j--) {
            double t = lambda[i];
            lambda[i] = lambda[j];
            lambda[j] = t;
        }
        return lambda;
    }
}
