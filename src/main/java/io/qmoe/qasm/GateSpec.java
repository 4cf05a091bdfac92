package io.qmoe.qasm;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.GateKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The built-in gate names the reader accepts, each an exact expansion into {@link GateKind}s and global phases
 * ({@link Op}), following the OpenQASM 3 {@code stdgates.inc} definitions (and {@code qelib1.inc} for the OpenQASM 2
 * names). With {@code U(θ,φ,λ) = [[cos θ/2, −e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]]}:
 * {@code U = e^{i(φ+λ)/2}·rz(φ)·ry(θ)·rz(λ)}, {@code u = U} (Qiskit), {@code u3 = rz(φ)·ry(θ)·rz(λ)} (stdgates' u3 is
 * {@code gphase(−(φ+λ)/2)·U}), {@code u2(φ,λ) = u3(π/2,φ,λ)}, {@code u1 = phase = p}, {@code cu1 = cphase = cp},
 * {@code cu(θ,φ,λ,γ) = p(γ) on the control, then ctrl @ U}, {@code cu3 = ctrl @ U}, {@code ch}, {@code csx},
 * {@code ccx = ctrl @ ctrl @ x}, {@code c3x}, {@code cswap = ctrl @ swap}, and {@code gphase(γ)}.
 */
record GateSpec(String name, int angles, int qubits, Emitter emitter) {
    /** Expands one call into operations. */
    interface Emitter {
        void emit(List<AngleExpression> angles, int[] qubits, List<Op> out);
    }

    /** The stdgates.inc names; the writer defines every other gate it emits with a {@code gate} statement. */
    static final Set<String> STDGATES = Set.of("p", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "rx", "ry", "rz",
            "cx", "cy", "cz", "cp", "crx", "cry", "crz", "ch", "swap", "ccx", "cswap", "cu", "CX", "phase", "cphase",
            "id", "u1", "u2", "u3");

    private static final Map<String, GateSpec> TABLE = new LinkedHashMap<>();

    static {
        for (GateKind k : GateKind.values()) {
            add(k.qasmName(), k.parametric() ? 1 : 0, k.qubits(), (a, q, o) -> o.add(Op.of(k, first(a), q)));
        }
        add("cnot", 0, 2, (a, q, o) -> o.add(Op.fixed(GateKind.CX, q)));
        add("CX", 0, 2, (a, q, o) -> o.add(Op.fixed(GateKind.CX, q)));
        add("phase", 1, 1, (a, q, o) -> o.add(Op.of(GateKind.P, a.get(0), q)));
        add("u1", 1, 1, (a, q, o) -> o.add(Op.of(GateKind.P, a.get(0), q)));
        add("cu1", 1, 2, (a, q, o) -> o.add(Op.of(GateKind.CP, a.get(0), q)));
        add("cphase", 1, 2, (a, q, o) -> o.add(Op.of(GateKind.CP, a.get(0), q)));
        add("gphase", 1, 0, (a, q, o) -> o.add(Op.phase(a.get(0))));
        add("U", 3, 1, GateSpec::bigU);
        add("u", 3, 1, GateSpec::bigU);
        add("u3", 3, 1, GateSpec::u3);
        add("u2", 2, 1, (a, q, o) -> u3(List.of(AngleExpression.constant(Math.PI / 2), a.get(0), a.get(1)), q, o));
        add("ch", 0, 2, (a, q, o) -> controlledOn(List.of(Op.fixed(GateKind.H, q[1])), o, q[0]));
        add("csx", 0, 2, (a, q, o) -> controlledOn(List.of(Op.fixed(GateKind.SX, q[1])), o, q[0]));
        add("ccx", 0, 3, (a, q, o) -> controlledOn(List.of(Op.fixed(GateKind.X, q[2])), o, q[0], q[1]));
        add("c3x", 0, 4, (a, q, o) -> controlledOn(List.of(Op.fixed(GateKind.X, q[3])), o, q[0], q[1], q[2]));
        add("cswap", 0, 3, (a, q, o) -> controlledOn(List.of(Op.fixed(GateKind.SWAP, q[1], q[2])), o, q[0]));
        add("cu3", 3, 2, (a, q, o) -> controlledOn(expand(GateSpec::bigU, a, q[1]), o, q[0]));
        add("cu", 4, 2, (a, q, o) -> {
            o.add(Op.of(GateKind.P, a.get(3), q[0]));
            controlledOn(expand(GateSpec::bigU, a.subList(0, 3), q[1]), o, q[0]);
        });
    }

