package io.qmoe.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a device can run, from its configuration ({@code GET /v1/backends/NAME/configuration}): its qubit count, its
 * two-qubit gate ({@code cz}, {@code ecr} or {@code cx}, with the one-qubit basis {@code rz, sx, x}) and its coupling
 * map — the ordered pairs {@code [control, target]} on which the two-qubit gate is native. Immutable.
 *
 * @param name      device name, for messages
 * @param qubits    number of physical qubits
 * @param twoQubit  the native two-qubit gate
 * @param directed  {@code directed[a][b]}: the two-qubit gate may act with {@code a} first and {@code b} second;
 *                  null for all-to-all connectivity in both directions (no routing)
 */
record DeviceTarget(String name, int qubits, TwoQubitGate twoQubit, boolean[][] directed) {
    /** The native entangling gates qmoe can target. */
    public enum TwoQubitGate {
        /** Controlled-Z (Heron); symmetric. */
        CZ,
        /** Echoed cross-resonance (Eagle): ECR = (X⊗I − Y⊗X)/√2 on (first, second). */
        ECR,
        /** CNOT (Falcon). */
        CX
    }

    /** A target without connectivity limits: every pair, both directions (a simulator or an unknown device). */
    public static DeviceTarget allToAll(String name, int qubits, TwoQubitGate gate) {
        return new DeviceTarget(name, qubits, gate, null);
    }

    /** Whether the gate may act on (a, b) in that order. */
    public boolean native2q(int a, int b) {
        return directed == null || directed[a][b];
    }

    /** Whether a and b are coupled in either direction. */
    public boolean coupled(int a, int b) {
        return native2q(a, b) || native2q(b, a);
    }

    /**
     * Reads a configuration answer: {@code basis_gates} must hold rz, sx and x and one of cz, ecr, cx (in that order
     * of preference), {@code n_qubits} the qubit count and {@code coupling_map} the directed pairs. Anything else is
     * refused naming the device.
     */
    public static DeviceTarget fromConfiguration(String name, JsonNode conf) {
        JsonNode basis = conf.path("basis_gates");
        if (!basis.isArray()) {
            throw new RemoteJobException("the configuration of " + name + " has no basis_gates");
        }
        Set<String> gates = new LinkedHashSet<>();
        basis.forEach(g -> gates.add(g.asText().toLowerCase(Locale.ROOT)));
        for (String one : new String[] {"rz", "sx", "x"}) {
            if (!gates.contains(one)) {
                throw new RemoteJobException(name + " has no native '" + one + "' gate (basis " + gates + "); qmoe "
                        + "targets rz, sx, x plus cz, ecr or cx");
            }
        }
        TwoQubitGate two = gates.contains("cz") ? TwoQubitGate.CZ : gates.contains("ecr") ? TwoQubitGate.ECR
                : gates.contains("cx") ? TwoQubitGate.CX : null;
        if (two == null) {
            throw new RemoteJobException(name + " has none of the two-qubit gates cz, ecr, cx (basis " + gates + ")");
        }
        int n = conf.path("n_qubits").asInt(0);
        if (n < 1) {
            throw new RemoteJobException("the configuration of " + name + " has no n_qubits");
        }
        JsonNode map = conf.get("coupling_map");
        if (map == null || map.isNull()) {
            return allToAll(name, n, two);
        }
        boolean[][] directed = new boolean[n][n];
        for (JsonNode pair : map) {
            int a = pair.path(0).asInt(-1);
            int b = pair.path(1).asInt(-1);
            if (pair.size() != 2 || a < 0 || b < 0 || a >= n || b >= n || a == b) {
                throw new RemoteJobException("the coupling map of " + name + " has an invalid pair " + pair);
            }
            directed[a][b] = true;
        }
        return new DeviceTarget(name, n, two, directed);
    }

    /** The neighbours of {@code q} in either direction, in increasing order. */
    List<Integer> neighbours(int q) {
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p < qubits; p++) {
            if (p != q && coupled(q, p)) {
                out.add(p);
            }
        }
        return out;
    }
}
