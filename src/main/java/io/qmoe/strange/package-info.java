/**
 * qmoe as a Strange 0.1.3 add-on, in both directions.
 * <ul>
 *   <li>Strange to qmoe: trainable and data-driven Strange gates ({@link io.qmoe.strange.TrainableRotation},
 *   {@link io.qmoe.strange.TrainableControlledRotation}, angles {@link io.qmoe.strange.GateAngle}) that run in any
 *   Strange environment at their bound values ({@link io.qmoe.strange.StrangeParameters}); the same program as a
 *   differentiable circuit ({@link io.qmoe.strange.FromStrange}) or expert ({@link io.qmoe.strange.StrangeExperts});
 *   and a drop-in {@link org.redfx.strange.QuantumExecutionEnvironment} on qmoe's double-precision engine
 *   ({@link io.qmoe.strange.FastExecutionEnvironment}).</li>
 *   <li>qmoe to Strange: circuits as Strange {@code Program}s, working around its RotationZ defect
 *   ({@link io.qmoe.strange.StrangePrograms}), and the Strange-backed estimator
 *   ({@link io.qmoe.strange.StrangeEstimator}).</li>
 * </ul>
 */
package io.qmoe.strange;
