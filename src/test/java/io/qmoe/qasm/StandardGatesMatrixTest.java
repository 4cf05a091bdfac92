package io.qmoe.qasm;

import static io.qmoe.qasm.Unitaries.assertEqualUpToPhase;
import static io.qmoe.qasm.Unitaries.controlled;

import io.qmoe.circuit.GateKind;
import org.junit.jupiter.api.Test;

/**
 * Every stdgates.inc / qelib1.inc gate qmoe expands, and every modifier, against its dense matrix written from the
 * OpenQASM 3 stdgates.inc definitions (U(θ,φ,λ), controlled blocks), compared up to one phase of the whole matrix —
 * so the phase of a controlled block is checked exactly. The reference simulator is {@code DenseReference}.
 */
class StandardGatesMatrixTest {
    private static final double[][] X = {{0, 1, 1, 0}, {0, 0, 0, 0}};
    private static final double R = Math.sqrt(0.5);
    private static final double[][] H = {{R, R, R, -R}, {0, 0, 0, 0}};
    private static final double[][] SX = {{0.5, 0.5, 0.5, 0.5}, {0.5, -0.5, -0.5, 0.5}};
    private static final double[][] SWAP = {{1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1}, new double[16]};
    private static final double TH = 0.7317;
    private static final double PH = -1.213;
    private static final double LA = 2.468;
    private static final double GA = 0.389;

    private static double[][] p(double l) {
        return new double[][] {{1, 0, 0, Math.cos(l)}, {0, 0, 0, Math.sin(l)}};
    }

    @Test
    void toffoliFredkinAndC3x() {
        assertEqualUpToPhase(Unitaries.of(3, "ccx q[0], q[1], q[2];\n"),
                controlled(3, new int[] {0, 1}, null, new int[] {2}, X), "ccx");
        assertEqualUpToPhase(Unitaries.of(3, "ccx q[2], q[0], q[1];\n"),
                controlled(3, new int[] {2, 0}, null, new int[] {1}, X), "ccx permuted");
        assertEqualUpToPhase(Unitaries.of(4, "c3x q[0], q[1], q[2], q[3];\n"),
                controlled(4, new int[] {0, 1, 2}, null, new int[] {3}, X), "c3x");
        assertEqualUpToPhase(Unitaries.of(3, "cswap q[0], q[1], q[2];\n"),
                controlled(3, new int[] {0}, null, new int[] {1, 2}, SWAP), "cswap");
    }

    @Test
    void controlledHSxAndTheCuFamily() {
        int[] c = {0};
        int[] t = {1};
        assertEqualUpToPhase(Unitaries.of(2, "ch q[0], q[1];\n"), controlled(2, c, null, t, H), "ch");
        assertEqualUpToPhase(Unitaries.of(2, "csx q[0], q[1];\n"), controlled(2, c, null, t, SX), "csx");
        assertEqualUpToPhase(Unitaries.of(2, "cu1(" + LA + ") q[0], q[1];\n"), controlled(2, c, null, t, p(LA)),
                "cu1");
        // cu(θ,φ,λ,γ) = p(γ) on the control, then ctrl @ U: the controlled block is e^{iγ} U
        assertEqualUpToPhase(Unitaries.of(2, "cu(" + TH + ", " + PH + ", " + LA + ", " + GA + ") q[0], q[1];\n"),
                controlled(2, c, null, t, Unitaries.phase(Unitaries.bigU(TH, PH, LA), GA)), "cu");
        assertEqualUpToPhase(Unitaries.of(2, "cu3(" + TH + ", " + PH + ", " + LA + ") q[0], q[1];\n"),
                controlled(2, c, null, t, Unitaries.bigU(TH, PH, LA)), "cu3");
        // stdgates: u3 = gphase(-(φ+λ)/2) U, so ctrl @ u3 carries that phase; U and Qiskit's u carry none
        assertEqualUpToPhase(Unitaries.of(2, "ctrl @ u3(" + TH + ", " + PH + ", " + LA + ") q[0], q[1];\n"),
                controlled(2, c, null, t, Unitaries.phase(Unitaries.bigU(TH, PH, LA), -(PH + LA) / 2)), "ctrl u3");
        assertEqualUpToPhase(Unitaries.of(2, "ctrl @ U(" + TH + ", " + PH + ", " + LA + ") q[0], q[1];\n"),
                controlled(2, c, null, t, Unitaries.bigU(TH, PH, LA)), "ctrl U");
        assertEqualUpToPhase(Unitaries.of(2, "ctrl @ u(" + TH + ", " + PH + ", " + LA + ") q[0], q[1];\n"),
                controlled(2, c, null, t, Unitaries.bigU(TH, PH, LA)), "ctrl u");
        assertEqualUpToPhase(Unitaries.of(2, "ctrl @ u2(" + PH + ", " + LA + ") q[0], q[1];\n"),
                controlled(2, c, null, t, Unitaries.phase(Unitaries.bigU(Math.PI / 2, PH, LA), -(PH + LA) / 2)),
                "ctrl u2");
        assertEqualUpToPhase(Unitaries.of(2, "ctrl @ u1(" + LA + ") q[0], q[1];\n"), controlled(2, c, null, t, p(LA)),
                "ctrl u1");
        assertEqualUpToPhase(Unitaries.of(2, "ctrl @ gphase(" + GA + ") q[0];\n"),
                controlled(2, c, null, new int[0], new double[][] {{Math.cos(GA)}, {Math.sin(GA)}}), "ctrl gphase");
    }

