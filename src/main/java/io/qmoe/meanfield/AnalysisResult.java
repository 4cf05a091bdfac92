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
                             List<QuantityFit> fits, GridComparison grid) {

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
     */
    public record Reference(int size, double[] losses, double[][] predictions, double[][] clouds) {
    }

    /**
     * What one mixture size and seed measured.
     *
     * @param values      {@code values[q.ordinal()][snapshot]} for every {@link Quantity} q (NaN where not measured)
     * @param lossHistory the loss at every grid time
     * @param clouds      wrapped angles at each transport snapshot (null elsewhere), kept for the first seed only
     *                    (else null)
     */
    public record Sample(int experts, int seedIndex, long seed, double[][] values, double[] lossHistory,
                         double[][] clouds) {

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
            return Math.exp(intercept + slope * Math.log(n));
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
