package io.qmoe.strange;

import io.qmoe.circuit.GateKind;
import org.redfx.strange.Complex;

/**
 * Single-qubit gate matrices in double precision, as {re[4], im[4]} row-major (u00, u01, u10, u11), in the conventions
 * of {@link GateKind}, and their conversion to and from Strange's single-precision {@link Complex} arrays. A two-qubit
 * controlled gate in Strange's layout has row index 2·b_control + b_target (its first qubit is the high factor of the
 * tensor product), so controlled-U is the block diagonal diag(1, 1, U).
 */
final class StrangeMatrices {
    private static final double R = Math.sqrt(0.5);

    private StrangeMatrices() {
    }

    /** The 2×2 matrix of a single-qubit kind at angle {@code phi} (ignored for fixed kinds). */
    static double[][] single(GateKind kind, double phi) {
        double c = StrictMath.cos(phi / 2);
        double s = StrictMath.sin(phi / 2);
        return switch (kind) {
            case ID -> m(1, 0, 0, 0, 0, 0, 1, 0);
            case H -> m(R, 0, R, 0, R, 0, -R, 0);
            case X -> m(0, 0, 1, 0, 1, 0, 0, 0);
            case Y -> m(0, 0, 0, -1, 0, 1, 0, 0);
            case Z -> phase(Math.PI);
            case S -> phase(Math.PI / 2);
            case SDG -> phase(-Math.PI / 2);
            case T -> phase(Math.PI / 4);
            case TDG -> phase(-Math.PI / 4);
            case SX -> m(0.5, 0.5, 0.5, -0.5, 0.5, -0.5, 0.5, 0.5);
            case SXDG -> m(0.5, -0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -0.5);
            case RX -> m(c, 0, 0, -s, 0, -s, c, 0);
            case RY -> m(c, 0, -s, 0, s, 0, c, 0);
            case RZ -> m(c, -s, 0, 0, 0, 0, c, s);
            case P -> phase(phi);
            default -> throw new IllegalArgumentException(kind.qasmName() + " is not a single-qubit gate");
        };
    }

    /** diag(1, e^{iλ}), with the exact values at multiples of π/2 (so Z, S, Sdg have no rounding). */
    private static double[][] phase(double lambda) {
        double re = StrictMath.cos(lambda);
        double im = StrictMath.sin(lambda);
        if (lambda == Math.PI) {
            re = -1;
            im = 0;
        } else if (Math.abs(lambda) == Math.PI / 2) {
            re = 0;
            im = Math.signum(lambda);
        }
        return m(1, 0, 0, 0, 0, 0, re, im);
    }

    private static double[][] m(double r00, double i00, double r01, double i01, double r10, double i10, double r11,
                                double i11) {
        return new double[][] {{r00, r01, r10, r11}, {i00, i01, i10, i11}};
    }

    /** A single-qubit matrix as Strange's 2×2 array (rounded to float). */
    static Complex[][] toStrange(double[][] u) {
        return new Complex[][] {
            {new Complex(u[0][0], u[1][0]), new Complex(u[0][1], u[1][1])},
            {new Complex(u[0][2], u[1][2]), new Complex(u[0][3], u[1][3])}
        };
    }

    /** Controlled-U as Strange's 4×4 array: diag(1, 1, U) in the basis 2·b_control + b_target. */
    static Complex[][] controlledToStrange(double[][] u) {
        Complex[][] m = new Complex[4][4];
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                m[r][c] = r == c && r < 2 ? Complex.ONE : Complex.ZERO;
            }
        }
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                m[2 + r][2 + c] = new Complex(u[0][2 * r + c], u[1][2 * r + c]);
            }
        }
        return m;
    }

    /** A Strange 2×2 array widened to {re[4], im[4]}. */
    static double[][] fromStrange(Complex[][] m) {
        if (m == null || m.length != 2 || m[0].length != 2 || m[1].length != 2) {
            throw new IllegalArgumentException("not a 2x2 matrix");
        }
        return m(m[0][0].r, m[0][0].i, m[0][1].r, m[0][1].i, m[1][0].r, m[1][0].i, m[1][1].r, m[1][1].i);
    }

    /**
     * The global phase γ with u ≈ e^{iγ}·v when one exists: γ = arg tr(v†u), returned when max |u − e^{iγ} v| is at
     * most {@code tolerance}; otherwise NaN.
     */
    static double phaseBetween(double[][] u, double[][] v, double tolerance) {
        double tr = 0;
        double ti = 0;
        for (int k = 0; k < 4; k++) {
            // conj(v_k)·u_k
            tr += v[0][k] * u[0][k] + v[1][k] * u[1][k];
            ti += v[0][k] * u[1][k] - v[1][k] * u[0][k];
        }
        double gamma = StrictMath.atan2(ti, tr);
        double cr = StrictMath.cos(gamma);
        double ci = StrictMath.sin(gamma);
        for (int k = 0; k < 4; k++) {
            double dr = u[0][k] - (cr * v[0][k] - ci * v[1][k]);
            double di = u[1][k] - (cr * v[1][k] + ci * v[0][k]);
            if (Math.hypot(dr, di) > tolerance) {
                return Double.NaN;
            }
        }
        return gamma;
    }

    /** The product a·b of two 2×2 matrices. */
    static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[2][4];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double re = 0;
                double im = 0;
                for (int k = 0; k < 2; k++) {
                    double ar = a[0][2 * r + k];
                    double ai = a[1][2 * r + k];
                    double br = b[0][2 * k + c];
                    double bi = b[1][2 * k + c];
                    re += ar * br - ai * bi;
                    im += ar * bi + ai * br;
                }
                out[0][2 * r + c] = re;
                out[1][2 * r + c] = im;
            }
        }
        return out;
    }
}
