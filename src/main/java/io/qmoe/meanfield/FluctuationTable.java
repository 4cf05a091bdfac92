package io.qmoe.meanfield;

import io.qmoe.stats.Moments;
import io.qmoe.stats.NormalityTest;
import java.util.ArrayList;
import java.util.List;

/**
 * The fluctuations of the mixture's output around the mean-field limit, per N and snapshot time, across seeds:
 * Z_a = √N (f_N(x_a, t) − F_ref(x_a, t)). Their mean, covariance across data points and, for ζ = (1/M) Σ_a Z_a, the
 * moments and an Anderson–Darling normality test ({@link AnalysisResult.Fluctuation}).
 */
final class FluctuationTable {
    /** The fewest samples for which the Anderson–Darling p-value formula is used. */
    static final int MIN_FOR_NORMALITY = 8;

    private FluctuationTable() {
    }

    /** Every (N, snapshot t > 0) of a mean-field analysis; empty in the lazy scaling. */
    static List<AnalysisResult.Fluctuation> of(AnalysisConfig config, double[] times, AnalysisResult.Reference ref,
                                               int[] snapshotSteps, List<AnalysisResult.Sample> samples) {
        List<AnalysisResult.Fluctuation> out = new ArrayList<>();
        if (ref == null) {
            return out;
        }
        for (int n : config.experts()) {
            List<AnalysisResult.Sample> ofN = samples.stream().filter(s -> s.experts() == n).toList();
            for (int t = 0; t < times.length; t++) {
                if (times[t] == 0) {
                    continue;
                }
                double[][] z = fluctuations(n, ofN, t, ref.predictions()[snapshotSteps[t]]);
                int m = z[0].length;
                double[] zeta = new double[z.length];
                for (int s = 0; s < z.length; s++) {
                    for (int a = 0; a < m; a++) {
                        zeta[s] += z[s][a] / m;
                    }
                }
                out.add(fluctuation(n, times[t], z, zeta));
            }
        }
        return out;
    }

    /**
     * Z_a = √N (f_N(x_a) − F(x_a)) of every sample of {@code ofN} (all of n experts) at snapshot {@code t}, against the
     * limit predictions {@code limit}: {@code z[sample][a]}.
     */
    static double[][] fluctuations(int n, List<AnalysisResult.Sample> ofN, int t, double[] limit) {
        double[][] z = new double[ofN.size()][limit.length];
        for (int s = 0; s < z.length; s++) {
            double[] f = ofN.get(s).predictions()[t];
            for (int a = 0; a < limit.length; a++) {
                z[s][a] = Math.sqrt(n) * (f[a] - limit[a]);
            }
        }
        return z;
    }

    static AnalysisResult.Fluctuation fluctuation(int n, double time, double[][] z, double[] zeta) {
        int k = z.length;
        int m = z[0].length;
        double[] mean = new double[m];
        for (double[] row : z) {
            for (int a = 0; a < m; a++) {
                mean[a] += row[a] / k;
            }
        }
        double[][] cov = new double[m][m];
        double trace = 0;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double c = 0;
                for (double[] row : z) {
                    c += (row[a] - mean[a]) * (row[b] - mean[b]);
                }
                cov[a][b] = k > 1 ? c / (k - 1) : Double.NaN;
            }
            trace += cov[a][a] / m;
        }
        Moments moments = Moments.of(zeta);
        NormalityTest.AndersonDarling ad = k >= MIN_FOR_NORMALITY ? NormalityTest.andersonDarling(zeta) : null;
        return new AnalysisResult.Fluctuation(n, time, k, mean, cov, trace, moments, ad);
    }
}
