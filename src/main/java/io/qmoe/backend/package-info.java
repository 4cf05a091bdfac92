/**
 * The hardware-agnostic backend interface ({@link io.qmoe.backend.Estimator}) and its implementations: the fast
 * double-precision state-vector engine, the Strange-backed estimator, shot-noise emulation and remote QPUs.
 */
package io.qmoe.backend;
