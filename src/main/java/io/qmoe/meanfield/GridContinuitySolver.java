package io.qmoe.meanfield;

/**
 * A finite-volume solver of the continuity equation ∂_t ρ + ∇·(ρ v) = 0 on a periodic uniform grid over [0, 2π)^d,
 * d ∈ {1, 2}, independent of the particle methods. Cell averages ρ; upwind fluxes of a MUSCL reconstruction with the
 * minmod limiter at the cell faces; SSP-RK2 (Heun) in time with sub-steps that keep dt·max|v|/h below a CFL bound.
 * The scheme is conservative (flux form: the total mass Σρ·h^d changes only by rounding) and positivity-preserving
 * under that bound. The velocity at the faces comes from a {@link FaceVelocity}, called at every stage with the
 * current density, so nonlinear (mean-field) velocities are integrated consistently.
 */
public final class GridContinuitySolver {
    /** Gives the velocity normal to every face for the current density. */
    @FunctionalInterface
    public interface FaceVelocity {
        /**
         * Fills {@code faces[k][f]}: the k-th velocity component at face f of axis k. For d = 1, face i is the left
         * face of cell i (θ = i·h). For d = 2, cells are indexed c = i·G + j (i along axis 0); face c of axis 0 lies
         * at (i·h, (j+½)h), face c of axis 1 at ((i+½)h, j·h).
         */
        void velocity(double t, double[] density, double[][] faces);
    }

    private final int d;
    private final int cells;
    private final double h;
    private final double cfl;
    private double[] rho;
    private final double[][] faces;
    private final double[] k1;
    private final double[] stage;
    private double time;

    /** A solver with {@code cellsPerAxis} cells per axis, started from the uniform density 1/(2π)^d. */
    public GridContinuitySolver(int d, int cellsPerAxis) {
        if (d != 1 && d != 2) {
            throw new IllegalArgumentException("the grid solver handles d = 1 or 2, not " + d);
        }
        if (cellsPerAxis < 4) {
            throw new IllegalArgumentException("the grid needs at least 4 cells per axis, got " + cellsPerAxis);
        }
        this.d = d;
        this.cells = cellsPerAxis;
        this.h = 2 * Math.PI / cellsPerAxis;
        this.cfl = d == 1 ? 0.4 : 0.2;
        int total = d == 1 ? cellsPerAxis : cellsPerAxis * cellsPerAxis;
        rho = new double[total];
        java.util.Arrays.fill(rho, 1 / StrictMath.pow(2 * Math.PI, d));
        faces = new double[d][total];
        k1 = new double[total];
        stage = new double[total];
    }

    /** Replaces the density (copied; must be non-negative with the right length). */
    public void setDensity(double[] density) {
        if (density.length != rho.length) {
            throw new IllegalArgumentException("density has " + density.length + " cells, expected " + rho.length);
        }
        rho = density.clone();
    }

    /** A copy of the cell averages. */
    public double[] density() {
        return rho.clone();
    }

    /** Cells per axis. */
    public int cellsPerAxis() {
        return cells;
    }

    /** Cell width h = 2π/G. */
    public double cellWidth() {
        return h;
    }

    /** The time reached. */
    public double time() {
        return time;
    }

    /** Total mass Σ ρ h^d. */
    public double mass() {
        double s = 0;
        for (double r : rho) {
            s += r;
        }
        return s * StrictMath.pow(h, d);
    }

    /** Smallest cell average. */
    public double minDensity() {
        double m = Double.POSITIVE_INFINITY;
        for (double r : rho) {
            m = Math.min(m, r);
        }
        return m;
    }

    /** Midpoint-rule integral ∫ g ρ dθ for g given at the cell centres. */
    public double integrate(double[] gAtCentres) {
        double s = 0;
        for (int c = 0; c < rho.length; c++) {
            s += gAtCentres[c] * rho[c];
        }
        return s * StrictMath.pow(h, d);
    }

