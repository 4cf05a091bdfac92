package io.qmoe.backend.statevector;

import io.qmoe.backend.ValuesAndGradients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.testing.RandomCircuits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The grid path (expert × data grid read from flat arrays) against the row path the engine already had: the same
 * bindings sent as explicit rows [θ_i, x_a], bit for bit, on lanes (small registers) and on full state vectors (11
 * qubits); weighted gradients against Σ_a w_a ∇f summed in the test from the per-row gradients (bit for bit, or to
 * 1e-14 where the engine contracts the weights first: {@link BlochProgram}); thread counts 1, 2, 3.
 */
class GridEvaluationTest {

    private static double[] random(SplittableRandom rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rnd.nextDouble() * 2 - 1) * Math.PI;
        }
        return v;
    }

    /** Rows [θ_i, x_a] ordered (i − from)·M + a, built here independently of the engine. */
    private static double[][] rows(double[] angles, int d, int from, int to, double[] xs, int k, int m) {
        double[][] rows = new double[(to - from) * m][d + k];
        for (int i = from; i < to; i++) {
            for (int a = 0; a < m; a++) {
                System.arraycopy(angles, i * d, rows[(i - from) * m + a], 0, d);
                System.arraycopy(xs, a * k, rows[(i - from) * m + a], d, k);
            }
        }
        return rows;
    }

    private static void gridEqualsRows(ParametricCircuit c, PauliObservable o, int n, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = c.trainableCount();
        int k = c.dataCount();
        double[] angles = random(rnd, n * d);
        double[] xs = random(rnd, m * k);
        int from = 1;
        int to = n - 1;
        double[][] rows = rows(angles, d, from, to, xs, k, m);
        double[] weights = random(rnd, m);
        double[] rowValues = null;
        ValuesAndGradients rowGradients = null;
        for (int threads = 1; threads <= 3; threads++) {
            try (StateVectorEstimator sv = new StateVectorEstimator(threads)) {
                if (rowValues == null) {
                    rowValues = sv.values(c, o, rows);
                    rowGradients = sv.valuesAndGradients(c, o, rows);
                }
                double[] grid = new double[rows.length + 3];
                sv.gridValues(c, o, angles, from, to, xs, m, grid, 3);
                assertThat(java.util.Arrays.copyOfRange(grid, 3, grid.length)).as(threads + " threads")
                        .isEqualTo(rowValues);
                ValuesAndGradients gridGradients = sv.gridValuesAndGradients(c, o, angles, from, to, xs, m);
                assertThat(gridGradients.values()).isEqualTo(rowGradients.values());
                assertThat(gridGradients.gradients()).isEqualTo(rowGradients.gradients());
                // Σ_a w_a ∇f(θ_i, x_a), in ascending a, from the per-row gradients
                double[] expected = new double[(to - from) * d + 2];
                for (int i = 0; i < to - from; i++) {
                    for (int a = 0; a < m; a++) {
                        for (int j = 0; j < d; j++) {
                            expected[2 + i * d + j] += weights[a] * rowGradients.gradient(i * m + a, j);
                        }
                    }
                }
                double[] weighted = new double[expected.length];
                sv.weightedGradients(c, o, angles, from, to, xs, weights, weighted, 2);
                if (sv.blochProgram(c).isPresent()) {
                    // one-qubit trainable · data · trainable circuits contract the weights first (BlochProgram):
                    // the same sum to rounding, not bit for bit
                    for (int i = 0; i < expected.length; i++) {
                        assertThat(weighted[i]).as(threads + " threads")
                                .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-14));
                    }
                } else {
                    assertThat(weighted).as(threads + " threads").isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void gridValuesGradientsAndWeightedGradientsEqualTheRowPathBitForBitInLanes() {
        SplittableRandom rnd = new SplittableRandom(21);
        for (int trial = 0; trial < 6; trial++) {
            int n = 1 + rnd.nextInt(5);
            ParametricCircuit c = RandomCircuits.circuit(rnd, n, 20, false);
            PauliObservable o = RandomCircuits.observable(rnd, n);
            // 40 experts x 7 points: groups of lanes straddle experts; 150 x 3: lanes hold experts at one point
            gridEqualsRows(c, o, 40, 7, trial);
            gridEqualsRows(c, o, 150, 3, trial);
        }
    }

    /**
     * Circuits whose angles each depend on trainables only, on data only, or on neither (no products, no mixed sums):
     * the grid binding then reads no row at all (trig per data point and per expert), and must still give the row
     * path's bits; M = 1, 3 (groups of 64 lanes hold many experts), 70 and 130 (one expert spans groups), and with
     * more experts than lanes (lanes then hold consecutive experts at one point).
     */
    @Test
    void separableAnglesTakeTheTableBindingAndStillEqualTheRowPath() {
        SplittableRandom rnd = new SplittableRandom(24);
        String[] forms = {"t0", "t1", "2*t1 - t0 + pi/3", "x0", "0.7", "-x1", "3*x0 + x1", "t2"};
        GateKindPicker kinds = new GateKindPicker();
        int[] points = {1, 3, 70, 130};
        for (int trial = 0; trial < 8; trial++) {
            int n = 1 + rnd.nextInt(4);
            ParametricCircuit.Builder b = ParametricCircuit.builder(n).trainable("t0", "t1", "t2").data("x0", "x1");
            for (int g = 0; g < 14; g++) {
                io.qmoe.circuit.GateKind k = kinds.pick(rnd, n);
                int a = rnd.nextInt(n);
                int c = a;
                while (k.qubits() == 2 && c == a) {
                    c = rnd.nextInt(n);
                }
                int[] qs = k.qubits() == 1 ? new int[] {a} : new int[] {a, c};
                if (k.parametric()) {
                    b.gate(k, forms[rnd.nextInt(forms.length)], qs);
                } else {
                    b.gate(k, qs);
                }
            }
            ParametricCircuit c = b.build();
            PauliObservable o = RandomCircuits.observable(rnd, n);
            gridEqualsRows(c, o, trial < 4 ? 40 : 6, points[trial % 4], trial);
            gridEqualsRows(c, o, 131, points[trial % 4], trial);
        }
    }

    /** Random gate kinds that fit a register. */
    private static final class GateKindPicker {
        io.qmoe.circuit.GateKind pick(SplittableRandom rnd, int qubits) {
            io.qmoe.circuit.GateKind[] all = io.qmoe.circuit.GateKind.values();
            while (true) {
                io.qmoe.circuit.GateKind k = all[rnd.nextInt(all.length)];
                if (k.qubits() <= qubits) {
                    return k;
                }
            }
        }
    }

    @Test
    void gridPathEqualsTheRowPathOnFullStateVectors() {
        SplittableRandom rnd = new SplittableRandom(22);
        ParametricCircuit c = RandomCircuits.circuit(rnd, 11, 25, false);
        gridEqualsRows(c, RandomCircuits.observable(rnd, 11), 4, 3, 5);
    }

    @Test
    void gridRefusesNonFiniteAnglesAndBadSizes() {
        SplittableRandom rnd = new SplittableRandom(23);
        ParametricCircuit c = RandomCircuits.circuit(rnd, 2, 5, false);
        PauliObservable o = PauliObservable.z(0);
        StateVectorEstimator sv = new StateVectorEstimator(1);
        double[] angles = random(rnd, 6);
        angles[4] = Double.NaN;
        double[] xs = random(rnd, 4);
        assertThatThrownBy(() -> sv.gridValues(c, o, angles, 0, 2, xs, 2, new double[4], 0))
                .hasMessageContaining("expert 1").hasMessageContaining("'t1'");
        assertThatThrownBy(() -> sv.gridValues(c, o, random(rnd, 6), 0, 2, xs, 3, new double[6], 0))
                .hasMessageContaining("4 feature values are not 3 points");
    }
}
