/**
 * The hardware-agnostic backend interface ({@link io.qmoe.backend.Estimator}) and what backends declare about
 * themselves instead of being recognised by type: their own differentiation ({@link io.qmoe.backend.Differentiable}),
 * basis probabilities ({@link io.qmoe.backend.ProbabilitySource}), the expert × data grid path
 * ({@link io.qmoe.backend.GridEvaluation}), batch size and concurrency. The implementations live in sub-packages: the
 * double-precision engine in {@code statevector}, shot-noise emulation in {@code shots}; the Strange-backed estimator
 * is in {@code io.qmoe.strange} and the IBM Quantum client in {@code io.qmoe.remote}. {@link io.qmoe.backend.ParallelBatch}
 * is the one thread-pool helper they share.
 */
package io.qmoe.backend;
