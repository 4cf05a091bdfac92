package io.qmoe.mixture;

import io.qmoe.backend.Estimator;
import io.qmoe.backend.GridEvaluation;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.GradientMethod;
import io.qmoe.backend.ValuesAndGradients;
import java.util.Optional;

/**
 * A differentiable quantum expert f(θ, x) = ⟨0|U(θ,x)† O U(θ,x)|0⟩: a circuit, an observable, the backend that
 * evaluates it and the gradient method that differentiates it with respect to the trainable angles. Every method takes
 * batches of (θ, x) pairs so that one backend call can carry a whole training step. Immutable and thread-safe when its
 * backend is.
 *
 * <p>Like a PennyLane QNode, the expert runs on one backend and its gradients come from a method that runs on that
 * same backend: {@link #on} picks the backend's own differentiation where it has one (adjoint on the state-vector
 * engine) and parameter-shift elsewhere; the constructor refuses a gradient method bound to another backend.
 */
public final class Expert {
    private final ParametricCircuit circuit;
    private final PauliObservable observable;
    private final Estimator estimator;
    private final GradientMethod gradient;

    /**
     * Creates an expert, checking that the observable fits the circuit and that the gradient method differentiates
     * this backend's values.
     *
     * @throws IllegalArgumentException when the observable acts outside the circuit or {@code gradient} runs on
     *                                  another backend than {@code estimator}
     */
    public Expert(ParametricCircuit circuit, PauliObservable observable, Estimator estimator, GradientMethod gradient) {
        observable.requireQubits(circuit.qubitCount());
        if (gradient.backend() != estimator) {
            throw new IllegalArgumentException("the " + gradient.name() + " gradient runs on backend "
                    + gradient.backend().name() + ", not on the expert's backend " + estimator.name()
                    + ": values and gradients must come from the same backend");
        }
        this.circuit = circuit;
        this.observable = observable;
        this.estimator = estimator;
        this.gradient = gradient;
    }

    /**
     * An expert on {@code estimator} with the backend's best gradient method (its own differentiation where it has one,
     * parameter-shift otherwise).
     */
    public static Expert on(ParametricCircuit circuit, PauliObservable observable, Estimator estimator) {
        return new Expert(circuit, observable, estimator, GradientMethod.named(null, estimator));
    }

    /** The circuit. */
    public ParametricCircuit circuit() {
        return circuit;
    }

    /** The observable. */
    public PauliObservable observable() {
        return observable;
    }

    /** The backend used for values. */
    public Estimator estimator() {
        return estimator;
    }

    /** The gradient method. */
    public GradientMethod gradientMethod() {
        return gradient;
    }

    /** Number d of trainable angles. */
    public int dimension() {
        return circuit.trainableCount();
    }

    /** Number k of data features. */
    public int featureCount() {
        return circuit.dataCount();
    }

    /** f(θ, x). */
    public double value(double[] theta, double[] x) {
        return estimator.value(circuit, observable, circuit.inputVector(theta, x));
    }

    /** ∇_θ f(θ, x). */
    public double[] gradient(double[] theta, double[] x) {
        return gradient.evaluate(circuit, observable, new double[][] {circuit.inputVector(theta, x)}).gradient(0);
    }

    /** Values for n pairs given as flat arrays: {@code thetas[i*d..]} and {@code xs[i*k..]}. */
    public double[] values(double[] thetas, double[] xs) {
        return estimator.values(circuit, observable, bindings(thetas, xs));
    }

    /** Values and θ-gradients for n pairs given as flat arrays. */
    public ValuesAndGradients valuesAndGradients(double[] thetas, double[] xs) {
        return gradient.evaluate(circuit, observable, bindings(thetas, xs));
    }

    private double[][] bindings(double[] thetas, double[] xs) {
        int d = dimension();
        int k = featureCount();
        if (d == 0 ? thetas.length != 0 : thetas.length % d != 0) {
            throw new IllegalArgumentException("angle array of length " + thetas.length
                    + " is not a whole number of " + d + "-angle vectors");
        }
        int n = d == 0 ? (k == 0 ? 1 : xs.length / k) : thetas.length / d;
        if (xs.length != (long) n * k) {
            throw new IllegalArgumentException("expected " + n + " feature vectors of length " + k + " but got "
                    + xs.length + " values");
        }
        double[][] rows = new double[n][d + k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(thetas, i * d, rows[i], 0, d);
            System.arraycopy(xs, i * k, rows[i], d, k);
        }
        return rows;
    }

