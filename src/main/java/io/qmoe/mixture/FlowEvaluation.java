package io.qmoe.mixture;

/**
 * One evaluation of the mixture on a dataset: predictions f_N(x_a), residuals r_a = f_N(x_a) − y_a, the loss
 * L = (1/(2M)) Σ_a r_a², and (when asked for) the particle velocities v_i = −(1/M) Σ_a r_a ∇_θ f(θ_i, x_a), flat N×d.
 * Arrays are owned by this record; callers must not modify them.
 */
public record FlowEvaluation(double[] predictions, double[] residuals, double loss, double[] velocity) {
}
