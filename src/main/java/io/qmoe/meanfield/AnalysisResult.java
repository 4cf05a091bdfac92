package io.qmoe.meanfield;

import io.qmoe.stats.SeedBootstrap;
import io.qmoe.stats.TheoryCurve;
import java.util.List;

/**
 * Everything a mean-field analysis measured, ready for the report: the reference solution, one {@link Sample} per
 * (N, seed), the fitted rates, and the comparison with the grid solver when one ran.
 *
 * @param dimension      d, the number of trainable angles per expert
 * @param times          every time of the integration grid
 * @param snapshotTimes  the grid times at which distances were measured (snapshots rounded to the time grid)
 * @param transportTimes the snapshot times at which cloud distances (W₂) were measured too
 */
public record AnalysisResult(AnalysisConfig config, int dimension, double[] times, double[] snapshotTimes,
                             double[] transportTimes, Reference reference, List<Sample> samples,
                             List<QuantityFit> fits, List<Constant> constants, List<Fluctuation> fluctuations,
                             List<LinearPrediction> linearPredictions, GridComparison grid) {

    /** A result without the tangent-linear section (the canonical constructor's earlier form). */
    public AnalysisResult(AnalysisConfig config, int dimension, double[] times, double[] snapshotTimes,
                          double[] transportTimes, Reference reference, List<Sample> samples, List<QuantityFit> fits,
                          List<Constant> constants, List<Fluctuation> fluctuations, GridComparison grid) {
        this(config, dimension, times, snapshotTimes, transportTimes, reference, samples, fits, constants,
                fluctuations, List.of(), grid);
    }

    /** The index of {@code time} among the snapshot times, or −1. */
    public int snapshotIndex(double time) {
        for (int i = 0; i < snapshotTimes.length; i++) {
            if (snapshotTimes[i] == time) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The reference solution: a large particle population (absent in the lazy scaling, which has no N-independent
     * limit).
     *
     * @param losses      the loss at every grid time
     * @param predictions F_ref(x_a) at every grid time
     * @param clouds      the wrapped reference angles at each snapshot (flat), null at snapshots that are not transport
     *                    times
     * @param kernelDrift ‖K_t − K_0‖_F / ‖K_0‖_F of the reference's tangent kernel at each transport snapshot (NaN
     *                    elsewhere)
     * @param kernelSpectra the eigenvalues of K_t (descending) at each transport snapshot (null elsewhere)
     */
    public record Reference(int size, double[] losses, double[][] predictions, double[][] clouds, double[] kernelDrift,
                            double[][] kernelSpectra) implements java.io.Serializable {
    }

    /**
     * What one mixture size and seed measured.
     *
     * @param values      {@code values[q.ordinal()][snapshot]} for every {@link Quantity} q (NaN where not measured)
     * @param lossHistory the loss at every grid time
     * @param predictions f_N(x_a) at every snapshot: {@code predictions[snapshot][a]}
     * @param clouds      wrapped angles at each transport snapshot (null elsewhere), kept for the first seed only
     *                    (else null)
     * @param linearPredictions the tangent-linear prediction Zlin_a of Z_a = √N (f_N(x_a) − F(x_a)) at every
     *                    snapshot, {@code linearPredictions[snapshot][a]}; null when the section did not run
     */
    public record Sample(int experts, int seedIndex, long seed, double[][] values, double[] lossHistory,
                         double[][] predictions, double[][] clouds, double[][] linearPredictions)
            implements java.io.Serializable {

        /** A sample without linear predictions. */
        public Sample(int experts, int seedIndex, long seed, double[][] values, double[] lossHistory,
                      double[][] predictions, double[][] clouds) {
            this(experts, seedIndex, seed, values, lossHistory, predictions, clouds, null);
        }

        /** q at every snapshot. */
        public double[] series(Quantity q) {
            return values[q.ordinal()];
        }

        /** q at snapshot index {@code snapshot}. */
        public double value(Quantity q, int snapshot) {
            return values[q.ordinal()][snapshot];
        }
    }

    /**
     * A fitted rate of one quantity at one snapshot time: the log–log least-squares line of the seed-averaged curve,
     * its 95 % bootstrap interval over whole seeds, the per-N means with their intervals, and beside them the theory
     * curve fitted to the same means (its least-squares slope on this N grid is the slope it predicts here).
     *
     * @param slope          slope of log(mean) against log N
     * @param intercept      intercept of that line
     * @param slopeInterval  percentile bootstrap interval of the slope (resampling whole seeds)
     * @param means          the mean over seeds at each N, with its bootstrap interval
     * @param theory         the theoretical curve g(N)
     * @param theorySlope    the least-squares slope of log g against log N on this N grid
     * @param theoryConstant c of the theory curve c·g(N) fitted to the means
     * @param theoryNote     what the theory says, for reports
     */
    public record QuantityFit(String quantity, double time, double slope, double intercept,
                              SeedBootstrap.Interval slopeInterval, List<SeedBootstrap.Interval> means,
                              TheoryCurve theory, double theorySlope, double theoryConstant, String theoryNote) {
        /** Copies the list. */
        public QuantityFit {
            means = List.copyOf(means);
        }

        /** The fitted line at N. */
        public double at(double n) {
            return StrictMath.exp(intercept + slope * StrictMath.log(n));
        }

        /** The fitted theory curve c·g(N) at N. */
        public double theoryAt(double n) {
            return theoryConstant * theory.value(n);
        }

        /** Number of seeds behind the fit. */
        public int seeds() {
            return slopeInterval.seeds();
        }

        /** Whether the theory's slope on this grid lies inside the bootstrap interval of the measured slope. */
        public boolean agreesWithTheory() {
            return theorySlope >= slopeInterval.lo() && theorySlope <= slopeInterval.hi();
        }
    }

    /**
     * The constant of a rate resolved in time: √N·q(t) for one quantity and one N at every snapshot time t &gt; 0 (the
     * curves of all N collapse when the rate is N^-1/2), with the bootstrap band over seeds and the fit of its growth:
     * Gronwall's bound allows e^{Ct}; the fit says whether the constant grows exponentially or saturates.
     *
     * @param times  the snapshot times t &gt; 0
     * @param scaled the mean of √N·q(t) over seeds at each time, with its 95 % bootstrap interval
     * @param growth the early exponential growth rate and the plateau of the mean curve
     */
    public record Constant(String quantity, int experts, double[] times, List<SeedBootstrap.Interval> scaled,
                           io.qmoe.stats.GrowthFit growth) {
        /** Copies the list. */
        public Constant {
            scaled = List.copyOf(scaled);
        }
    }

    /**
     * The fluctuations of one mixture size at one snapshot time across seeds: Z_a = √N (f_N(x_a) − F_ref(x_a)), which
     * the central limit theorem of the mixture says converge in law to a centred Gaussian whose covariance does not
     * depend on N. The scalar ζ = (1/M) Σ_a Z_a (one per seed) carries the moments and the normality test.
     *
     * @param seeds        number of seeds (samples of Z)
     * @param mean         the mean of Z_a over seeds, per data point
     * @param covariance   the covariance matrix of Z across data points (unbiased, M×M; NaN with one seed)
     * @param traceVariance trace of the covariance divided by M: the mean variance of Z_a
     * @param moments      mean, variance, skewness and excess kurtosis of ζ
     * @param normality    Anderson–Darling test of ζ against the normal with estimated mean and variance (null with
     *                     fewer than 8 seeds, where its p-value formula does not hold)
     */
    public record Fluctuation(int experts, double time, int seeds, double[] mean, double[][] covariance,
                              double traceVariance, io.qmoe.stats.Moments moments,
                              io.qmoe.stats.NormalityTest.AndersonDarling normality) {
    }

    /**
     * How well the tangent-linear prediction Zlin follows the fluctuation Z = √N (f_N − F), path by path, for one
     * mixture size at one snapshot time t &gt; 0, across seeds. Both statistics tend to 1 as N grows where the central
     * limit theorem holds (Z − Zlin is of order N^-1/2).
     *
     * @param seeds         number of seeds (paths) behind both figures
     * @param correlation   the Pearson correlation of Z_a and Zlin_a across seeds, computed for each data point a and
     *                      then averaged over the points, with its 95 % percentile bootstrap interval over whole seeds
     * @param varianceRatio Σ_a Var Z_a / Σ_a Var Zlin_a (the ratio of the traces of the covariance matrices across
     *                      seeds), with its 95 % bootstrap interval over whole seeds
     */
    public record LinearPrediction(int experts, double time, int seeds, SeedBootstrap.Interval correlation,
                                   SeedBootstrap.Interval varianceRatio) {
    }

    /**
     * The finite-volume solution of the continuity equation (d ≤ 2) against the particle reference.
     *
     * @param maxResidualGap max over grid times and data points of |r_grid − r_ref|
     * @param massError      largest relative deviation of the total mass from 1
     * @param minDensity     smallest cell density seen (non-negative for a positivity-preserving scheme)
     * @param residualGap    max_a |r_grid,a(t) − r_ref,a(t)| at every grid time
     */
    public record GridComparison(int cells, double maxResidualGap, double massError, double minDensity,
                                 double[] residualGap, double[][] densities) {
    }
}
