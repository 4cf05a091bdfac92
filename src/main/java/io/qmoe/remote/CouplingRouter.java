package io.qmoe.remote;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.Gate;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Places a native-gate circuit on a device's coupling map and routes it with SWAPs. Layout: the first {@code n}
 * qubits met by a breadth-first search of the coupling graph (a connected set), starting from the lowest-numbered
 * qubit whose component is large enough. Routing: before each two-qubit gate whose qubits are not coupled, the
 * first qubit's state is moved along a shortest path with SWAPs (each three entanglers) until it is next to the
 * second; idle device qubits, still in |0⟩, may be passed through. Every two-qubit gate is then put in a native
 * direction: cz is symmetric, and cx on a pair that is native only the other way is (h⊗h)·cx·(h⊗h) reversed.
 *
 * <p>Guarantee: the routed circuit U' on the physical qubits satisfies U'|0…0⟩ = P·(U|0…0⟩ ⊗ |0…0⟩) up to a global
 * phase, where P is the permutation that puts logical qubit i on physical qubit {@link Routed#finalPhysical()}[i];
 * so ⟨O⟩ for U equals ⟨O'⟩ for U' with every Pauli of O moved from qubit i to {@code finalPhysical[i]}. Only qubits
 * below {@value #MAX_QUBITS} are used (the width of qmoe's circuits). Circuits that do not fit are refused with one
 * line before anything is sent.
 */
final class CouplingRouter {
    /** The highest physical qubit index + 1 a routed circuit may use. */
    static final int MAX_QUBITS = 30;

    /**
     * A routed circuit and its final layout.
     *
     * @param circuit       the circuit on physical qubits 0…width−1 (rz, sx, x and the device's cx or cz)
     * @param finalPhysical where each logical qubit is at the end
     */
    record Routed(ParametricCircuit circuit, int[] finalPhysical) {
    }

    private record Op(GateKind kind, AngleExpression angle, int[] qubits) {
    }

    private final DeviceTarget target;
    private final boolean czDevice;
    private final List<Op> ops = new ArrayList<>();
    private final int[] phys;
    private final int[] logicalAt;
    private final int usable;

    private CouplingRouter(DeviceTarget target, int[] layout) {
        this.target = target;
        this.czDevice = target.twoQubit() == DeviceTarget.TwoQubitGate.CZ;
        this.usable = Math.min(target.qubits(), MAX_QUBITS);
        this.phys = layout.clone();
        this.logicalAt = new int[usable];
        Arrays.fill(logicalAt, -1);
        for (int i = 0; i < layout.length; i++) {
            logicalAt[layout[i]] = i;
        }
    }

    /** The entangler a circuit must be decomposed to before routing on {@code target}. */
    static NativeGateDecomposer.Entangler entangler(DeviceTarget target) {
        return target.twoQubit() == DeviceTarget.TwoQubitGate.CZ ? NativeGateDecomposer.Entangler.CZ
                : NativeGateDecomposer.Entangler.CX;
    }

    /** Decomposes {@code c} to native gates and routes it on {@code target}; refuses what cannot be mapped. */
    static Routed route(ParametricCircuit c, DeviceTarget target) {
        NativeGateDecomposer.Entangler e = entangler(target);
        ParametricCircuit nat = NativeGateDecomposer.decompose(c, e);
        int n = c.qubitCount();
        if (n > target.qubits()) {
            throw new RemoteJobException("the circuit has " + n + " qubits but " + target.name() + " has "
                    + target.qubits());
        }
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        if (target.directed() == null) {
            return new Routed(nat, identity);
        }
        CouplingRouter r = new CouplingRouter(target, layout(target, n));
        for (Gate g : nat.gates()) {
            int[] q = g.qubits();
            if (q.length == 1) {
                r.ops.add(new Op(g.kind(), g.angle(), new int[] {r.phys[q[0]]}));
            } else {
                r.bringTogether(q[0], q[1]);
                r.entangle(g.kind(), r.phys[q[0]], r.phys[q[1]]);
            }
        }
        int width = 1;
        for (Op op : r.ops) {
            for (int p : op.qubits()) {
                width = Math.max(width, p + 1);
            }
        }
        for (int p : r.phys) {
            width = Math.max(width, p + 1);
        }
        ParametricCircuit.Builder b = ParametricCircuit.builder(width);
        c.trainableNames().forEach(b::trainable);
        c.dataNames().forEach(b::data);
        for (Op op : r.ops) {
            b.gate(op.kind(), op.angle(), op.qubits());
        }
        return new Routed(NativeGateDecomposer.decompose(b.build(), e), r.phys.clone());
    }

    /** The first n qubits of a breadth-first search from the lowest start whose component holds n usable qubits. */
    private static int[] layout(DeviceTarget t, int n) {
        int usable = Math.min(t.qubits(), MAX_QUBITS);
        boolean[] seen = new boolean[usable];
        for (int start = 0; start < usable; start++) {
            if (seen[start]) {
                continue;
            }
            List<Integer> order = bfsOrder(t, start, usable, seen);
            if (order.size() >= n) {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = order.get(i);
                }
                return out;
            }
        }
        throw new RemoteJobException("the coupling map of " + t.name() + " has no connected set of " + n
                + " qubits among its first " + usable + "; use a circuit with fewer qubits or another device");
    }

    private static List<Integer> bfsOrder(DeviceTarget t, int start, int usable, boolean[] seen) {
        List<Integer> order = new ArrayList<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        seen[start] = true;
        while (!queue.isEmpty()) {
            int q = queue.poll();
            order.add(q);
            for (int p : t.neighbours(q)) {
                if (p < usable && !seen[p]) {
                    seen[p] = true;
                    queue.add(p);
                }
            }
        }
        return order;
    }

    /** SWAPs the state of logical qubit a along a shortest path until it is coupled to logical qubit b. */
    private void bringTogether(int a, int b) {
        if (target.coupled(phys[a], phys[b])) {
            return;
        }
        int[] path = shortestPath(phys[a], phys[b]);
        for (int i = 0; i + 2 < path.length; i++) {
            swap(path[i], path[i + 1]);
        }
    }

    private int[] shortestPath(int from, int to) {
        int[] prev = new int[usable];
        Arrays.fill(prev, -2);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(from);
        prev[from] = -1;
        while (!queue.isEmpty() && prev[to] == -2) {
            int q = queue.poll();
            for (int p : target.neighbours(q)) {
                if (p < usable && prev[p] == -2) {
                    prev[p] = q;
                    queue.add(p);
                }
            }
        }
        if (prev[to] == -2) {
            throw new IllegalStateException("no path from " + from + " to " + to + " inside one component");
        }
        List<Integer> rev = new ArrayList<>();
        for (int q = to; q != -1; q = prev[q]) {
            rev.add(q);
        }
        int[] path = new int[rev.size()];
        for (int i = 0; i < path.length; i++) {
            path[i] = rev.get(path.length - 1 - i);
        }
        return path;
    }

    private void swap(int p, int q) {
        entangle(GateKind.CX, p, q);
        entangle(GateKind.CX, q, p);
        entangle(GateKind.CX, p, q);
        int lp = logicalAt[p];
        int lq = logicalAt[q];
        logicalAt[p] = lq;
        logicalAt[q] = lp;
        if (lp >= 0) {
            phys[lp] = q;
        }
        if (lq >= 0) {
            phys[lq] = p;
        }
    }

    /** A cx or cz on coupled physical qubits, in a native direction, in the device's entangler. */
    private void entangle(GateKind kind, int a, int b) {
        if (kind == GateKind.CZ) {
            // symmetric: either order is the same gate
            op(GateKind.CZ, target.native2q(a, b) ? a : b, target.native2q(a, b) ? b : a);
            return;
        }
        if (czDevice) {
            op(GateKind.H, b);
            entangle(GateKind.CZ, a, b);
            op(GateKind.H, b);
        } else if (target.native2q(a, b)) {
            op(GateKind.CX, a, b);
        } else {
            op(GateKind.H, a);
            op(GateKind.H, b);
            op(GateKind.CX, b, a);
            op(GateKind.H, a);
            op(GateKind.H, b);
        }
    }

    private void op(GateKind kind, int... qubits) {
        ops.add(new Op(kind, null, qubits));
    }
}
