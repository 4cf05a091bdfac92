package io.qmoe.qasm;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.Gate;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a circuit as OpenQASM 3 that other tools read: {@code include "stdgates.inc"}, a {@code gate} definition
 * for every gate used that stdgates.inc lacks ({@code rxx}, {@code ryy}, {@code rzz}, {@code sxdg}: their exact
 * expansion, {@link GateSpec#decomposition}), {@code input float[64]} declarations for every input (trainable
 * angles first, then data features), the two qmoe pragmas, and one gate per line. {@link QasmReader} reads it back to
 * an equal circuit, bit for bit: every constant is written as {@code k*pi/m} only when that text parses back to the
 * identical double, else as the shortest decimal that does.
 */
public final class QasmWriter {
    private static final String[] ARGS = {"a", "b"};

    private QasmWriter() {
    }

    /** The OpenQASM 3 text of a circuit and its observable. */
    public static String write(ParametricCircuit c, PauliObservable observable, String comment) {
        StringBuilder sb = new StringBuilder();
        if (comment != null && !comment.isBlank()) {
            comment.lines().forEach(l -> sb.append("// ").append(l).append('\n'));
        }
        sb.append("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n");
        Set<GateKind> defined = EnumSet.noneOf(GateKind.class);
        for (Gate g : c.gates()) {
            if (!GateSpec.STDGATES.contains(g.kind().qasmName()) && defined.add(g.kind())) {
                definition(g.kind(), sb);
            }
        }
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

    /** {@code gate rzz(theta) a, b { cx a, b; rz(theta) b; cx a, b; }} and the like. */
    private static void definition(GateKind kind, StringBuilder sb) {
        int[] q = new int[kind.qubits()];
        for (int i = 0; i < q.length; i++) {
            q[i] = i;
        }
        List<Op> body = GateSpec.decomposition(kind, AngleExpression.input("theta"), q);
        if (body == null) {
            throw new IllegalStateException("no definition for " + kind); // every non-stdgates kind has one
        }
        sb.append("gate ").append(kind.qasmName()).append(kind.parametric() ? "(theta) " : " ")
                .append(String.join(", ", java.util.Arrays.copyOf(ARGS, q.length))).append(" {");
        for (Op o : body) {
            sb.append(' ').append(o.isPhase() ? "gphase" : o.kind().qasmName());
            if (o.angle() != null) {
                sb.append('(').append(o.angle()).append(')');
            }
            for (int i = 0; i < o.qubits().length; i++) {
                sb.append(i == 0 ? " " : ", ").append(ARGS[o.qubits()[i]]);
            }
            sb.append(';');
        }
        sb.append(" }\n");
    }
}
