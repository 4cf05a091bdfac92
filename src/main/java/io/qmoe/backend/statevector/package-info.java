/**
 * The fast exact backend: a double-precision state-vector engine ({@link io.qmoe.backend.statevector.StateVectorEstimator})
 * with adjoint differentiation. Two kernel sets behind one interface, both reading one gate table per gate kind
 * ({@code GateTable}): up to ten qubits, {@code LaneProgram} and {@code LaneSimulation} run 32–64 bindings side by side
 * (one row of lanes per amplitude) for values and adjoint gradients; larger registers run one binding at a time
 * through {@code CompiledCircuit} and {@code StateKernels} (fused one-qubit runs, one register split over the workers).
 * Compiled programs are cached per circuit; the expert × data grid is read straight from flat arrays. Bit-identical
 * whatever the thread count.
 */
package io.qmoe.backend.statevector;
