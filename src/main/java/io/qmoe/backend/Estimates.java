package io.qmoe.backend;

/**
 * The answer to one {@link Estimator} batch: an expectation value per binding and its standard error (all zeros for
 * exact backends). Arrays are owned by this record; callers must not modify them.
 */
public record Estimates(double[] values, double[] standardErrors) {

    /** Exact values with zero standard errors. */
    public static Estimates exact(double[] values) {
        return new Estimates(values, new double[values.length]);
    }

    /** Number of bindings answered. */
    public int size() {
        return values.length;
    }
}
