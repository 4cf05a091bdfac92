package io.qmoe.meanfield;

import java.util.List;

/**
 * Everything a mean-field analysis measured, ready for the report: the reference solution, one {@link Sample} per
 * (N, seed), the fitted rates, and the comparison with the grid solver when one ran.
 *
 * @param dimension     d, the number of trainable angles per expert
 * @param times         every time of the integration grid
 * @param snapshotTimes the grid times at which distances were measured (snapshots rounded to the time grid)
 */
public record AnalysisResult(AnalysisConfig config, int dimension, double[] times, double[] snapshotTimes,
                             Reference reference,
                             List<Sample> samples, List<QuantityFit> fits, GridComparison grid) {

    /**
     * The reference solution: a large particle population (absent in the lazy scaling, which has no N-independent
     * limit).
     *
     * @param losses  the loss at every grid time
     * @param clouds  the wrapped reference angles at each snapshot (flat)
     */
    public record Reference(int size, double[] losses, double[][] predictions, double[][] clouds) {
    }

    /**
     * Distances for one mixture size and seed, one entry per snapshot time. Quantities that need a reference are NaN
     * in the lazy scaling.
     *
     * @param coupling      D_N(t) = sqrt((1/N) Σ_i |θ_i(t) − θ̄_i(t)|²) to the nonlinear process
     * @param predictionGap G_N(t) = sqrt((1/M) Σ_a (f_N(x_a,t) − F_ref(x_a,t))²)
     * @param wasserstein   W_2(μ_N(t), reference cloud)
     * @param displacement  sqrt((1/N) Σ_i |θ_i(t) − θ_i(0)|²), how far the angles moved
     * @param loss          the loss at each snapshot
     * @param floor         W_2 between two independent uniform N-samples (the sampling floor)
     * @param lossHistory   the loss at every grid time
     * @param clouds        wrapped angles at each snapshot, kept for the first seed only (else null)
     */
    public record Sample(int experts, int seedIndex, long seed, double[] coupling, double[] predictionGap,
                         double[] wasserstein, double[] displacement, double[] loss, double floor,
                         double[] lossHistory, double[][] clouds) {
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
