package io.qmoe.testing;

import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random circuits over every gate kind, with shared angles, affine coefficients, data features and products. */
public final class RandomCircuits {
    private RandomCircuits() {
    }

    /**
     * A random circuit on {@code qubits} qubits with {@code gates} gates, 3 trainable angles t0..t2 and 2 data
     * features x0, x1. Angles are drawn from forms like {@code t0}, {@code 2*t1 - t0 + pi/3}, {@code x0},
     * {@code t2*x1 + 0.3} or constants; {@code periodicOnly} restricts trainable coefficients to integers (even in
     * controlled rotations) and excludes products.
     */
    public static ParametricCircuit circuit(SplittableRandom rnd, int qubits, int gates, boolean periodicOnly) {
        ParametricCircuit.Builder b = ParametricCircuit.builder(qubits).trainable("t0", "t1", "t2").data("x0", "x1");
        List<GateKind> kinds = new ArrayList<>();
        for (GateKind k : GateKind.values()) {
            if (k.qubits() <= qubits) {
                kinds.add(k);
            }
        }
        String[] forms = periodicOnly
                ? new String[] {"t0", "t1", "t2", "2*t1 - t0 + pi/3", "x0", "t2 + x1", "0.7", "-t0"}
                : new String[] {"t0", "t1", "t2", "2*t1 - t0 + pi/3", "x0", "t2*x1 + 0.3", "0.7", "1.5*t0 - x0"};
        for (int i = 0; i < gates; i++) {
            GateKind k = kinds.get(rnd.nextInt(kinds.size()));
            int a = rnd.nextInt(qubits);
            int c = a;
            while (k.qubits() == 2 && c == a) {
                c = rnd.nextInt(qubits);
            }
            int[] qs = k.qubits() == 1 ? new int[] {a} : new int[] {a, c};
            if (k.parametric()) {
                String form = forms[rnd.nextInt(forms.length)];
                if (periodicOnly && (k == GateKind.CRX || k == GateKind.CRY || k == GateKind.CRZ)) {
                    form = "2*(" + form + ")";
                }
                b.gate(k, form, qs);
            } else {
                b.gate(k, qs);
            }
        }
        return b.build();
    }

    /**
     * Gate kind {@code k} (angle {@code t} when parametric) on random distinct qubits of a 3-qubit state entangled
     * first: ry({@code ry[q]}) and a random rz on every qubit q, then cx(0,1) cx(1,2). The builder must declare
     * {@code t} and the inputs the ry angles use.
     */
    public static ParametricCircuit gateOnEntangledState(SplittableRandom rnd, GateKind k, ParametricCircuit.Builder b,
                                                         String[] ry) {
        int n = 3;
        for (int q = 0; q < n; q++) {
            b.ry(q, ry[q]).rz(q, String.valueOf(rnd.nextDouble() * 3));
        }
        b.cx(0, 1).cx(1, 2);
        int a = rnd.nextInt(n);
        int c = (a + 1 + rnd.nextInt(n - 1)) % n;
        int[] qs = k.qubits() == 1 ? new int[] {a} : new int[] {a, c};
        if (k.parametric()) {
            b.gate(k, "t", qs);
        } else {
            b.gate(k, qs);
        }
        return b.build();
    }

    /** A random observable with X, Y, Z terms and products on up to {@code qubits} qubits. */
    public static PauliObservable observable(SplittableRandom rnd, int qubits) {
        StringBuilder sb = new StringBuilder();
        int terms = 1 + rnd.nextInt(3);
        String paulis = "XYZ";
        for (int t = 0; t < terms; t++) {
            double c = Math.round((rnd.nextDouble() * 2 - 1) * 100) / 100.0;
            sb.append(t == 0 ? "" : " + ").append(c == 0 ? 0.5 : c).append('*');
            int q1 = rnd.nextInt(qubits);
            sb.append(paulis.charAt(rnd.nextInt(3))).append(q1);
            if (qubits > 1 && rnd.nextBoolean()) {
                int q2 = (q1 + 1 + rnd.nextInt(qubits - 1)) % qubits;
                sb.append(paulis.charAt(rnd.nextInt(3))).append(q2);
            }
        }
        return PauliObservable.parse(sb.toString().replace("+ -", "- "));
    }

    /** A random input vector for the circuit. */
    public static double[] inputs(SplittableRandom rnd, ParametricCircuit c) {
        double[] v = new double[c.inputCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (rnd.nextDouble() * 2 - 1) * Math.PI;
        }
        return v;
    }
}
