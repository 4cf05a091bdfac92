package io.qmoe.backend;

/**
 * Values f_i and gradients ∂f_i/∂θ_k for a batch of n bindings and d trainable angles. The gradient is stored flat and
 * row-major: {@code gradients[i*d + k]}. Arrays are owned by this record; callers must not modify them.
 */
public record ValuesAndGradients(double[] values, double[] gradients, int dimension) {

    /** Checks that the array sizes agree. */
    public ValuesAndGradients {
        if (gradients.length != (long) values.length * dimension) {
            throw new IllegalArgumentException("gradient array has " + gradients.length + " entries, expected "
                    + values.length + " x " + dimension);
        }
    }

    /** Number of bindings. */
    public int size() {
        return values.length;
    }

    /** ∂f_i/∂θ_k. */
    public double gradient(int i, int k) {
        return gradients[i * dimension + k];
    }

    /** A copy of the gradient of binding i. */
    public double[] gradient(int i) {
        double[] g = new double[dimension];
        System.arraycopy(gradients, i * dimension, g, 0, dimension);
        return g;
    }
}
