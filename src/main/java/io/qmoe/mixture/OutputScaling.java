package io.qmoe.mixture;

/**
 * How the mixture's output and time scale depend on N.
 * <ul>
 *   <li>{@link #MEAN_FIELD}: f_N = (1/N) Σ f(θ_i, ·) and dθ_i/dt = −N ∇_{θ_i} L = −(1/M) Σ_a r_a ∇f(θ_i, x_a). Each
 *   particle moves O(1); the empirical measure follows the mean-field equation.</li>
 *   <li>{@link #LAZY}: f_N = (1/√N) Σ f(θ_i, ·) and dθ_i/dt = −∇_{θ_i} L = −(1/(M√N)) Σ_a r_a ∇f(θ_i, x_a). The output
 *   still moves O(1) but each angle only O(1/√N): the lazy (kernel) regime.</li>
 * </ul>
 */
public enum OutputScaling {
    /** Output 1/N, velocity factor 1. */
    MEAN_FIELD,
    /** Output 1/√N, velocity factor 1/√N. */
    LAZY;

    /** The output f_N(x) from the sum Σ_i f(θ_i, x) over n experts. */
    public double output(double sum, int n) {
        return this == MEAN_FIELD ? sum / n : sum / Math.sqrt(n);
    }

    /** The factor multiplying −(1/M) Σ_a r_a ∇f(θ_i, x_a) in the velocity. */
    public double velocityFactor(int n) {
        return this == MEAN_FIELD ? 1.0 : 1.0 / Math.sqrt(n);
    }
}
