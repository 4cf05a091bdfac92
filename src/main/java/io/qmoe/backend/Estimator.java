package io.qmoe.backend;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.Optional;

/**
 * The hardware-agnostic backend: one parametric circuit, one observable and an array of input bindings in, one
 * expectation value per binding out. This is the shape of IBM's Estimator PUB (circuit, observable, parameter-value
 * array) and of an Amazon Braket program set, so a batch can become one remote job.
 *
 * <p>Each binding is a full input vector {@code [θ_0 … θ_{d-1}, x_0 … x_{k-1}]} (see {@link ParametricCircuit}).
 * Implementations must be deterministic for a given input (seeded where they sample) and must not keep per-call state
 * that breaks when called from several threads, unless {@link #concurrentCalls()} says so.
 *
 * <p>A backend states what it can do through capability methods instead of being recognised by its type: whether its
 * values are exact, whether it {@linkplain #differentiation() differentiates its own circuits}, how large a batch it
 * prefers, and whether concurrent calls are safe. It may own threads or connections: {@link #close()} releases them
 * (calls after close are not allowed).
 */
public interface Estimator extends AutoCloseable {

    /** A short name for messages and run files, e.g. {@code statevector} or {@code strange}. */
    String name();

    /** Whether values are exact expectation values (no sampling noise). */
    default boolean exact() {
        return true;
    }

    /**
     * The backend's own exact differentiation (the adjoint method on the state-vector engine), or empty where it has
     * none and gradients must come from parameter-shift rules or finite differences of its values.
     */
    default Optional<Differentiable> differentiation() {
        return Optional.empty();
    }

    /**
     * The backend's evaluation of a mixture's expert × data grid from flat angle and feature arrays (no binding row
     * per pair), or empty where the mixture must send rows. The state-vector engine has it.
     */
    default Optional<GridEvaluation> gridEvaluation() {
        return Optional.empty();
    }

    /**
     * The backend's computational-basis probabilities of the final state (what a measurement samples from), or empty
     * where it cannot give them (hardware). The shot-sampling emulator needs them.
     */
    default Optional<ProbabilitySource> basisProbabilities() {
        return Optional.empty();
    }

    /**
     * The largest number of bindings worth sending in one call: a remote backend wants whole training steps (one job
     * each, {@link Integer#MAX_VALUE}); a local engine gains nothing from more than 2^16 rows at a time and bounds its
     * memory that way. Callers may send fewer or more; this is advice, not a contract.
     */
    default int preferredBatchSize() {
        return 1 << 16;
    }

    /**
     * Whether several threads may call {@link #estimate} at the same time. Local engines may; a backend that keeps a
     * job journal or a session is called from one thread at a time.
     */
    default boolean concurrentCalls() {
        return true;
    }

    /** Releases the backend's threads and connections; idempotent. The default owns nothing. */
    @Override
    default void close() {
    }

    /**
     * Estimates ⟨O⟩ for every binding.
     *
     * @throws IllegalArgumentException for a binding of the wrong length, a non-finite value, or an observable acting
     *                                  outside the circuit
     */
    Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings);

    /**
     * Estimates several observables on the same bindings: element j holds the estimates of {@code observables[j]}. The
     * default makes one call per observable; a backend may share the circuit runs.
     */
    default Estimates[] estimateAll(ParametricCircuit circuit, PauliObservable[] observables, double[][] bindings) {
        Estimates[] out = new Estimates[observables.length];
        for (int j = 0; j < observables.length; j++) {
            out[j] = estimate(circuit, observables[j], bindings);
        }
        return out;
    }

    /**
     * Estimates ⟨O⟩ for every binding to a target standard error {@code precision} per value (IBM's Estimator V2
     * precision). Exact backends meet any precision and ignore it; a sampling backend chooses its number of shots from
     * it; a backend that cannot honour it refuses.
     *
     * @throws IllegalArgumentException for a precision that is not positive and finite, or a backend without it
     */
    default Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings,
                               double precision) {
        if (!(precision > 0) || !Double.isFinite(precision)) {
            throw new IllegalArgumentException("precision must be a positive number, got " + precision);
        }
        if (!exact()) {
            throw new IllegalArgumentException("backend " + name() + " does not take a per-call precision");
        }
        return estimate(circuit, observable, bindings);
    }

    /** The values only. */
    default double[] values(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        return estimate(circuit, observable, bindings).values();
    }

    /** One value. */
    default double value(ParametricCircuit circuit, PauliObservable observable, double[] binding) {
        return values(circuit, observable, new double[][] {binding})[0];
    }
}
