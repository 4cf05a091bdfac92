/**
 * The hardware-agnostic backend interface ({@link io.qmoe.backend.Estimator}) and its implementations: the fast
 * double-precision state-vector engine, the Strange-backed estimator, shot-noise emulation and remote QPUs.
 *
 * <p>The state-vector engine has two kernel sets behind one interface: up to ten qubits, {@code LaneProgram} and
 * {@code LaneSimulation} run 32–64 bindings side by side (one row of lanes per amplitude) for values and adjoint
 * gradients; larger registers run one binding at a time through {@code CompiledCircuit} and {@code StateKernels}.
 * Both are bit-identical whatever the thread count.
 */
package io.qmoe.backend;
