package io.qmoe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.redfx.strange.Gate;
import org.redfx.strange.Program;
import org.redfx.strange.Step;
import org.redfx.strange.gate.Cnot;
import org.redfx.strange.gate.Cz;
import org.redfx.strange.gate.Hadamard;
import org.redfx.strange.gate.Measurement;
import org.redfx.strange.gate.R;
import org.redfx.strange.gate.RotationY;
import org.redfx.strange.gate.Toffoli;
import org.redfx.strange.gate.X;

/**
 * Strange programs written the way Strange's own examples are (one {@link Step} per layer, fixed gates): Bell, GHZ,
 * teleportation with measurements, Grover search, a layered circuit. Every call builds a fresh {@link Program} (a
 * Program caches its decomposition and result, so none is shared).
 */
public final class StrangeExamplePrograms {
    private StrangeExamplePrograms() {
    }

    /** (|00⟩ + |11⟩)/√2: H on qubit 0, Cnot(0, 1). */
    public static Program bell() {
        return new Program(2, new Step(new Hadamard(0)), new Step(new Cnot(0, 1)));
    }

    /** (|0…0⟩ + |1…1⟩)/√2 on n qubits: H on qubit 0, then Cnot(0, q) for q = 1 … n−1. */
    public static Program ghz(int n) {
        Program p = new Program(n, new Step(new Hadamard(0)));
        for (int q = 1; q < n; q++) {
            p.addStep(new Step(new Cnot(0, q)));
        }
        return p;
    }

    /**
     * Teleports ry(θ)|0⟩ from qubit 0 to qubit 2: Bell pair on qubits 1, 2, Bell measurement of qubits 0, 1
     * (Measurement gates), then the corrections as controlled gates (deferred measurement): Cnot(1, 2), Cz(0, 2). Qubit
     * 2 ends in ry(θ)|0⟩ whatever the measured values, so its probability of 1 is sin²(θ/2).
     */
    public static Program teleportation(double theta) {
        return new Program(3,
                new Step(new RotationY(theta, 0), new Hadamard(1)),
                new Step(new Cnot(1, 2)),
                new Step(new Cnot(0, 1)),
                new Step(new Hadamard(0)),
                new Step(new Measurement(0), new Measurement(1)),
                new Step(new Cnot(1, 2)),
                new Step(new Cz(0, 2)));
    }

    /**
     * Grover search for |111⟩ on 3 qubits, {@code iterations} rounds of oracle and diffusion; the oracle and the
     * diffusion's reflection are CCZ = H₀·Toffoli(2, 1, 0)·H₀. After k rounds the marked state has probability
     * sin²((2k + 1)·asin(1/√8)).
     */
    public static Program grover3(int iterations) {
        Program p = new Program(3, layer(3, Hadamard::new));
        for (int k = 0; k < iterations; k++) {
            ccz3(p);
            p.addStep(layer(3, Hadamard::new));
            p.addStep(layer(3, X::new));
            ccz3(p);
            p.addStep(layer(3, X::new));
            p.addStep(layer(3, Hadamard::new));
        }
        return p;
    }

    private static void ccz3(Program p) {
        p.addStep(new Step(new Hadamard(0)));
        p.addStep(new Step(new Toffoli(2, 1, 0)));
        p.addStep(new Step(new Hadamard(0)));
    }

    /**
     * Grover search for |111⟩ on qubits 0–2 with qubit 3 as work qubit: CCZ is Toffoli(1, 2, 3) (qubit 3 ^= q1∧q2,
     * an order Strange 0.1.3 gets right), Cz(3, 0), Toffoli(1, 2, 3) again. The work qubit returns to 0, so the
     * search qubits behave as in {@link #grover3}: the marked state |0111⟩ has probability sin²((2k + 1)·asin(1/√8))
     * after k rounds.
     */
    public static Program grover4(int iterations) {
        Program p = new Program(4, layer(3, Hadamard::new));
        for (int k = 0; k < iterations; k++) {
            ccz4(p);
            p.addStep(layer(3, Hadamard::new));
            p.addStep(layer(3, X::new));
            ccz4(p);
            p.addStep(layer(3, X::new));
            p.addStep(layer(3, Hadamard::new));
        }
        return p;
    }

    private static void ccz4(Program p) {
        p.addStep(new Step(new Toffoli(1, 2, 3)));
        p.addStep(new Step(new Cz(3, 0)));
        p.addStep(new Step(new Toffoli(1, 2, 3)));
    }

    /**
     * A layered circuit on n qubits: per layer one step of ry with seeded random angles on every qubit, one step of
     * R phases, then Cnots on the even pairs (0,1), (2,3)… and a step on the odd pairs (1,2), (3,4)….
     */
    public static Program layered(int n, int layers, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Program p = new Program(n);
        for (int l = 0; l < layers; l++) {
            p.addStep(layer(n, q -> new RotationY(rnd.nextDouble() * 2 * Math.PI, q)));
            p.addStep(layer(n, q -> new R(rnd.nextDouble() * 2 * Math.PI, q)));
            for (int parity = 0; parity < 2; parity++) {
                List<Gate> cnots = new ArrayList<>();
                for (int q = parity; q + 1 < n; q += 2) {
                    cnots.add(new Cnot(q, q + 1));
                }
                p.addStep(new Step(cnots.toArray(new Gate[0])));
            }
        }
        return p;
    }

    private static Step layer(int n, java.util.function.IntFunction<Gate> gate) {
        Gate[] gates = new Gate[n];
        for (int q = 0; q < n; q++) {
            gates[q] = gate.apply(q);
        }
        return new Step(gates);
    }
}
