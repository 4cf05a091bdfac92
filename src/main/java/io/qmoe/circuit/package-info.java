/**
 * The circuit model: immutable {@link io.qmoe.circuit.ParametricCircuit}s whose gate angles are polynomials in named
 * trainable angles and data features, Pauli-sum observables, and builders for common ansätze. Pure values, no I/O.
 */
package io.qmoe.circuit;
