package io.qmoe.meanfield;

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

    /** A fitted rate of one quantity at one snapshot time, beside the theoretical exponent. */
    public record QuantityFit(String quantity, double time, RateFit fit, double theory, String theoryNote) {
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
