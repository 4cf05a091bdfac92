package io.qmoe.qasm;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;

/**
 * A circuit read from a file: the circuit, its default observable ({@code #pragma qmoe observable}, else Z0), the
 * source name for messages, and a one-line description taken from the file's first comment (empty if none).
 */
public record LoadedCircuit(ParametricCircuit circuit, PauliObservable observable, String source, String description) {
}