    /**
     * Values and gradients for every expert × data point, rows ordered {@code i*M + a}, for experts {@code from} (incl.)
     * to {@code to} (excl.) of the flat angle array: from the flat arrays when the backend offers
     * {@link GridEvaluation} (and, for gradients, it is this expert's gradient method), else as binding rows.
     */
    ValuesAndGradients evaluateGrid(double[] angles, int from, int to, Dataset data, boolean withGradients) {
        double[] xs = data.featureArray();
        int m = data.size();
        Optional<GridEvaluation> grid = withGradients ? gridGradients() : estimator.gridEvaluation();
        if (grid.isPresent()) {
            if (withGradients) {
                return grid.get().gridValuesAndGradients(circuit, observable, angles, from, to, xs, m);
            }
            double[] values = new double[(to - from) * m];
            grid.get().gridValues(circuit, observable, angles, from, to, xs, m, values, 0);
            return new ValuesAndGradients(values, new double[0], 0);
        }
        double[][] rows = gridRows(angles, from, to, xs, m);
        if (withGradients) {
            return gradient.evaluate(circuit, observable, rows);
        }
        return new ValuesAndGradients(estimator.values(circuit, observable, rows), new double[0], 0);
    }

    /**
     * f(θ_i, x_a) for experts i ∈ [from, to) and the {@code points} feature vectors of {@code xs} (flat, k each), into
     * {@code out[offset + (i − from)·points + a]}.
     */
    void gridValues(double[] angles, int from, int to, double[] xs, int points, double[] out, int offset) {
        Optional<GridEvaluation> grid = estimator.gridEvaluation();
        if (grid.isPresent()) {
            grid.get().gridValues(circuit, observable, angles, from, to, xs, points, out, offset);
            return;
        }
        double[] values = estimator.values(circuit, observable, gridRows(angles, from, to, xs, points));
        System.arraycopy(values, 0, out, offset, values.length);
    }

    /**
     * {@code out[offset + (i − from)·d + j] += Σ_a weights[a] ∂f(θ_i, x_a)/∂θ_j} for experts i ∈ [from, to) and the
     * feature vectors of {@code xs} (one per weight), the products added in ascending a for each expert.
     */
    void weightedGradients(double[] angles, int from, int to, double[] xs, double[] weights, double[] out,
                           int offset) {
        Optional<GridEvaluation> grid = gridGradients();
        if (grid.isPresent()) {
            grid.get().weightedGradients(circuit, observable, angles, from, to, xs, weights, out, offset);
            return;
        }
        int points = weights.length;
        int d = dimension();
        ValuesAndGradients vg = gradient.evaluate(circuit, observable, gridRows(angles, from, to, xs, points));
        double[] g = vg.gradients();
        for (int r = 0; r < vg.size(); r++) {
            double w = weights[r % points];
            int base = offset + (r / points) * d;
            for (int k = 0; k < d; k++) {
                out[base + k] += w * g[r * d + k];
            }
        }
    }

    /** Whether gradients can come from the backend's {@link GridEvaluation} (see {@link #weightedGradients}). */
    boolean gridGradientsAvailable() {
        return gridGradients().isPresent();
    }

    /** The backend's grid evaluation, when its gradients are the ones this expert's gradient method gives. */
    private Optional<GridEvaluation> gridGradients() {
        return gradient.backendDifferentiation() ? estimator.gridEvaluation() : Optional.empty();
    }

    /** Binding rows [θ_i, x_a] ordered (i − from)·points + a. */
    private double[][] gridRows(double[] angles, int from, int to, double[] xs, int points) {
        int d = dimension();
        int k = featureCount();
        double[][] rows = new double[(to - from) * points][];
        for (int i = from; i < to; i++) {
            for (int a = 0; a < points; a++) {
                double[] row = new double[d + k];
                System.arraycopy(angles, i * d, row, 0, d);
                System.arraycopy(xs, a * k, row, d, k);
                rows[(i - from) * points + a] = row;
            }
        }
        return rows;
    }
}