    /** ctrl @ G for every gate kind, against the controlled version of the reference's own matrix of G. */
    @Test
    void everyKindControlledOnceAndTwice() {
        for (GateKind k : GateKind.values()) {
            int n = k.qubits();
            double[][] m = Unitaries.of(n, call(k, "", n, 0));
            int[] targets = n == 1 ? new int[] {1} : new int[] {1, 2};
            assertEqualUpToPhase(Unitaries.of(n + 1, call(k, "ctrl @ ", n, 1)),
                    controlled(n + 1, new int[] {0}, null, targets, m), "ctrl @ " + k);
            int[] targets2 = n == 1 ? new int[] {2} : new int[] {2, 3};
            assertEqualUpToPhase(Unitaries.of(n + 2, call(k, "ctrl(2) @ ", n, 2)),
                    controlled(n + 2, new int[] {0, 1}, null, targets2, m), "ctrl(2) @ " + k);
            assertEqualUpToPhase(Unitaries.of(n + 1, call(k, "negctrl @ ", n, 1)),
                    controlled(n + 1, new int[] {0}, new boolean[] {true}, targets, m), "negctrl @ " + k);
        }
    }

    /** inv @ G is the conjugate transpose; pow(2) @ G the square; inv @ ctrl @ G the inverse of the controlled G. */
    @Test
    void inverseAndPowers() {
        for (GateKind k : GateKind.values()) {
            int n = k.qubits();
            double[][] m = Unitaries.of(n, call(k, "", n, 0));
            int dim = 1 << n;
            double[][] dagger = new double[2][dim * dim];
            double[][] square = new double[2][dim * dim];
            for (int r = 0; r < dim; r++) {
                for (int c = 0; c < dim; c++) {
                    dagger[0][r * dim + c] = m[0][c * dim + r];
                    dagger[1][r * dim + c] = -m[1][c * dim + r];
                    for (int j = 0; j < dim; j++) {
                        square[0][r * dim + c] += m[0][r * dim + j] * m[0][j * dim + c]
                                - m[1][r * dim + j] * m[1][j * dim + c];
                        square[1][r * dim + c] += m[0][r * dim + j] * m[1][j * dim + c]
                                + m[1][r * dim + j] * m[0][j * dim + c];
                    }
                }
            }
            assertEqualUpToPhase(Unitaries.of(n, call(k, "inv @ ", n, 0)), dagger, "inv @ " + k);
            assertEqualUpToPhase(Unitaries.of(n, call(k, "pow(2) @ ", n, 0)), square, "pow(2) @ " + k);
            assertEqualUpToPhase(Unitaries.of(n, call(k, "pow(-1) @ ", n, 0)), dagger, "pow(-1) @ " + k);
            int[] targets = n == 1 ? new int[] {1} : new int[] {1, 2};
            assertEqualUpToPhase(Unitaries.of(n + 1, call(k, "inv @ ctrl @ ", n, 1)),
                    controlled(n + 1, new int[] {0}, null, targets, dagger), "inv @ ctrl @ " + k);
        }
    }

    /** The writer's definitions of the gates stdgates.inc lacks, used under ctrl, against the kinds' matrices. */
    @Test
    void writerDefinitionsAreExactUnderControl() {
        for (GateKind k : new GateKind[] {GateKind.RXX, GateKind.RYY, GateKind.RZZ, GateKind.SXDG}) {
            int n = k.qubits();
            double[][] m = Unitaries.of(n, call(k, "", n, 0));
            StringBuilder def = new StringBuilder();
            String text = QasmWriter.write(io.qmoe.circuit.ParametricCircuit.builder(n)
                    .gate(k, k.parametric() ? io.qmoe.circuit.AngleExpression.constant(TH) : null,
                            n == 1 ? new int[] {0} : new int[] {0, 1}).build(), null, null);
            text.lines().filter(l -> l.startsWith("gate ")).forEach(l -> def.append(l.replace("gate " + k.qasmName(),
                    "gate my" + k.qasmName())).append('\n'));
            String use = def + call(k, "ctrl @ ", n, 1).replace(k.qasmName(), "my" + k.qasmName());
            int[] targets = n == 1 ? new int[] {1} : new int[] {1, 2};
            assertEqualUpToPhase(Unitaries.of(n + 1, use), controlled(n + 1, new int[] {0}, null, targets, m),
                    "definition of " + k);
        }
    }

    /** "PREFIX kind(TH) q[c], …;" with {@code controls} control qubits first. */
    private static String call(GateKind k, String prefix, int n, int controls) {
        StringBuilder sb = new StringBuilder(prefix).append(k.qasmName());
        if (k.parametric()) {
            sb.append('(').append(TH).append(')');
        }
        for (int i = 0; i < n + controls; i++) {
            sb.append(i == 0 ? " q[" : ", q[").append(i).append(']');
        }
        return sb.append(";\n").toString();
    }
}
