package io.qmoe.qasm;

import io.qmoe.circuit.Gate;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;

/**
 * Writes a circuit as OpenQASM 3 with {@code input float[64]} declarations for every input (trainable angles first,
 * then data features), the two qmoe pragmas, and one gate per line; {@link QasmReader} reads it back to an equal
 * circuit (angles are printed exactly, multiples of π as {@code k*pi/m}).
 */
public final class QasmWriter {
    private QasmWriter() {
    }

    /** The OpenQASM 3 text of a circuit and its observable. */
    public static String write(ParametricCircuit c, PauliObservable observable, String comment) {
        StringBuilder sb = new StringBuilder();
        if (comment != null && !comment.isBlank()) {
            comment.lines().forEach(l -> sb.append("// ").append(l).append('\n'));
        }
        sb.append("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n");
        sb.append("qubit[").append(c.qubitCount()).append("] q;\n");
        for (String n : c.allNames()) {
            sb.append("input float[64] ").append(n).append(";\n");
        }
        if (c.dataCount() > 0) {
            sb.append("#pragma qmoe data ").append(String.join(" ", c.dataNames())).append('\n');
        }
        if (observable != null) {
            sb.append("#pragma qmoe observable ").append(observable).append('\n');
        }
        for (Gate g : c.gates()) {
            sb.append(g).append(";\n");
        }
        return sb.toString();
    }
}
