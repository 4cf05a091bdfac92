package io.qmoe.meanfield;

import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.TimeGrid;

/**
 * The mean-field equation ∂_t μ = ∇·(μ ∇Ψ[μ]) solved on a grid (d ≤ 2) with {@link GridContinuitySolver}, as an
 * independent check of the particle reference: f(θ, x_a) is tabulated once at the cell centres and ∂f/∂θ_k at the
 * faces, so the residuals r_a = ∫ f(θ, x_a) dμ − y_a and the face velocities v = −(1/M) Σ_a r_a ∂_k f are cheap sums.
 */
final class GridReference {
    private final Expert expert;
    private final Dataset data;
    private final TimeGrid grid;
    private final int cells;

    GridReference(Expert expert, Dataset data, TimeGrid grid, int cells) {
        this.expert = expert;
        this.data = data;
        this.grid = grid;
        this.cells = cells;
    }

    AnalysisResult.GridComparison compare(AnalysisResult.Reference reference) {
        int d = expert.dimension();
        GridContinuitySolver solver = new GridContinuitySolver(d, cells);
        int m = data.size();
        int total = d == 1 ? cells : cells * cells;
        double[][] fAtCentres = new double[m][];
        double[][][] gradAtFaces = new double[d][m][total];
        // values at the centres
        double[] centres = new double[total * d];
        for (int c = 0; c < total; c++) {
            for (int k = 0; k < d; k++) {
                centres[c * d + k] = solver.centre(c, k);
            }
        }
        double[] values = valuesOnData(centres, total, false).values();
        for (int a = 0; a < m; a++) {
            fAtCentres[a] = new double[total];
            for (int c = 0; c < total; c++) {
                fAtCentres[a][c] = values[c * m + a];
            }
        }
        for (int axis = 0; axis < d; axis++) {
            double[] points = new double[total * d];
            for (int f = 0; f < total; f++) {
                System.arraycopy(solver.facePoint(axis, f), 0, points, f * d, d);
            }
            ValuesAndGradients vg = valuesOnData(points, total, true);
            for (int f = 0; f < total; f++) {
                for (int a = 0; a < m; a++) {
                    gradAtFaces[axis][a][f] = vg.gradient(f * m + a, axis);
                }
            }
        }
        double[] residuals = new double[m];
        double cellVolume = StrictMath.pow(solver.cellWidth(), d);
        GridContinuitySolver.FaceVelocity field = (t, density, faces) -> {
            residualsOf(density, fAtCentres, cellVolume, residuals);
            for (int axis = 0; axis < d; axis++) {
                java.util.Arrays.fill(faces[axis], 0);
                for (int a = 0; a < m; a++) {
                    double w = -residuals[a] / m;
                    double[] g = gradAtFaces[axis][a];
                    for (int f = 0; f < total; f++) {
                        faces[axis][f] += w * g[f];
                    }
                }
            }
        };
        int steps = grid.steps();
        double[] gap = new double[steps + 1];
        double maxGap = 0;
        double massError = 0;
        double minDensity = Double.POSITIVE_INFINITY;
        for (int j = 0; j <= steps; j++) {
            residualsOf(solver.density(), fAtCentres, cellVolume, residuals);
            double[] refPred = reference.predictions()[j];
            for (int a = 0; a < m; a++) {
                double refResidual = refPred[a] - data.target(a);
                gap[j] = Math.max(gap[j], Math.abs(residuals[a] - refResidual));
            }
            maxGap = Math.max(maxGap, gap[j]);
            massError = Math.max(massError, Math.abs(solver.mass() - 1));
            minDensity = Math.min(minDensity, solver.minDensity());
            if (j < steps) {
                solver.step(grid.time(j + 1) - grid.time(j), field);
            }
        }
        return new AnalysisResult.GridComparison(cells, maxGap, massError, minDensity, gap, null);
    }

    /** r_a = ∫ f(θ, x_a) ρ(θ) dθ − y_a by the midpoint rule. */
    private void residualsOf(double[] density, double[][] fAtCentres, double cellVolume, double[] out) {
        for (int a = 0; a < out.length; a++) {
            double s = 0;
            double[] f = fAtCentres[a];
            for (int c = 0; c < f.length; c++) {
                s += f[c] * density[c];
            }
            out[a] = s * cellVolume - data.target(a);
        }
    }

    private ValuesAndGradients valuesOnData(double[] points, int count, boolean gradients) {
        io.qmoe.mixture.MixtureOfExperts table = new io.qmoe.mixture.MixtureOfExperts(expert, count);
        return table.evaluateOnData(points, data, gradients);
    }
}
