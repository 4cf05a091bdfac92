package io.qmoe.testing;

import io.qmoe.circuit.Gate;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.circuit.PauliString;

/**
 * An independent, deliberately naive simulator for tests: every gate becomes a full 2^n × 2^n complex matrix built
 * from its textbook definition (OpenQASM 3 stdgates conventions) by Kronecker products and basis-state bookkeeping,
 * applied by dense matrix–vector multiplication; observables become dense matrices too. Small n only.
 */
public final class DenseReference {
    private DenseReference() {
    }

    /** 2×2 matrix of a single-qubit gate as {re[4], im[4]} row-major. */
    static double[][] single(String kind, double phi) {
        double c = Math.cos(phi / 2);
        double s = Math.sin(phi / 2);
        double r = Math.sqrt(0.5);
        switch (kind) {
            case "id": return m(1, 0, 0, 1, 0, 0, 0, 0);
            case "h": return m(r, r, r, -r, 0, 0, 0, 0);
            case "x": return m(0, 1, 1, 0, 0, 0, 0, 0);
            case "y": return m(0, 0, 0, 0, 0, -1, 1, 0);
            case "z": return m(1, 0, 0, -1, 0, 0, 0, 0);
            case "s": return m(1, 0, 0, 0, 0, 0, 0, 1);
            case "sdg": return m(1, 0, 0, 0, 0, 0, 0, -1);
            case "t": return m(1, 0, 0, r, 0, 0, 0, r);
            case "tdg": return m(1, 0, 0, r, 0, 0, 0, -r);
            case "sx": return m(0.5, 0.5, 0.5, 0.5, 0.5, -0.5, -0.5, 0.5);
            case "sxdg": return m(0.5, 0.5, 0.5, 0.5, -0.5, 0.5, 0.5, -0.5);
            case "rx": return m(c, 0, 0, c, 0, -s, -s, 0);
            case "ry": return m(c, -s, s, c, 0, 0, 0, 0);
            case "rz": return m(c, 0, 0, c, -s, 0, 0, s);
            case "p": return m(1, 0, 0, Math.cos(phi), 0, 0, 0, Math.sin(phi));
            default: throw new IllegalArgumentException(kind);
        }
    }

    private static double[][] m(double a, double b, double c, double d, double ai, double bi, double ci, double di) {
        return new double[][] {{a, b, c, d}, {ai, bi, ci, di}};
    }

