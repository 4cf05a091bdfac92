package io.qmoe.meanfield;

import io.qmoe.stats.LineFit;
import io.qmoe.stats.SeedBootstrap;
import io.qmoe.stats.TheoryCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fitted convergence rates in N of every quantity at every snapshot time where it was measured, each beside its
 * theory curve on the sweep's own N grid: N^-1/2 for the coupling, the prediction gap and W₂ between mixture and
 * twins; the empirical-measure rate of dimension d (N^-1/2, sqrt(log N / N), N^-1/d) for the W₂ distances to the
 * reference; a constant (mean-field: angles move) or N^-1/2 (lazy: they barely move) for the displacement. Intervals
 * are percentile bootstrap intervals over whole seeds ({@link SeedBootstrap}), seeded, so the table is deterministic.
 */
final class RateTable {
    /** Below this many seeds a slope's interval is too rough to lean on; reports say so. */
    static final int FEW_SEEDS = 10;

    private RateTable() {
    }

    /** The theory of {@code q} for dimension d in the given scaling, or null where there is none. */
    static Theory theory(Quantity q, int d, boolean meanField) {
        switch (q) {
            case COUPLING:
                return new Theory(TheoryCurve.inverseSqrt(), "N^-1/2 (propagation of chaos)");
            case PREDICTION_GAP:
                return new Theory(TheoryCurve.inverseSqrt(), "N^-1/2");
            case MIXTURE_TWIN_WASSERSTEIN:
                return new Theory(TheoryCurve.inverseSqrt(), "N^-1/2 (at most D_N)");
            case WASSERSTEIN:
            case TWIN_WASSERSTEIN:
                TheoryCurve floor = TheoryCurve.samplingFloor(d);
                return new Theory(floor, floor.name() + " (sampling, d = " + d + ")");
            case KERNEL_DISTANCE:
            case TWIN_KERNEL_DISTANCE:
                return new Theory(TheoryCurve.inverseSqrt(), "N^-1/2 in every d (kernel distance)");
            case KERNEL_TO_UNIFORM:
            case KERNEL_MOTION:
                // MMD(μ_N(t), μ_N(0)) of the same N particles at two times: its V-statistic carries the diagonal
                // terms, E MMD² = MMD²(μ_t, μ_0) + (E[2 − 2k(θ_t, θ_0)] − MMD²(μ_t, μ_0))/N, so at finite N its slope
                // in N is not the limit's 0 and no one-constant curve describes it: it is reported, not fitted
                return null;
            case KERNEL_DRIFT:
                return meanField ? new Theory(TheoryCurve.constant(), "O(1): the tangent kernel moves (mean-field)")
                        : new Theory(TheoryCurve.inverseSqrt(), "N^-1/2: the tangent kernel freezes (lazy)");
            case DISPLACEMENT:
                return meanField ? new Theory(TheoryCurve.constant(), "O(1): angles move (mean-field)")
                        : new Theory(TheoryCurve.inverseSqrt(), "N^-1/2: angles barely move (lazy)");
            default:
                return null;
        }
    }

    /** A theory curve and what it says. */
    record Theory(TheoryCurve curve, String note) {
    }

    /** Every fit of the analysis; {@code bootstrap} makes the intervals. A sweep of one N has no slopes: none. */
    static List<AnalysisResult.QuantityFit> fit(AnalysisConfig config, int d, double[] times,
                                                List<AnalysisResult.Sample> samples, boolean meanField,
                                                SeedBootstrap bootstrap) {
        int[] sizes = config.experts();
        double[] n = Arrays.stream(sizes).asDoubleStream().toArray();
        List<AnalysisResult.QuantityFit> fits = new ArrayList<>();
        if (sizes.length < 2) {
            return fits;
        }
        for (Quantity q : Quantity.values()) {
            Theory theory = theory(q, d, meanField);
            if (theory == null || (q.needsReference() && !meanField)) {
                continue;
            }
            for (int t = 0; t < times.length; t++) {
                boolean startsAtZero = q == Quantity.COUPLING || q == Quantity.PREDICTION_GAP
                        || q == Quantity.MIXTURE_TWIN_WASSERSTEIN || q == Quantity.DISPLACEMENT
                        || q == Quantity.KERNEL_DRIFT;
                if (times[t] == 0 && startsAtZero) {
                    continue;
                }
                double[][] values = values(config, samples, q, t);
                if (values != null) {
                    fits.add(fitOne(q.key(), times[t], n, values, theory, bootstrap));
                }
            }
        }
        return fits;
    }

    /** {@code values[seed][i]} of q at snapshot t, or null where any sample did not measure it. */
    private static double[][] values(AnalysisConfig config, List<AnalysisResult.Sample> samples, Quantity q, int t) {
        int[] sizes = config.experts();
        double[][] values = new double[config.seeds()][sizes.length];
        for (AnalysisResult.Sample s : samples) {
            double v = s.value(q, t);
            if (Double.isNaN(v)) {
                return null;
            }
            values[s.seedIndex()][Arrays.binarySearch(sizes, s.experts())] = v;
        }
        return values;
    }

    private static AnalysisResult.QuantityFit fitOne(String name, double time, double[] n, double[][] values,
                                                     Theory theory, SeedBootstrap bootstrap) {
        SeedBootstrap.Result boot = bootstrap.run(n, values);
        double[] mean = boot.means().stream().mapToDouble(SeedBootstrap.Interval::estimate).toArray();
        LineFit line = LineFit.logLog(n, mean);
        TheoryCurve curve = theory.curve();
        return new AnalysisResult.QuantityFit(name, time, line.slope(), line.intercept(), boot.slope(),
                boot.means(), curve, curve.slope(n), curve.fittedConstant(n, mean), theory.note());
    }
}
