package io.qmoe.backend.statevector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.circuit.Ansatz;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.testing.RandomCircuits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused forward plan against gate-by-gate application (every gate its own kernel, no fusion) to 1e-15, and one
 * large register split over 2 and 3 workers against the single-threaded run, bit for bit, at 16 and 18 qubits.
 */
class FusionAndSplitTest {

    private static double[][] run(CompiledCircuit c, double[] inputs, boolean fused) {
        int dim = 1 << c.qubitCount();
        double[] re = new double[dim];
        double[] im = new double[dim];
        CompiledCircuit.Workspace w = c.newWorkspace();
        System.arraycopy(inputs, 0, w.inputs, 0, inputs.length);
        w.bind();
        if (fused) {
            c.run(re, im, w);
        } else {
            c.runUnfused(re, im, w);
        }
        return new double[][] {re, im};
    }

    @Test
    void fusedRunsEqualGateByGateApplicationTo1e15() {
        SplittableRandom rnd = new SplittableRandom(31);
        int fusedCircuits = 0;
        for (int trial = 0; trial < 60; trial++) {
            int n = 1 + rnd.nextInt(5);
            // few qubits and many gates: long runs of one-qubit gates
            CompiledCircuit c = new CompiledCircuit(RandomCircuits.circuit(rnd, n, 40, false));
            if (c.plan().stepCount() < c.gateCount()) {
                fusedCircuits++;
            }
            double[] in = RandomCircuits.inputs(rnd, c.circuit());
            double[][] fused = run(c, in, true);
            double[][] plain = run(c, in, false);
            for (int i = 0; i < fused[0].length; i++) {
                assertThat(fused[0][i]).as("trial " + trial).isCloseTo(plain[0][i], within(1e-15));
                assertThat(fused[1][i]).as("trial " + trial).isCloseTo(plain[1][i], within(1e-15));
            }
        }
        assertThat(fusedCircuits).isGreaterThan(30);
    }

    @Test
    void aRunThatPaysIsOnePassAndOneThatDoesNotStaysApart() {
        // h·rz·h (2 + 0.5 + 2 passes) becomes one dense pass; rz·p·t (diagonals) one diagonal pass; ry·rz stays two
        ParametricCircuit c = ParametricCircuit.builder(4).trainable("a", "b").h(3).rz(3, "a").h(3)
                .rz(2, "a").gate(io.qmoe.circuit.GateKind.P, "b", 2).gate(io.qmoe.circuit.GateKind.T, 2)
                .ry(1, "a").rz(1, "b").build();
        CompiledCircuit compiled = new CompiledCircuit(c);
        assertThat(compiled.plan().stepCount()).isEqualTo(1 + 1 + 2);
        double[][] fused = run(compiled, new double[] {0.7, -1.9}, true);
        double[][] plain = run(compiled, new double[] {0.7, -1.9}, false);
        for (int i = 0; i < 16; i++) {
            assertThat(fused[0][i]).isCloseTo(plain[0][i], within(1e-15));
            assertThat(fused[1][i]).isCloseTo(plain[1][i], within(1e-15));
        }
    }

    private static double[][] finalState(StateVectorEstimator sv, ParametricCircuit c, double[] in) {
        double[][] out = new double[2][];
        sv.forEachFinalState(c, new double[][] {in}, (r, re, im) -> {
            out[0] = re.clone();
            out[1] = im.clone();
        });
        return out;
    }

    @Test
    void oneRegisterSplitOverWorkersGivesTheSameBitsAt16And18Qubits() {
        SplittableRandom rnd = new SplittableRandom(32);
        ParametricCircuit[] circuits = {RandomCircuits.circuit(rnd, 16, 90, false), Ansatz.hardwareEfficient(18, 1, 0)};
        for (ParametricCircuit c : circuits) {
            double[] in = RandomCircuits.inputs(rnd, c);
            double[][] single = finalState(new StateVectorEstimator(1), c, in);
            for (int threads = 2; threads <= 3; threads++) {
                try (StateVectorEstimator sv = new StateVectorEstimator(threads)) {
                    double[][] split = finalState(sv, c, in);
                    assertThat(split[0]).as(c.qubitCount() + " qubits, " + threads + " threads").isEqualTo(single[0]);
                    assertThat(split[1]).isEqualTo(single[1]);
                }
            }
        }
    }
}
