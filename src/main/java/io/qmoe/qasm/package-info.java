/**
 * OpenQASM 3 (and 2.0) files for expert circuits: a reader with file:line:column errors and the two qmoe pragmas
 * ({@code data}, {@code observable}), and a writer whose output reads back to the same circuit.
 */
package io.qmoe.qasm;