    /** The full matrix {re, im} (dim×dim, row-major flattened) of a gate on n qubits. */
    static double[][] full(Gate g, double phi, int n) {
        int dim = 1 << n;
        double[] re = new double[dim * dim];
        double[] im = new double[dim * dim];
        String k = g.kind().qasmName();
        for (int col = 0; col < dim; col++) {
            // image of basis state |col>: list of (row, amplitude)
            if (g.arity() == 1) {
                int q = g.qubit(0);
                double[][] u = single(k, phi);
                int b = col >> q & 1;
                for (int out = 0; out < 2; out++) {
                    int row = (col & ~(1 << q)) | (out << q);
                    re[row * dim + col] += u[0][out * 2 + b];
                    im[row * dim + col] += u[1][out * 2 + b];
                }
            } else {
                int a = g.qubit(0);
                int t = g.qubit(1);
                int ba = col >> a & 1;
                int bt = col >> t & 1;
                switch (k) {
                    case "cx", "cy", "cz", "crx", "cry", "crz", "cp" -> {
                        if (ba == 0) {
                            re[col * dim + col] += 1;
                            continue;
                        }
                        String target = switch (k) {
                            case "cx" -> "x";
                            case "cy" -> "y";
                            case "cz" -> "z";
                            case "crx" -> "rx";
                            case "cry" -> "ry";
                            case "crz" -> "rz";
                            default -> "p";
                        };
                        double[][] u = single(target, phi);
                        for (int out = 0; out < 2; out++) {
                            int row = (col & ~(1 << t)) | (out << t);
                            re[row * dim + col] += u[0][out * 2 + bt];
                            im[row * dim + col] += u[1][out * 2 + bt];
                        }
                    }
                    case "swap" -> {
                        int row = (col & ~(1 << a) & ~(1 << t)) | (bt << a) | (ba << t);
                        re[row * dim + col] += 1;
                    }
                    case "rxx", "ryy", "rzz" -> {
                        // exp(-i phi/2 P⊗P) = cos(phi/2) I - i sin(phi/2) P⊗P
                        double c = Math.cos(phi / 2);
                        double s = Math.sin(phi / 2);
                        re[col * dim + col] += c;
                        char p = k.charAt(1);
                        double[][] pa = single(String.valueOf(p), 0);
                        // (P⊗P)|ba bt> = sum over outputs
                        for (int oa = 0; oa < 2; oa++) {
                            for (int ot = 0; ot < 2; ot++) {
                                double ar = pa[0][oa * 2 + ba];
                                double ai = pa[1][oa * 2 + ba];
                                double tr = pa[0][ot * 2 + bt];
                                double ti = pa[1][ot * 2 + bt];
                                double pr = ar * tr - ai * ti;
                                double pi = ar * ti + ai * tr;
                                if (pr == 0 && pi == 0) {
                                    continue;
                                }
                                int row = (col & ~(1 << a) & ~(1 << t)) | (oa << a) | (ot << t);
                                // -i s (pr + i pi) = s pi - i s pr
                                re[row * dim + col] += s * pi;
                                im[row * dim + col] += -s * pr;
                            }
                        }
                    }
                    default -> throw new IllegalArgumentException(k);
                }
            }
        }
        return new double[][] {re, im};
    }

    /** The final state {re, im} of a circuit for one input vector. */
    public static double[][] state(ParametricCircuit c, double[] inputs) {
        int n = c.qubitCount();
        int dim = 1 << n;
        double[] re = new double[dim];
        double[] im = new double[dim];
        re[0] = 1;
        for (Gate g : c.gates()) {
            double[][] u = full(g, g.angleValue(inputs), n);
            double[] nr = new double[dim];
            double[] ni = new double[dim];
            for (int r = 0; r < dim; r++) {
                for (int k = 0; k < dim; k++) {
                    double ur = u[0][r * dim + k];
                    double ui = u[1][r * dim + k];
                    nr[r] += ur * re[k] - ui * im[k];
                    ni[r] += ur * im[k] + ui * re[k];
                }
            }
            re = nr;
            im = ni;
        }
        return new double[][] {re, im};
    }

    /** ⟨ψ|O|ψ⟩ with O built as a dense matrix from single-qubit Pauli matrices. */
    public static double expectation(PauliObservable o, double[][] psi, int n) {
        int dim = 1 << n;
        double total = 0;
        for (PauliObservable.Term t : o.terms()) {
            PauliString p = t.pauli();
            double sumRe = 0;
            for (int col = 0; col < dim; col++) {
                // P|col> = product over qubits
                int row = col;
                double ar = 1;
                double ai = 0;
                for (int q = 0; q < n; q++) {
                    char ch = p.at(q);
                    if (ch == 'I') {
                        continue;
                    }
                    double[][] u = single(String.valueOf(Character.toLowerCase(ch)), 0);
                    int b = col >> q & 1;
                    int out = 1 - b;
                    if (ch == 'Z') {
                        out = b;
                    }
                    double ur = u[0][out * 2 + b];
                    double ui = u[1][out * 2 + b];
                    double nr = ar * ur - ai * ui;
                    ai = ar * ui + ai * ur;
                    ar = nr;
                    row = (row & ~(1 << q)) | (out << q);
                }
                // conj(psi_row) * amp * psi_col
                double vr = ar * psi[0][col] - ai * psi[1][col];
                double vi = ar * psi[1][col] + ai * psi[0][col];
                sumRe += psi[0][row] * vr + psi[1][row] * vi;
            }
            total += t.coefficient() * sumRe;
        }
        return total;
    }
}
