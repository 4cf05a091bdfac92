package io.qmoe.circuit;

import java.util.Arrays;

/**
 * One term {@code coefficient · v_{i1} · v_{i2} · …} of an {@link AngleExpression}, over input indices of a circuit's
 * input vector. An empty factor list is the constant term. Immutable.
 */
public final class Monomial {
    private final double coefficient;
    private final int[] factors;

    Monomial(double coefficient, int[] sortedFactors) {
        this.coefficient = coefficient;
        this.factors = sortedFactors;
    }

    /** The real coefficient. */
    public double coefficient() {
        return coefficient;
    }

    /** Number of input factors (0 for the constant term). */
    public int degree() {
        return factors.length;
    }

    /** The i-th factor's input index (sorted ascending, repeats allowed). */
    public int factor(int i) {
        return factors[i];
    }

    int[] factorsUnsafe() {
        return factors;
    }

    /** The value of this term at the given input vector. */
    public double evaluate(double[] inputs) {
        double v = coefficient;
        for (int f : factors) {
            v *= inputs[f];
        }
        return v;
    }

    /** ∂/∂v_index of this term at the given input vector. */
    public double derivative(double[] inputs, int index) {
        double total = 0;
        for (int i = 0; i < factors.length; i++) {
            if (factors[i] != index) {
                continue;
            }
            double v = coefficient;
            for (int j = 0; j < factors.length; j++) {
                if (j != i) {
                    v *= inputs[factors[j]];
                }
            }
            total += v;
        }
        return total;
    }

    /** Whether the term contains the given input. */
    public boolean contains(int index) {
        for (int f : factors) {
            if (f == index) {
                return true;
            }
        }
        return false;
    }

    boolean sameFactors(Monomial other) {
        return Arrays.equals(factors, other.factors);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Monomial m && Double.compare(m.coefficient, coefficient) == 0
                && Arrays.equals(m.factors, factors);
    }

    @Override
    public int hashCode() {
        return 31 * Double.hashCode(coefficient) + Arrays.hashCode(factors);
    }
}
