package io.qmoe.backend;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;

/**
 * A backend capability: evaluating a mixture's expert × data grid straight from the flat angle array
 * {@code angles[i·d + j]} and the flat feature array {@code features[a·k + j]}, with no binding row per (expert, point).
 * Row (i, a) of the grid is the binding [θ_i, x_a]; the numbers are bit-identical to sending those rows to
 * {@link Estimator#estimate} and to the backend's own {@link Differentiable#valuesAndGradients}, whatever the thread
 * count. Obtained from {@link Estimator#gridEvaluation()}; backends without it keep the row path.
 */
public interface GridEvaluation {

    /**
     * f(θ_i, x_a) for experts i ∈ [from, to) and all points a.
     *
     * @param circuit    the circuit. Not modified.
     * @param observable the observable. Not modified.
     * @param angles     flat angles, d per expert. Not modified.
     * @param from       first expert (inclusive)
     * @param to         last expert (exclusive)
     * @param features   flat features, k per point. Not modified.
     * @param points     number M of data points
     * @param out        receives f(θ_i, x_a) at {@code offset + (i − from)·M + a}. Modified.
     * @param offset     first index written in {@code out}
     */
    void gridValues(ParametricCircuit circuit, PauliObservable observable, double[] angles, int from, int to,
                    double[] features, int points, double[] out, int offset);

    /**
     * Values and θ-gradients of the grid rows, ordered (i − from)·M + a (as {@link Differentiable#valuesAndGradients}
     * of those rows would give).
     */
    ValuesAndGradients gridValuesAndGradients(ParametricCircuit circuit, PauliObservable observable, double[] angles,
                                              int from, int to, double[] features, int points);

    /**
     * Gradients weighted over the data: {@code out[offset + (i − from)·d + j] += Σ_a weights[a] ∂f(θ_i, x_a)/∂θ_j},
     * the products added in ascending a for each expert, so no N·M·d array is ever held (the velocity of a mixture,
     * v_i = −(1/M) Σ_a r_a ∇f(θ_i, x_a), is this with weights −r_a/M). A backend may instead contract the weights
     * first (the state-vector engine does for one-qubit trainable · data · trainable circuits): the same sum to
     * rounding; either way each expert's result depends only on its angles, the points and the weights, never on the
     * thread count or on how the experts are split between calls.
     *
     * @param weights one weight per data point (length M). Not modified.
     * @param out     accumulates the weighted gradients. Modified.
     */
    void weightedGradients(ParametricCircuit circuit, PauliObservable observable, double[] angles, int from, int to,
                           double[] features, double[] weights, double[] out, int offset);
}
