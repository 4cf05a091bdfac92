package io.qmoe.backend.statevector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qmoe.circuit.Ansatz;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.testing.RandomCircuits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API path of {@link StateKernels} (the test JVM has {@code --add-modules jdk.incubator.vector}): every
 * kernel on an 11-qubit state (above {@link Simd#MIN_DIM}), on every qubit or pair and split in 1, 2 and 3 shares,
 * against a plain per-amplitude loop written here with the scalar kernels' formulas, bit for bit; a few closed forms;
 * and a child JVM without the module, which must load, run the scalar loops and give the same bits.
 */
class VectorKernelsTest {
    private static final int N = 11;
    private static final int DIM = 1 << N;

    @BeforeAll
    static void vectorKernelsAreInUse() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("surefire adds the module").isPresent();
        assumeTrue(Simd.AVAILABLE, "this machine has no 256-bit vectors");
        assertThat(Simd.awaitWarm()).isTrue();
        assertThat(Simd.use(DIM)).isTrue();
    }

    /** A random normalised-ish state (no zeros). */
    private static double[][] state(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] s = new double[2][DIM];
        for (int i = 0; i < DIM; i++) {
            s[0][i] = rnd.nextDouble(-1, 1) / 32;
            s[1][i] = rnd.nextDouble(-1, 1) / 32;
        }
        return s;
    }

    private static double[][] copy(double[][] s) {
        return new double[][] {s[0].clone(), s[1].clone()};
    }

    /** One kernel call: share {@code part} of {@code parts}. */
    private interface Kernel {
        void apply(double[] re, double[] im, int part, int parts);
    }

    /** The reference: the new (re, im) of every amplitude from the old state. */
    private interface Reference {
        void apply(double[] oldRe, double[] oldIm, double[] re, double[] im);
    }

    private static void check(String what, Kernel kernel, Reference reference, long seed) {
        double[][] start = state(seed);
        double[][] expected = copy(start);
        reference.apply(start[0], start[1], expected[0], expected[1]);
        for (int parts = 1; parts <= 3; parts++) {
            double[][] got = copy(start);
            for (int part = 0; part < parts; part++) {
                kernel.apply(got[0], got[1], part, parts);
            }
            for (int i = 0; i < DIM; i++) {
                if (Double.doubleToRawLongBits(got[0][i]) != Double.doubleToRawLongBits(expected[0][i])
                        || Double.doubleToRawLongBits(got[1][i]) != Double.doubleToRawLongBits(expected[1][i])) {
                    throw new AssertionError(what + ", " + parts + " shares: amplitude " + i + " is (" + got[0][i]
                            + ", " + got[1][i] + "), expected (" + expected[0][i] + ", " + expected[1][i] + ")");
                }
            }
        }
    }

    @Test
    void oneQubitKernelsGiveTheScalarBitsOnEveryQubit() {
        double c = Math.cos(0.37);
        double s = Math.sin(0.37);
        double[] m = {0.3, -0.2, 0.5, 0.1, -0.7, 0.25, 0.15, 0.9};
        for (int q = 0; q < N; q++) {
            int bit = 1 << q;
            int qq = q;
            check("ry q" + q, (re, im, p, ps) -> StateKernels.rotateReal(re, im, qq, c, s, p, ps), (or, oi, re, im) -> {
                for (int i = 0; i < DIM; i++) {
                    if ((i & bit) == 0) {
                        int j = i | bit;
                        re[i] = c * or[i] - s * or[j];
                        im[i] = c * oi[i] - s * oi[j];
                        re[j] = s * or[i] + c * or[j];
                        im[j] = s * oi[i] + c * oi[j];
                    }
                }
            }, q);
            check("rx q" + q, (re, im, p, ps) -> StateKernels.rotateX(re, im, qq, c, s, p, ps), (or, oi, re, im) -> {
                for (int i = 0; i < DIM; i++) {
                    if ((i & bit) == 0) {
                        int j = i | bit;
                        re[i] = c * or[i] + s * oi[j];
                        im[i] = c * oi[i] - s * or[j];
                        re[j] = c * or[j] + s * oi[i];
                        im[j] = c * oi[j] - s * or[i];
                    }
                }
            }, q);
            check("dense q" + q, (re, im, p, ps) -> StateKernels.apply1(re, im, qq, m[0], m[1], m[2], m[3], m[4], m[5],
                    m[6], m[7], p, ps), (or, oi, re, im) -> {
                        for (int i = 0; i < DIM; i++) {
                            if ((i & bit) == 0) {
                                dense(or, oi, re, im, i, i | bit, m);
                            }
                        }
                    }, q);
            check("diagonal q" + q, (re, im, p, ps) -> StateKernels.diagonal1(re, im, qq, c, -s, m[0], m[1], p, ps),
                    (or, oi, re, im) -> {
                        for (int i = 0; i < DIM; i++) {
                            boolean one = (i & bit) != 0;
                            phase(or, oi, re, im, i, one ? m[0] : c, one ? m[1] : -s);
                        }
                    }, q);
            check("x q" + q, (re, im, p, ps) -> StateKernels.flip(re, im, qq, p, ps), (or, oi, re, im) -> {
                for (int i = 0; i < DIM; i++) {
                    re[i] = or[i ^ bit];
                    im[i] = oi[i ^ bit];
                }
            }, q);
        }
    }

    @Test
    void twoQubitKernelsGiveTheScalarBitsOnEveryPair() {
        double c = Math.cos(0.61);
        double s = Math.sin(0.61);
        double[] m = {0.3, -0.2, 0.5, 0.1, -0.7, 0.25, 0.15, 0.9};
        for (int a = 0; a < N; a++) {
            for (int b = 0; b < N; b++) {
                if (a == b) {
                    continue;
                }
                int ab = 1 << a;
                int bb = 1 << b;
                int qa = a;
                int qb = b;
                String pair = " (" + a + ", " + b + ")";
                check("cx" + pair, (re, im, p, ps) -> StateKernels.cnot(re, im, qa, qb, p, ps), (or, oi, re, im) -> {
                    for (int i = 0; i < DIM; i++) {
                        int j = (i & ab) != 0 ? i ^ bb : i;
                        re[i] = or[j];
                        im[i] = oi[j];
                    }
                }, 100 + a);
                check("swap" + pair, (re, im, p, ps) -> StateKernels.swap(re, im, qa, qb, p, ps), (or, oi, re, im) -> {
                    for (int i = 0; i < DIM; i++) {
                        int j = ((i & ab) != 0) != ((i & bb) != 0) ? i ^ ab ^ bb : i;
                        re[i] = or[j];
                        im[i] = oi[j];
                    }
                }, 200 + a);
                check("controlled dense" + pair, (re, im, p, ps) -> StateKernels.applyControlled1(re, im, qa, qb, m[0],
                        m[1], m[2], m[3], m[4], m[5], m[6], m[7], p, ps), (or, oi, re, im) -> {
                            for (int i = 0; i < DIM; i++) {
                                if ((i & ab) != 0 && (i & bb) == 0) {
                                    dense(or, oi, re, im, i, i | bb, m);
                                }
                            }
                        }, 300 + b);
                check("cp" + pair, (re, im, p, ps) -> StateKernels.phaseOnBoth(re, im, qa, qb, c, s, p, ps),
                        (or, oi, re, im) -> {
                            for (int i = 0; i < DIM; i++) {
                                if ((i & ab) != 0 && (i & bb) != 0) {
                                    phase(or, oi, re, im, i, c, s);
                                }
                            }
                        }, 400 + b);
                check("zz" + pair, (re, im, p, ps) -> StateKernels.zz(re, im, qa, qb, c, s, p, ps),
                        (or, oi, re, im) -> {
                            for (int i = 0; i < DIM; i++) {
                                boolean equal = ((i & ab) != 0) == ((i & bb) != 0);
                                phase(or, oi, re, im, i, c, equal ? -s : s);
                            }
                        }, 500 + b);
                for (boolean yy : new boolean[] {false, true}) {
                    check((yy ? "yy" : "xx") + pair, (re, im, p, ps) -> StateKernels.xxOrYy(re, im, qa, qb, c, s, yy,
                            p, ps), (or, oi, re, im) -> {
                                int low = 1 << Math.min(qa, qb);
                                int high = 1 << Math.max(qa, qb);
                                for (int i = 0; i < DIM; i++) {
                                    if ((i & low) == 0) {
                                        int j = i ^ ab ^ bb;
                                        double ss = yy && (i & high) == 0 ? -s : s;
                                        re[i] = c * or[i] + ss * oi[j];
                                        im[i] = c * oi[i] - ss * or[j];
                                        re[j] = c * or[j] + ss * oi[i];
                                        im[j] = c * oi[j] - ss * or[i];
                                    }
                                }
                            }, 600 + a);
                }
            }
        }
    }

    /** The scalar kernels' dense formula for the pair (i, j). */
    private static void dense(double[] or, double[] oi, double[] re, double[] im, int i, int j, double[] m) {
        double xr = or[i];
        double xi = oi[i];
        double yr = or[j];
        double yi = oi[j];
        re[i] = m[0] * xr - m[1] * xi + m[2] * yr - m[3] * yi;
        im[i] = m[0] * xi + m[1] * xr + m[2] * yi + m[3] * yr;
        re[j] = m[4] * xr - m[5] * xi + m[6] * yr - m[7] * yi;
        im[j] = m[4] * xi + m[5] * xr + m[6] * yi + m[7] * yr;
    }

    private static void phase(double[] or, double[] oi, double[] re, double[] im, int i, double c, double s) {
        re[i] = c * or[i] - s * oi[i];
        im[i] = c * oi[i] + s * or[i];
    }

    @Test
    void closedFormsOnTwelveQubits() {
        // ry(θ_q) on every qubit of |0…0⟩: a product state, amplitude Π_q (bit q ? sin : cos)(θ_q/2)
        int n = 12;
        ParametricCircuit.Builder b = ParametricCircuit.builder(n);
        double[] theta = new double[n];
        for (int q = 0; q < n; q++) {
            b.trainable("t" + q);
            theta[q] = 0.3 + 0.41 * q;
        }
        for (int q = 0; q < n; q++) {
            b.ry(q, "t" + q);
        }
        double[][] psi = new StateVectorEstimator(1).state(b.build(), theta);
        for (int i = 0; i < 1 << n; i++) {
            double a = 1;
            for (int q = 0; q < n; q++) {
                a *= (i >> q & 1) == 1 ? Math.sin(theta[q] / 2) : Math.cos(theta[q] / 2);
            }
            assertThat(psi[0][i]).isCloseTo(a, within(1e-14));
            assertThat(psi[1][i]).isCloseTo(0, within(1e-15));
        }
        // GHZ by h(0) and a chain of cx, then cx(n − 1, 0) and x(1): (|…01⟩... ) closed form on two amplitudes
        ParametricCircuit.Builder g = ParametricCircuit.builder(n).h(0);
        for (int q = 0; q + 1 < n; q++) {
            g.cx(q, q + 1);
        }
        g.cx(n - 1, 0).gate(GateKind.X, 1);
        double[][] ghz = new StateVectorEstimator(1).state(g.build(), new double[0]);
        double r = Math.sqrt(0.5);
        for (int i = 0; i < 1 << n; i++) {
            // |0…0⟩ → |0…010⟩ (index 2); |1…1⟩ → cx(n−1, 0) clears bit 0 → then x(1) clears bit 1: all ones but 0, 1
            double expected = i == 2 || i == ((1 << n) - 1) - 3 ? r : 0;
            assertThat(ghz[0][i]).as("amplitude " + i).isCloseTo(expected, within(1e-15));
            assertThat(ghz[1][i]).isCloseTo(0, within(1e-15));
        }
    }

    @Test
    void aJvmWithoutTheModuleLoadsRunsScalarAndGivesTheSameBits() throws Exception {
        List<String> here = ScalarStates.hashes();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ScalarStates.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.strip().lines().toList();
        assertThat(lines.get(0)).isEqualTo("scalar loops");
        assertThat(lines.subList(1, lines.size())).isEqualTo(here);
        assertThat(here).hasSize(ScalarStates.CIRCUITS);
    }

    /** Prints the kernel path and a hash of the final state of a few circuits (the child JVM of the test above). */
    static final class ScalarStates {
        static final int CIRCUITS = 4;

        private ScalarStates() {
        }

        static List<String> hashes() {
            List<String> out = new ArrayList<>();
            SplittableRandom rnd = new SplittableRandom(7);
            StateVectorEstimator sv = new StateVectorEstimator(1);
            for (int k = 0; k < CIRCUITS; k++) {
                // the ansatz of the benchmark, and random circuits with every gate kind
                int n = 11 + k;
                ParametricCircuit c = k == 0 ? Ansatz.hardwareEfficient(12, 2, 0)
                        : RandomCircuits.circuit(rnd, n, 120, false);
                double[] in = RandomCircuits.inputs(rnd, c);
                double[][] psi = sv.state(c, in);
                long h = 17;
                for (int i = 0; i < psi[0].length; i++) {
                    h = 31 * h + Double.doubleToRawLongBits(psi[0][i]);
                    h = 31 * h + Double.doubleToRawLongBits(psi[1][i]);
                }
                out.add(Long.toHexString(h));
            }
            return out;
        }

        public static void main(String[] args) {
            System.out.println(Simd.describe());
            hashes().forEach(System.out::println);
        }
    }
}
