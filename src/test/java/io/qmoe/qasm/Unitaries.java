package io.qmoe.qasm;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.testing.DenseReference;

/**
 * Test helper: the full unitary of a few lines of QASM, column by column (basis state prepared with x gates, then the
 * independent {@link DenseReference} simulator), expected matrices written from the stdgates.inc definitions, and a
 * comparison up to one global phase for the whole matrix.
 */
final class Unitaries {
    private Unitaries() {
    }

    /** {re, im} of the n-qubit unitary of {@code gates} (qubit q = bit q of the index), columns from |k⟩. */
    static double[][] of(int n, String gates) {
        int dim = 1 << n;
        double[][] u = new double[2][dim * dim];
        for (int col = 0; col < dim; col++) {
            StringBuilder prep = new StringBuilder();
            for (int q = 0; q < n; q++) {
                if ((col >> q & 1) == 1) {
                    prep.append("x q[").append(q).append("];\n");
                }
            }
            ParametricCircuit c = QasmReader.parse("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[" + n + "] q;\n"
                    + prep + gates, "u.qasm").circuit();
            double[][] psi = DenseReference.state(c, new double[0]);
            for (int row = 0; row < dim; row++) {
                u[0][row * dim + col] = psi[0][row];
                u[1][row * dim + col] = psi[1][row];
            }
        }
        return u;
    }

    /** U(θ,φ,λ) of OpenQASM 3: [[cos θ/2, −e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]] as {re, im}. */
    static double[][] bigU(double theta, double phi, double lambda) {
        double c = Math.cos(theta / 2);
        double s = Math.sin(theta / 2);
        return new double[][] {
            {c, -Math.cos(lambda) * s, Math.cos(phi) * s, Math.cos(phi + lambda) * c},
            {0, -Math.sin(lambda) * s, Math.sin(phi) * s, Math.sin(phi + lambda) * c}};
    }

    /** {re, im} of a 2×2 matrix scaled by e^{iγ}. */
    static double[][] phase(double[][] m, double gamma) {
        int len = m[0].length;
        double[][] out = new double[2][len];
        for (int i = 0; i < len; i++) {
            out[0][i] = Math.cos(gamma) * m[0][i] - Math.sin(gamma) * m[1][i];
            out[1][i] = Math.sin(gamma) * m[0][i] + Math.cos(gamma) * m[1][i];
        }
        return out;
    }

    /**
     * The n-qubit matrix applying the 2^k×2^k matrix {@code m} to {@code targets} (targets[0] = low bit of m's index)
     * when every qubit in {@code controls} is 1 (or 0 for the {@code negative} ones), and the identity otherwise.
     */
    static double[][] controlled(int n, int[] controls, boolean[] negative, int[] targets, double[][] m) {
        int dim = 1 << n;
        int k = 1 << targets.length;
        double[][] u = new double[2][dim * dim];
        for (int col = 0; col < dim; col++) {
            boolean on = true;
            for (int i = 0; i < controls.length; i++) {
                on &= (col >> controls[i] & 1) == (negative != null && negative[i] ? 0 : 1);
            }
            if (!on) {
                u[0][col * dim + col] = 1;
                continue;
            }
            int in = 0;
            for (int t = 0; t < targets.length; t++) {
                in |= (col >> targets[t] & 1) << t;
            }
            for (int out = 0; out < k; out++) {
                int row = col;
                for (int t = 0; t < targets.length; t++) {
                    row = (row & ~(1 << targets[t])) | ((out >> t & 1) << targets[t]);
                }
                u[0][row * dim + col] += m[0][out * k + in];
                u[1][row * dim + col] += m[1][out * k + in];
            }
        }
        return u;
    }

    /** Asserts a == e^{iα}·b for one α and every entry, to 1e-12. */
    static void assertEqualUpToPhase(double[][] a, double[][] b, String what) {
        int big = 0;
        for (int i = 0; i < b[0].length; i++) {
            if (Math.hypot(b[0][i], b[1][i]) > Math.hypot(b[0][big], b[1][big])) {
                big = i;
            }
        }
        // e^{iα} = a[big] / b[big]
        double br = b[0][big];
        double bi = b[1][big];
        double nb = br * br + bi * bi;
        double pr = (a[0][big] * br + a[1][big] * bi) / nb;
        double pi = (a[1][big] * br - a[0][big] * bi) / nb;
        assertThat(Math.hypot(pr, pi)).as(what + ": |phase|").isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        for (int i = 0; i < b[0].length; i++) {
            double er = pr * b[0][i] - pi * b[1][i];
            double ei = pr * b[1][i] + pi * b[0][i];
            assertThat(Math.hypot(a[0][i] - er, a[1][i] - ei)).as(what + ": entry " + i).isLessThan(1e-12);
        }
    }

    /** Asserts a == b entry by entry (no phase freedom), to 1e-12. */
    static void assertEqual(double[][] a, double[][] b, String what) {
        for (int i = 0; i < b[0].length; i++) {
            assertThat(Math.hypot(a[0][i] - b[0][i], a[1][i] - b[1][i])).as(what + ": entry " + i).isLessThan(1e-12);
        }
    }
}
