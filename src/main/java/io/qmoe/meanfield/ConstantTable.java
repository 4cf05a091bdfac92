package io.qmoe.meanfield;

import io.qmoe.stats.GrowthFit;
import io.qmoe.stats.SeedBootstrap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The constants of the N^-1/2 rates resolved in time: for the coupling distance and the prediction gap, √N·q(t) per N
 * at every snapshot t &gt; 0, its bootstrap band over seeds and the fit of its growth ({@link GrowthFit}).
 */
final class ConstantTable {
    /** The quantities whose constants are followed in time. */
    static final List<Quantity> QUANTITIES = List.of(Quantity.COUPLING, Quantity.PREDICTION_GAP);

    private ConstantTable() {
    }

    /** Every (quantity, N) of a mean-field analysis; empty in the lazy scaling or with fewer than three times. */
    static List<AnalysisResult.Constant> of(AnalysisConfig config, double[] times, List<AnalysisResult.Sample> samples,
                                            boolean meanField, SeedBootstrap bootstrap) {
        List<AnalysisResult.Constant> out = new ArrayList<>();
        int[] positive = java.util.stream.IntStream.range(0, times.length).filter(t -> times[t] > 0).toArray();
        if (!meanField || positive.length < 3) {
            return out;
        }
        double[] t = Arrays.stream(positive).mapToDouble(i -> times[i]).toArray();
        for (Quantity q : QUANTITIES) {
            for (int n : config.experts()) {
                double[][] values = new double[config.seeds()][t.length];
                for (AnalysisResult.Sample s : samples) {
                    if (s.experts() == n) {
                        for (int j = 0; j < t.length; j++) {
                            values[s.seedIndex()][j] = Math.sqrt(n) * s.value(q, positive[j]);
                        }
                    }
                }
                // the bootstrap's curve statistic is irrelevant here; its per-point mean intervals are the band
                SeedBootstrap.Result band = bootstrap.run(t, values);
                double[] mean = band.means().stream().mapToDouble(SeedBootstrap.Interval::estimate).toArray();
                out.add(new AnalysisResult.Constant(q.key(), n, t, band.means(), GrowthFit.of(t, mean)));
            }
        }
        return out;
    }
}