    /** Centre coordinate k of cell c. */
    public double centre(int c, int k) {
        int idx = d == 1 ? c : (k == 0 ? c / cells : c % cells);
        return (idx + 0.5) * h;
    }

    /** Coordinates of face f of axis {@code axis} (see {@link FaceVelocity}). */
    public double[] facePoint(int axis, int f) {
        if (d == 1) {
            return new double[] {f * h};
        }
        int i = f / cells;
        int j = f % cells;
        return axis == 0 ? new double[] {i * h, (j + 0.5) * h} : new double[] {(i + 0.5) * h, j * h};
    }

    /** Advances to {@code time + dt} with as many SSP-RK2 sub-steps as the CFL bound needs. */
    public void step(double dt, FaceVelocity velocity) {
        double end = time + dt;
        while (time < end) {
            velocity.velocity(time, rho, faces);
            double vmax = 0;
            for (double[] axis : faces) {
                for (double v : axis) {
                    vmax = Math.max(vmax, Math.abs(v));
                }
            }
            double sub = end - time;
            if (vmax > 0) {
                sub = Math.min(sub, cfl * h / vmax);
            }
            if (end - time - sub < 1e-12 * dt) {
                sub = end - time;
            }
            // Heun: ρ1 = ρ + dt L(ρ); ρ_new = ½ρ + ½(ρ1 + dt L(ρ1))
            divergence(rho, faces, k1);
            for (int c = 0; c < rho.length; c++) {
                stage[c] = rho[c] + sub * k1[c];
            }
            velocity.velocity(time + sub, stage, faces);
            divergence(stage, faces, k1);
            double[] next = new double[rho.length];
            for (int c = 0; c < rho.length; c++) {
                next[c] = 0.5 * rho[c] + 0.5 * (stage[c] + sub * k1[c]);
            }
            rho = next;
            time = (end - time - sub) == 0 ? end : time + sub;
        }
    }

    /** out = −∇·(ρ v) by upwind fluxes of the minmod-limited reconstruction. */
    private void divergence(double[] r, double[][] v, double[] out) {
        java.util.Arrays.fill(out, 0);
        if (d == 1) {
            for (int f = 0; f < cells; f++) {
                double flux = flux(r, v[0][f], idx1(f - 2), idx1(f - 1), idx1(f), idx1(f + 1));
                out[idx1(f - 1)] -= flux / h;
                out[f] += flux / h;
            }
            return;
        }
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                int c = i * cells + j;
                // axis 0 face between cells (i-1, j) and (i, j)
                double f0 = flux(r, v[0][c], idx2(i - 2, j), idx2(i - 1, j), c, idx2(i + 1, j));
                out[idx2(i - 1, j)] -= f0 / h;
                out[c] += f0 / h;
                // axis 1 face between cells (i, j-1) and (i, j)
                double f1 = flux(r, v[1][c], idx2(i, j - 2), idx2(i, j - 1), c, idx2(i, j + 1));
                out[idx2(i, j - 1)] -= f1 / h;
                out[c] += f1 / h;
            }
        }
    }

    /** Upwind flux through the face between cells {@code l} and {@code r} (with outer neighbours ll and rr). */
    private static double flux(double[] rho, double v, int ll, int l, int r, int rr) {
        if (v >= 0) {
            double left = rho[l] + 0.5 * minmod(rho[l] - rho[ll], rho[r] - rho[l]);
            return v * left;
        }
        double right = rho[r] - 0.5 * minmod(rho[r] - rho[l], rho[rr] - rho[r]);
        return v * right;
    }

    private static double minmod(double a, double b) {
        if (a > 0 && b > 0) {
            return Math.min(a, b);
        }
        if (a < 0 && b < 0) {
            return Math.max(a, b);
        }
        return 0;
    }

    private int idx1(int i) {
        return Math.floorMod(i, cells);
    }

    private int idx2(int i, int j) {
        return Math.floorMod(i, cells) * cells + Math.floorMod(j, cells);
    }
}