    private static AngleExpression first(List<AngleExpression> a) {
        return a.isEmpty() ? null : a.get(0);
    }

    /** rz(λ), then ry(θ), then rz(φ): the matrix rz(φ)·ry(θ)·rz(λ) = e^{−i(φ+λ)/2} U(θ, φ, λ). */
    private static void u3(List<AngleExpression> a, int[] q, List<Op> out) {
        out.add(Op.of(GateKind.RZ, a.get(2), q));
        out.add(Op.of(GateKind.RY, a.get(0), q));
        out.add(Op.of(GateKind.RZ, a.get(1), q));
    }

    private static void bigU(List<AngleExpression> a, int[] q, List<Op> out) {
        u3(a, q, out);
        out.add(Op.phase(a.get(1).plus(a.get(2)).times(0.5)));
    }

    private static List<Op> expand(Emitter e, List<AngleExpression> a, int... q) {
        List<Op> out = new ArrayList<>();
        e.emit(a, q, out);
        return out;
    }

    private static void controlledOn(List<Op> ops, List<Op> out, int... controls) {
        List<Op> r = ops;
        for (int i = controls.length - 1; i >= 0; i--) {
            r = GateAlgebra.controlled(r, controls[i]);
        }
        out.addAll(r);
    }

    /**
     * The exact expansion of the gates that stdgates.inc lacks into stdgates gates, which the writer emits as their
     * {@code gate} definitions: {@code rzz(θ) = cx·rz(θ)·cx}, {@code rxx = (h⊗h)·rzz·(h⊗h)}, {@code ryy} the same
     * with {@code rx(±π/2)} basis changes, {@code sxdg = e^{−iπ/4} rx(−π/2)}; null for other kinds.
     */
    static List<Op> decomposition(GateKind kind, AngleExpression angle, int[] q) {
        List<Op> out = new ArrayList<>();
        switch (kind) {
            case RZZ -> zz(angle, q, out);
            case RXX -> {
                out.add(Op.fixed(GateKind.H, q[0]));
                out.add(Op.fixed(GateKind.H, q[1]));
                zz(angle, q, out);
                out.add(Op.fixed(GateKind.H, q[0]));
                out.add(Op.fixed(GateKind.H, q[1]));
            }
            case RYY -> {
                out.add(Op.of(GateKind.RX, Math.PI / 2, q[0]));
                out.add(Op.of(GateKind.RX, Math.PI / 2, q[1]));
                zz(angle, q, out);
                out.add(Op.of(GateKind.RX, -Math.PI / 2, q[0]));
                out.add(Op.of(GateKind.RX, -Math.PI / 2, q[1]));
            }
            case SXDG -> {
                out.add(Op.of(GateKind.RX, -Math.PI / 2, q[0]));
                out.add(Op.phase(AngleExpression.constant(-Math.PI / 4)));
            }
            default -> {
                return null;
            }
        }
        return out;
    }

    private static void zz(AngleExpression angle, int[] q, List<Op> out) {
        out.add(Op.fixed(GateKind.CX, q[0], q[1]));
        out.add(Op.of(GateKind.RZ, angle, q[1]));
        out.add(Op.fixed(GateKind.CX, q[0], q[1]));
    }

    private static void add(String name, int angles, int qubits, Emitter e) {
        TABLE.put(name, new GateSpec(name, angles, qubits, e));
    }

    List<Op> emit(List<AngleExpression> angles, int[] qubits) {
        return expand(emitter, angles, qubits);
    }

    /** The built-in gate of this name (exact case first, then lower case), or null. */
    static GateSpec lookup(String name) {
        GateSpec s = TABLE.get(name);
        return s != null ? s : TABLE.get(name.toLowerCase(Locale.ROOT));
    }

    /** ", did you mean 'rx'?" for the closest known name by edit distance, or a list of known gates. */
    static String suggestion(String name) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        String n = name.length() > 40 ? name.substring(0, 40) : name;
        for (String known : TABLE.keySet()) {
            int d = distance(n.toLowerCase(Locale.ROOT), known);
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
