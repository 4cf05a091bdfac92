package io.qmoe.meanfield;

import io.qmoe.stats.SeedBootstrap;
import java.util.ArrayList;
import java.util.List;

/**
 * The agreement of the fluctuations Z_a = √N (f_N(x_a) − F(x_a)) with their tangent-linear prediction Zlin_a, per N
 * and snapshot time t &gt; 0, across seeds ({@link AnalysisResult.LinearPrediction}).
 *
 * <p>Each seed contributes, for every data point a, the five numbers z, l, z², l², z·l (z = Z_a, l = Zlin_a). Both
 * statistics are functions of the means of these over seeds: the correlation of point a is
 * (E[zl] − E[z]E[l]) / √((E[z²] − E[z]²)(E[l²] − E[l]²)), averaged over the points, and the variance ratio is
 * Σ_a (E[z²] − E[z]²) / Σ_a (E[l²] − E[l]²) (the 1/k and 1/(k−1) normalisations cancel in both). So
 * {@link SeedBootstrap}, which resamples whole seeds and recomputes a statistic of the column means, gives their
 * intervals directly.
 */
final class LinearPredictionTable {
    private LinearPredictionTable() {
    }

    /** Every (N, snapshot t > 0) whose samples carry linear predictions; empty when none do. */
    static List<AnalysisResult.LinearPrediction> of(AnalysisConfig config, double[] times,
                                                    AnalysisResult.Reference ref, int[] snapshotSteps,
                                                    List<AnalysisResult.Sample> samples, long seed) {
        List<AnalysisResult.LinearPrediction> out = new ArrayList<>();
        if (ref == null || samples.stream().anyMatch(s -> s.linearPredictions() == null)) {
            return out;
        }
        for (int n : config.experts()) {
            List<AnalysisResult.Sample> ofN = samples.stream().filter(s -> s.experts() == n).toList();
            for (int t = 0; t < times.length; t++) {
                if (times[t] == 0) {
                    continue;
                }
                double[][] z = FluctuationTable.fluctuations(n, ofN, t, ref.predictions()[snapshotSteps[t]]);
                double[][] lin = new double[ofN.size()][];
                for (int s = 0; s < lin.length; s++) {
                    lin[s] = ofN.get(s).linearPredictions()[t];
                }
                out.add(agreement(n, times[t], z, lin, seed));
            }
        }
        return out;
    }

    /**
     * The agreement of {@code z[seed][a]} with {@code lin[seed][a]} (neither is modified), the intervals from a
     * bootstrap seeded with {@code seed}.
     */
    static AnalysisResult.LinearPrediction agreement(int n, double time, double[][] z, double[][] lin, long seed) {
        int m = z[0].length;
        double[][] rows = new double[z.length][5 * m];
        for (int s = 0; s < z.length; s++) {
            for (int a = 0; a < m; a++) {
                double zz = z[s][a];
                double ll = lin[s][a];
                rows[s][5 * a] = zz;
                rows[s][5 * a + 1] = ll;
                rows[s][5 * a + 2] = zz * zz;
                rows[s][5 * a + 3] = ll * ll;
                rows[s][5 * a + 4] = zz * ll;
            }
        }
        double[] columns = new double[5 * m];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = c;
        }
        SeedBootstrap.Interval correlation = SeedBootstrap.builder().seed(seed)
                .statistic(LinearPredictionTable::meanCorrelation).build().run(columns, rows).slope();
        SeedBootstrap.Interval ratio = SeedBootstrap.builder().seed(seed)
                .statistic(LinearPredictionTable::varianceRatio).build().run(columns, rows).slope();
        return new AnalysisResult.LinearPrediction(n, time, z.length, correlation, ratio);
    }

    /**
     * The per-point correlations of z and l from the column means, each clamped to [−1, 1], averaged over the points
     * (NaN if one is undefined).
     */
    static double meanCorrelation(double[] columns, double[] mean) {
        int m = mean.length / 5;
        double sum = 0;
        for (int a = 0; a < m; a++) {
            double ez = mean[5 * a];
            double el = mean[5 * a + 1];
            double vz = mean[5 * a + 2] - ez * ez;
            double vl = mean[5 * a + 3] - el * el;
            double c = mean[5 * a + 4] - ez * el;
            // clamped: a resample of few distinct seeds can put a perfect correlation a rounding above 1
            sum += vz > 0 && vl > 0 ? Math.max(-1, Math.min(1, c / Math.sqrt(vz * vl))) : Double.NaN;
        }
        return sum / m;
    }

    /** Σ_a Var z_a / Σ_a Var l_a from the column means. */
    static double varianceRatio(double[] columns, double[] mean) {
        int m = mean.length / 5;
        double vz = 0;
        double vl = 0;
        for (int a = 0; a < m; a++) {
            vz += mean[5 * a + 2] - mean[5 * a] * mean[5 * a];
            vl += mean[5 * a + 3] - mean[5 * a + 1] * mean[5 * a + 1];
        }
        return vl > 0 ? vz / vl : Double.NaN;
    }
}
