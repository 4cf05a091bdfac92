/**
 * Derivatives of expert outputs with respect to trainable angles: the parameter-shift rule (valid on hardware, one
 * batched backend call), adjoint differentiation (the state-vector fast path) and central finite differences (checks).
 */
package io.qmoe.gradient;
