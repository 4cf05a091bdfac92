package io.qmoe.meanfield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.Tasks;
import io.qmoe.testing.ClosedFormQubitExpert;
import org.junit.jupiter.api.Test;

class GridContinuitySolverTest {
    private static double[] bump1d(GridContinuitySolver s, double centre) {
        int g = s.cellsPerAxis();
        double[] rho = new double[g];
        double total = 0;
        for (int i = 0; i < g; i++) {
            double d = TorusGeometry.coordinateDistance(s.centre(i, 0) - centre);
            rho[i] = Math.exp(-d * d / 0.18);
            total += rho[i] * s.cellWidth();
        }
        for (int i = 0; i < g; i++) {
            rho[i] /= total;
        }
        return rho;
    }

    /** Circular mean of a 1-D density. */
    private static double centreOfMass(GridContinuitySolver s) {
        double[] rho = s.density();
        double c = 0;
        double sn = 0;
        for (int i = 0; i < rho.length; i++) {
            c += rho[i] * Math.cos(s.centre(i, 0));
            sn += rho[i] * Math.sin(s.centre(i, 0));
        }
        return Math.atan2(sn, c);
    }

    @Test
    void constantVelocityTranslatesABumpAndErrorShrinksWithTheGrid() {
        double previous = Double.POSITIVE_INFINITY;
        for (int cells : new int[] {64, 256}) {
            GridContinuitySolver s = new GridContinuitySolver(1, cells);
            s.setDensity(bump1d(s, 1.0));
            for (int k = 0; k < 10; k++) {
                s.step(0.1, (t, rho, faces) -> java.util.Arrays.fill(faces[0], 0.7));
            }
            double err = Math.abs(centreOfMass(s) - 1.7);
            assertThat(err).isLessThan(previous);
            previous = err;
            assertThat(s.mass()).isCloseTo(1.0, within(1e-12));
            assertThat(s.minDensity()).isGreaterThanOrEqualTo(0);
        }
        assertThat(previous).isLessThan(1e-3);
    }

    @Test
    void massIsConservedAndDensityStaysNonNegativeInTwoDimensions() {
        GridContinuitySolver s = new GridContinuitySolver(2, 48);
        // a strongly compressing field: v = (−2 sin θ0, −2 sin θ1) at the faces
        GridContinuitySolver.FaceVelocity field = (t, rho, faces) -> {
            for (int f = 0; f < faces[0].length; f++) {
                faces[0][f] = -2 * Math.sin(s.facePoint(0, f)[0]);
                faces[1][f] = -2 * Math.sin(s.facePoint(1, f)[1]);
            }
        };
        for (int k = 0; k < 30; k++) {
            s.step(0.1, field);
            assertThat(s.mass()).isCloseTo(1.0, within(1e-12));
            assertThat(s.minDensity()).isGreaterThanOrEqualTo(0);
        }
        // mass gathers at (0, 0): the cells around it hold most of it
        double[] rho = s.density();
        double near = 0;
        for (int c = 0; c < rho.length; c++) {
            double d0 = TorusGeometry.coordinateDistance(s.centre(c, 0));
            double d1 = TorusGeometry.coordinateDistance(s.centre(c, 1));
            if (d0 < 0.5 && d1 < 0.5) {
                near += rho[c] * s.cellWidth() * s.cellWidth();
            }
        }
        assertThat(near).isGreaterThan(0.9);
    }

    @Test
    void uniformDensityStaysUniformUnderADivergenceFreeField() {
        GridContinuitySolver s = new GridContinuitySolver(2, 32);
        double uniform = 1 / (4 * Math.PI * Math.PI);
        for (int k = 0; k < 10; k++) {
            // v = (sin θ1, cos θ0) has zero divergence; face normal components only depend on the other coordinate
            s.step(0.1, (t, rho, faces) -> {
                for (int f = 0; f < faces[0].length; f++) {
                    faces[0][f] = Math.sin(s.facePoint(0, f)[1]);
                    faces[1][f] = Math.cos(s.facePoint(1, f)[0]);
                }
            });
        }
        for (double r : s.density()) {
            assertThat(r).isCloseTo(uniform, within(1e-12));
        }
    }

    /**
     * The particle reference carries Monte-Carlo error: |f| ≤ 1, so each mean has standard deviation ≤ 1/√N_ref; the
     * grid carries an O(h²) midpoint/MUSCL error. The maximum gap over 8 points × 11 times must stay within a
     * tolerance 4/√N_ref + h²/4 that shrinks as both grow (a strict decrease from one size to the next is not
     * guaranteed: the sampling error fluctuates).
     */
    @Test
    void gridAndParticleReferencesAgreeWithinAShrinkingTolerance() {
        Expert expert = ClosedFormQubitExpert.expert();
        Dataset data = Tasks.teacher(expert, 8, 0);
        int[][] sizes = {{24, 1024}, {48, 8192}, {96, 65536}};
        for (int[] size : sizes) {
            AnalysisConfig config = AnalysisConfig.builder().experts(2).seeds(1).referenceSize(size[1]).time(1)
                    .dt(0.1).snapshots(1).transportSnapshots().gridCells(size[0]).build();
            AnalysisResult r = new MeanFieldAnalysis(expert, data, config).run((done, total, status) -> { });
            double gap = r.grid().maxResidualGap();
            double h = 2 * Math.PI / size[0];
            double tolerance = 4 / Math.sqrt(size[1]) + h * h / 4;
            assertThat(gap).as("grid %d, particles %d", size[0], size[1]).isLessThan(tolerance);
            assertThat(r.grid().massError()).isLessThan(1e-12);
            assertThat(r.grid().minDensity()).isGreaterThanOrEqualTo(0);
        }
    }
}
