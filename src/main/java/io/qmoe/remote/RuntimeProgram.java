package io.qmoe.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.Gate;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenQASM 3 program of one Estimator PUB and where its logical qubits ended up on the device: the circuit
 * decomposed to the device's gates, placed and routed ({@link CouplingRouter}), its inputs renamed {@code p0000…} in
 * input-vector order so that Qiskit's name-sorted parameter order is the column order of the values array.
 *
 * @param qasm          the OpenQASM 3 text
 * @param finalPhysical physical qubit of each logical qubit at the end of the program
 * @param width         number of qubits the program declares
 */
record RuntimeProgram(String qasm, int[] finalPhysical, int width) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The OpenQASM 3 program sent for a circuit on a device without connectivity limits: native gates, inputs renamed
     * {@code p0000…} in input-vector order, no pragmas. The renaming maps each input to the name of its index
     * structurally (on the angle polynomials, not on their text), so inputs that already carry names of the form
     * {@code pNNNN} cannot collide.
     */
    static String program(ParametricCircuit circuit, NativeGateDecomposer.Entangler entangler) {
        return emit(NativeGateDecomposer.decompose(circuit, entangler), false);
    }

    /** Decomposes, places and routes {@code circuit} on {@code target} and writes the program. */
    static RuntimeProgram transpile(ParametricCircuit circuit, DeviceTarget target) {
        CouplingRouter.Routed r = CouplingRouter.route(circuit, target);
        return new RuntimeProgram(emit(r.circuit(), target.twoQubit() == DeviceTarget.TwoQubitGate.ECR),
                r.finalPhysical(), r.circuit().qubitCount());
    }

    /**
     * The program text of a native circuit. With {@code ecr}, each cx(c, t) — on a pair where ecr(c, t) is native —
     * is written as x(c); ecr(c, t); rz(π/2)(c); sx(t), which is cx up to a global phase: with
     * ECR = (X_c − Y_c X_t)/√2, ECR·X_c = exp(iπ/4 Z_c X_t) and
     * CX = e^{iπ/4} RZ_c(π/2) RX_t(π/2) exp(iπ/4 Z_c X_t), and SX = e^{iπ/4} RX(π/2).
     */
    private static String emit(ParametricCircuit nat, boolean ecr) {
        List<String> names = nat.allNames();
        Map<String, String> rename = new HashMap<>();
        StringBuilder sb = new StringBuilder("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n");
        for (int i = 0; i < names.size(); i++) {
            String p = String.format(Locale.ROOT, "p%04d", i);
            rename.put(names.get(i), p);
            sb.append("input float[64] ").append(p).append(";\n");
        }
        sb.append("qubit[").append(nat.qubitCount()).append("] q;\n");
        for (Gate g : nat.gates()) {
            int[] q = g.qubits();
            if (ecr && g.kind() == GateKind.CX) {
                sb.append("x q[").append(q[0]).append("];\necr q[").append(q[0]).append("], q[").append(q[1])
                        .append("];\nrz(pi/2) q[").append(q[0]).append("];\nsx q[").append(q[1]).append("];\n");
                continue;
            }
            sb.append(g.kind().qasmName());
            if (g.angle() != null) {
                sb.append('(').append(renamed(g.angle(), rename)).append(')');
            }
            for (int i = 0; i < q.length; i++) {
                sb.append(i == 0 ? " q[" : ", q[").append(q[i]).append(']');
            }
            sb.append(";\n");
        }
        return sb.toString();
    }

    /** The polynomial with every input name replaced by its new name, built term by term. */
    private static AngleExpression renamed(AngleExpression a, Map<String, String> rename) {
        AngleExpression out = AngleExpression.constant(0);
        for (Map.Entry<List<String>, Double> t : a.terms().entrySet()) {
            AngleExpression term = AngleExpression.constant(t.getValue());
            for (String name : t.getKey()) {
                term = term.times(AngleExpression.input(rename.get(name)));
            }
            out = out.plus(term);
        }
        return out;
    }

    /**
     * The observable as the PUB's map from little-endian Pauli labels over {@code width} qubits to coefficients, the
     * Pauli of logical qubit i moved to {@code finalPhysical[i]}.
     */
    ObjectNode observable(PauliObservable o, int qubits) {
        ObjectNode obs = MAPPER.createObjectNode();
        for (PauliObservable.Term t : o.terms()) {
            String logical = t.pauli().toLabel(qubits);
            char[] label = new char[width];
            Arrays.fill(label, 'I');
            for (int i = 0; i < qubits; i++) {
                label[width - 1 - finalPhysical[i]] = logical.charAt(qubits - 1 - i);
            }
            String key = new String(label);
            obs.put(key, obs.path(key).asDouble(0) + t.coefficient());
        }
        return obs;
    }
}
