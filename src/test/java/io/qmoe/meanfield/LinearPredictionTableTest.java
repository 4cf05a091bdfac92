package io.qmoe.meanfield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The agreement statistics of Z with its linear prediction, against a two-pass computation and a known law. */
class LinearPredictionTableTest {

    /** The Pearson correlation by the two-pass textbook formula. */
    private static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double variance(double[] x) {
        double m = 0;
        for (double v : x) {
            m += v / x.length;
        }
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    @Test
    void theEstimatesArePerPointPearsonAveragedAndTheTraceRatio() {
        double[][] z = {{1.0, -2.0}, {2.5, 0.5}, {-0.5, 1.0}, {3.0, -1.5}, {0.0, 2.0}};
        double[][] l = {{1.2, -1.0}, {2.0, 0.0}, {-1.0, 1.5}, {2.0, -2.5}, {0.5, 1.0}};
        double[][] zt = new double[2][5];
        double[][] lt = new double[2][5];
        for (int s = 0; s < 5; s++) {
            for (int a = 0; a < 2; a++) {
                zt[a][s] = z[s][a];
                lt[a][s] = l[s][a];
            }
        }
        AnalysisResult.LinearPrediction p = LinearPredictionTable.agreement(16, 1.0, z, l, 1);
        assertThat(p.seeds()).isEqualTo(5);
        assertThat(p.correlation().estimate())
                .isCloseTo((pearson(zt[0], lt[0]) + pearson(zt[1], lt[1])) / 2, offset(1e-13));
        assertThat(p.varianceRatio().estimate())
                .isCloseTo((variance(zt[0]) + variance(zt[1])) / (variance(lt[0]) + variance(lt[1])), offset(1e-13));
        assertThat(p.correlation().lo()).isLessThanOrEqualTo(p.correlation().hi());
    }

    @Test
    void onAKnownLawTheEstimatesAndIntervalsMatchTheLargeSampleTheory() {
        // l ~ N(0, 1), z = l + e/2 with independent e ~ N(0, 1): correlation 1/sqrt(1.25), variance ratio 1.25
        SplittableRandom random = new SplittableRandom(4);
        int seeds = 800;
        int m = 3;
        double[][] z = new double[seeds][m];
        double[][] l = new double[seeds][m];
        for (int s = 0; s < seeds; s++) {
            for (int a = 0; a < m; a++) {
                l[s][a] = gaussian(random) + a;
                z[s][a] = l[s][a] + 0.5 * gaussian(random);
            }
        }
        AnalysisResult.LinearPrediction p = LinearPredictionTable.agreement(64, 2.0, z, l, 3);
        double rho = 1 / Math.sqrt(1.25);
        // large-sample standard errors over m independent points: Fisher's (1 − ρ²)/√n for each correlation, and for
        // the ratio the delta method on Σ_a (s²_z − 1.25 s²_l), whose summand −l²/4 + le + e²/4 has variance 5/4
        double seRho = (1 - rho * rho) / Math.sqrt(m * seeds);
        double seRatio = Math.sqrt(1.25 / (m * seeds));
        assertThat(Math.abs(p.correlation().estimate() - rho)).isLessThan(4 * seRho);
        assertThat(Math.abs(p.varianceRatio().estimate() - 1.25)).isLessThan(4 * seRatio);
        // the bootstrap's 95 % intervals have about the width 2 × 1.96 standard errors
        assertThat((p.correlation().hi() - p.correlation().lo()) / (2 * 1.96 * seRho)).isBetween(0.7, 1.4);
        assertThat((p.varianceRatio().hi() - p.varianceRatio().lo()) / (2 * 1.96 * seRatio)).isBetween(0.7, 1.4);
        assertThat(p.correlation().lo()).isLessThan(p.correlation().estimate());
        assertThat(p.correlation().hi()).isGreaterThan(p.correlation().estimate());
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
