package io.qmoe.qasm;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.GateKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The gate names the reader accepts: each maps to one {@link GateKind} or to a short exact decomposition. */
record GateSpec(String name, int angles, int qubits, Emitter emitter) {
    /** Receives the gates a call expands into. */
    interface Sink {
        void gate(GateKind kind, AngleExpression angle, int[] qubits);
    }

    interface Emitter {
        void emit(List<AngleExpression> angles, int[] qubits, Sink sink);
    }

    private static final Map<String, GateSpec> TABLE = new LinkedHashMap<>();

    static {
        for (GateKind k : GateKind.values()) {
            add(k.qasmName(), k.parametric() ? 1 : 0, k.qubits(),
                    (a, q, s) -> s.gate(k, k.parametric() ? a.get(0) : null, q));
        }
        add("cnot", 0, 2, (a, q, s) -> s.gate(GateKind.CX, null, q));
        add("phase", 1, 1, (a, q, s) -> s.gate(GateKind.P, a.get(0), q));
        add("u1", 1, 1, (a, q, s) -> s.gate(GateKind.P, a.get(0), q));
        add("cu1", 1, 2, (a, q, s) -> s.gate(GateKind.CP, a.get(0), q));
        add("cphase", 1, 2, (a, q, s) -> s.gate(GateKind.CP, a.get(0), q));
        Emitter u3 = (a, q, s) -> {
            // U(θ, φ, λ) = RZ(φ) RY(θ) RZ(λ) up to a global phase: apply rz(λ), then ry(θ), then rz(φ)
            s.gate(GateKind.RZ, a.get(2), q);
            s.gate(GateKind.RY, a.get(0), q);
            s.gate(GateKind.RZ, a.get(1), q);
        };
        add("u", 3, 1, u3);
        add("u3", 3, 1, u3);
        add("U", 3, 1, u3);
        add("u2", 2, 1, (a, q, s) -> u3.emit(List.of(AngleExpression.constant(Math.PI / 2), a.get(0), a.get(1)), q,
                s));
    }

    private static void add(String name, int angles, int qubits, Emitter e) {
        TABLE.put(name, new GateSpec(name, angles, qubits, e));
    }

    void emit(List<AngleExpression> angles, int[] qubits, Sink sink) {
        emitter.emit(angles, qubits, sink);
    }

    static GateSpec lookup(String name) {
        return TABLE.get(name);
    }

    /** ", did you mean 'rx'?" for the closest known name by edit distance, or a list of known gates. */
    static String suggestion(String name) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String known : TABLE.keySet()) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), known);
            if (d < bestD) {
                bestD = d;
                best = known;
            }
        }
        return bestD <= 2 ? ": did you mean '" + best + "'?" : ": known gates are " + String.join(", ",
                TABLE.keySet());
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
