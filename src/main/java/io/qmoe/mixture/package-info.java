/**
 * The model: differentiable {@link io.qmoe.mixture.Expert}s, the {@link io.qmoe.mixture.MixtureOfExperts} f_N(x) =
 * (1/N) Σ f(θ_i, x), datasets and built-in tasks, and gradient flow dθ_i/dt = −(1/M) Σ_a r_a ∇_θ f(θ_i, x_a) on the
 * mean-field time scale, integrated by Euler, RK4 or adaptive Dormand–Prince. Pure numerics; files are written by
 * {@code io.qmoe.report} and {@code io.qmoe.cli}.
 */
package io.qmoe.mixture;
