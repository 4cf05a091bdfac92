package io.qmoe.meanfield;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fitted convergence rates in N of every quantity at every snapshot time where it was measured, each set beside
 * its theory: −1/2 for the coupling, the prediction gap and W₂ between mixture and twins; for the W₂ distances to the
 * reference the empirical-measure rate of dimension d; for the displacement 0 (mean-field: angles move) or −1/2
 * (lazy: they barely move).
 */
final class RateTable {
    private RateTable() {
    }

    /** The theory of {@code q} for dimension d in the given scaling. */
    static Theory theory(Quantity q, int d, boolean meanField) {
        switch (q) {
            case COUPLING:
                return new Theory(-0.5, "N^-1/2 (propagation of chaos)");
            case PREDICTION_GAP:
                return new Theory(-0.5, "N^-1/2");
            case MIXTURE_TWIN_WASSERSTEIN:
                return new Theory(-0.5, "N^-1/2 (at most D_N)");
            case WASSERSTEIN:
            case TWIN_WASSERSTEIN:
                return new Theory(d <= 2 ? -0.5 : -1.0 / d,
                        d == 1 ? "N^-1/2 (d = 1)" : d == 2 ? "sqrt(log N / N) (d = 2)" : "N^-1/d (d = " + d + ")");
            case DISPLACEMENT:
                return meanField ? new Theory(0, "O(1): angles move (mean-field)")
                        : new Theory(-0.5, "N^-1/2: angles barely move (lazy)");
            default:
                return null;
        }
    }

    /** A theoretical exponent and what it says. */
    record Theory(double slope, String note) {
    }

    /** Every fit of the analysis. */
    static List<AnalysisResult.QuantityFit> fit(AnalysisConfig config, int d, double[] times,
                                                List<AnalysisResult.Sample> samples, boolean meanField) {
        int[] sizes = config.experts();
        double[] n = Arrays.stream(sizes).asDoubleStream().toArray();
        List<AnalysisResult.QuantityFit> fits = new ArrayList<>();
        for (Quantity q : Quantity.values()) {
            Theory theory = theory(q, d, meanField);
            if (theory == null || (q.needsReference() && !meanField)) {
                continue;
            }
            for (int t = 0; t < times.length; t++) {
                boolean atStart = times[t] == 0;
                if (atStart && q != Quantity.WASSERSTEIN && q != Quantity.TWIN_WASSERSTEIN) {
                    continue;
                }
                double[][] values = new double[config.seeds()][sizes.length];
                boolean measured = true;
                for (AnalysisResult.Sample s : samples) {
                    double v = s.value(q, t);
                    measured &= !Double.isNaN(v);
                    values[s.seedIndex()][Arrays.binarySearch(sizes, s.experts())] = v;
                }
                if (measured) {
                    fits.add(new AnalysisResult.QuantityFit(q.key(), times[t], RateFit.acrossSeeds(n, values),
                            theory.slope(), theory.note()));
                }
            }
        }
        return fits;
    }
}
