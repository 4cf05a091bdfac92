package io.qmoe.mixture;

/**
 * The right-hand side dθ/dt = v(t, θ) of a particle system, over a flat angle array. Implementations: the mixture's
 * own gradient flow, and in the mean-field analysis the nonlinear process driven by reference residuals.
 */
@FunctionalInterface
public interface VelocityField {
    /** The velocity of every coordinate at time t and state {@code angles} (not modified). */
    double[] velocity(double t, double[] angles);
}
