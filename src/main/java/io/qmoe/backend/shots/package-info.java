/** Finite-shot emulation: sampling measurement outcomes of grouped Pauli terms from an exact backend. */
package io.qmoe.backend.shots;
