package io.qmoe.backend.statevector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.qasm.BundledCircuits;
import io.qmoe.qasm.LoadedCircuit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Bloch form of one-qubit trainable · data · trainable circuits against independent computations: the closed form
 * f = cos t0 cos t1 cos x0 − sin t0 sin t1 of circuits/reupload-1q.qasm and its gradient, and the lane and full-state
 * kernels (the engine with the Bloch form switched off) on random circuits of that shape, to 1e-14; the same bits on
 * 1, 2 and 3 threads; circuits of another shape keep the kernels.
 */
class BlochProgramTest {

    private static double[] random(SplittableRandom rnd, int n, double range) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rnd.nextDouble() * 2 - 1) * range;
        }
        return v;
    }

    @Test
    void reuploadingExpertMatchesItsClosedFormAndGradient() {
        LoadedCircuit lc = BundledCircuits.load("reupload-1q");
        ParametricCircuit c = lc.circuit();
        PauliObservable o = lc.observable();
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 300;
        int m = 20;
        double[] angles = random(rnd, 2 * n, 2 * Math.PI);
        double[] xs = random(rnd, m, Math.PI);
        double[] weights = random(rnd, m, 1);
        try (StateVectorEstimator sv = new StateVectorEstimator(2)) {
            assertThat(sv.blochProgram(c)).isPresent();
            double[] values = new double[n * m];
            sv.gridValues(c, o, angles, 0, n, xs, m, values, 0);
            ValuesAndGradients vg = sv.gridValuesAndGradients(c, o, angles, 0, n, xs, m);
            double[] weighted = new double[2 * n];
            sv.weightedGradients(c, o, angles, 0, n, xs, weights, weighted, 0);
            for (int i = 0; i < n; i++) {
                double t0 = angles[2 * i];
                double t1 = angles[2 * i + 1];
                double w0 = 0;
                double w1 = 0;
                for (int a = 0; a < m; a++) {
                    double x = xs[a];
                    double f = Math.cos(t0) * Math.cos(t1) * Math.cos(x) - Math.sin(t0) * Math.sin(t1);
                    double g0 = -Math.sin(t0) * Math.cos(t1) * Math.cos(x) - Math.cos(t0) * Math.sin(t1);
                    double g1 = -Math.cos(t0) * Math.sin(t1) * Math.cos(x) - Math.sin(t0) * Math.cos(t1);
                    int r = i * m + a;
                    assertThat(values[r]).isCloseTo(f, within(1e-14));
                    assertThat(vg.values()[r]).isEqualTo(values[r]);
                    assertThat(vg.gradient(r, 0)).isCloseTo(g0, within(1e-14));
                    assertThat(vg.gradient(r, 1)).isCloseTo(g1, within(1e-14));
                    w0 += weights[a] * g0;
                    w1 += weights[a] * g1;
                }
                assertThat(weighted[2 * i]).isCloseTo(w0, within(1e-13));
                assertThat(weighted[2 * i + 1]).isCloseTo(w1, within(1e-13));
            }
        }
    }

    /** A random one-qubit circuit: trainable-only gates, then data-only gates, then trainable-only ones again. */
    private static ParametricCircuit separable(SplittableRandom rnd) {
        String[] trainable = {"t0", "t1", "2*t1 - t0 + pi/3", "t0*t1", "0.7", "-t2", "t2 + 0.25"};
        String[] data = {"x0", "-x1", "3*x0 + x1", "0.4", "x0*x1"};
        GateKind[] kinds = {GateKind.H, GateKind.X, GateKind.Y, GateKind.Z, GateKind.S, GateKind.SDG, GateKind.T,
            GateKind.TDG, GateKind.SX, GateKind.SXDG, GateKind.RX, GateKind.RY, GateKind.RZ, GateKind.P, GateKind.ID};
        ParametricCircuit.Builder b = ParametricCircuit.builder(1).trainable("t0", "t1", "t2").data("x0", "x1");
        int[] lengths = {1 + rnd.nextInt(4), rnd.nextInt(4), rnd.nextInt(4)};
        for (int segment = 0; segment < 3; segment++) {
            String[] forms = segment == 1 ? data : trainable;
            for (int g = 0; g < lengths[segment]; g++) {
                GateKind k = kinds[rnd.nextInt(kinds.length)];
                if (k.parametric()) {
                    b.gate(k, forms[rnd.nextInt(forms.length)], 0);
                } else {
                    b.gate(k, 0);
                }
            }
        }
        // one trainable rotation in the prefix at least, so every trainable may matter
        b.gate(GateKind.RY, "t0 + t1 + t2", 0);
        return b.build();
    }

    @Test
    void randomSeparableCircuitsMatchTheKernelsOnEveryPathAndThreadCount() {
        SplittableRandom rnd = new SplittableRandom(31);
        String[] observables = {"Z0", "X0", "Y0", "0.5*X0 - 0.25*Y0 + 0.75*Z0", "-1.5*Y0 + 0.3*X0"};
        int checked = 0;
        for (int trial = 0; trial < 40; trial++) {
            ParametricCircuit c = separable(rnd);
            PauliObservable o = PauliObservable.parse(observables[trial % observables.length]);
            int n = 70 + rnd.nextInt(200);
            int m = 1 + rnd.nextInt(9);
            double[] angles = random(rnd, 3 * n, 2 * Math.PI);
            double[] xs = random(rnd, 2 * m, Math.PI);
            double[] weights = random(rnd, m, 1);
            double[][] rows = new double[n * m][];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < m; a++) {
                    rows[i * m + a] = new double[] {angles[3 * i], angles[3 * i + 1], angles[3 * i + 2], xs[2 * a],
                        xs[2 * a + 1]};
                }
            }
            double[] refValues;
            ValuesAndGradients ref;
            double[] refWeighted = new double[3 * n];
            try (StateVectorEstimator kernels = new StateVectorEstimator(1, false)) {
                refValues = kernels.values(c, o, rows);
                ref = kernels.valuesAndGradients(c, o, rows);
                kernels.weightedGradients(c, o, angles, 0, n, xs, weights, refWeighted, 0);
            }
            double[] firstValues = null;
            double[] firstWeighted = null;
            for (int threads = 1; threads <= 3; threads++) {
                try (StateVectorEstimator sv = new StateVectorEstimator(threads)) {
                    assertThat(sv.blochProgram(c)).as(c.toString()).isPresent();
                    double[] values = new double[n * m];
                    sv.gridValues(c, o, angles, 0, n, xs, m, values, 0);
                    ValuesAndGradients vg = sv.gridValuesAndGradients(c, o, angles, 0, n, xs, m);
                    ValuesAndGradients rowVg = sv.valuesAndGradients(c, o, rows);
                    double[] weighted = new double[3 * n];
                    sv.weightedGradients(c, o, angles, 0, n, xs, weights, weighted, 0);
                    for (int r = 0; r < n * m; r++) {
                        assertThat(values[r]).as("value, trial " + trial).isCloseTo(refValues[r], within(1e-14));
                        for (int j = 0; j < 3; j++) {
                            assertThat(vg.gradient(r, j)).as("gradient, trial " + trial)
                                    .isCloseTo(ref.gradient(r, j), within(2e-14));
                        }
                    }
                    for (int i = 0; i < 3 * n; i++) {
                        assertThat(weighted[i]).isCloseTo(refWeighted[i], within(1e-13));
                    }
                    // grid and rows, values and gradients, values-only and gradient passes: the same bits
                    assertThat(vg.values()).isEqualTo(values);
                    assertThat(rowVg.values()).isEqualTo(values);
                    assertThat(rowVg.gradients()).isEqualTo(vg.gradients());
                    assertThat(sv.values(c, o, rows)).isEqualTo(values);
                    if (firstValues == null) {
                        firstValues = values;
                        firstWeighted = weighted;
                    } else {
                        assertThat(values).as(threads + " threads").isEqualTo(firstValues);
                        assertThat(weighted).as(threads + " threads").isEqualTo(firstWeighted);
                    }
                }
            }
            checked++;
        }
        assertThat(checked).isEqualTo(40);
    }

    /**
     * What the Spark path relies on: the predictions and velocities of a whole mixture equal, bit for bit, those put
     * together from mixtures of one {@link io.qmoe.mixture.MixtureOfExperts#SUM_BLOCK} block each (block sums added
     * in block order, each block's velocities from its own call), as {@code PartitionedMixture} computes them.
     */
    @Test
    void blocksOfOneThousandTwentyFourExpertsGiveTheWholeMixturesBits() {
        LoadedCircuit lc = BundledCircuits.load("reupload-1q");
        int n = 2500;
        int m = 20;
        int block = io.qmoe.mixture.MixtureOfExperts.SUM_BLOCK;
        SplittableRandom rnd = new SplittableRandom(8);
        double[] x = random(rnd, m, Math.PI);
        double[] y = random(rnd, m, 0.5);
        io.qmoe.mixture.Dataset data = new io.qmoe.mixture.Dataset("d", java.util.List.of("x0"), x, y);
        for (int threads = 1; threads <= 3; threads++) {
            try (StateVectorEstimator sv = new StateVectorEstimator(threads)) {
                io.qmoe.mixture.Expert expert = io.qmoe.mixture.Expert.on(lc.circuit(), lc.observable(), sv);
                io.qmoe.mixture.MixtureOfExperts whole = new io.qmoe.mixture.MixtureOfExperts(expert, n);
                double[] angles = whole.initialAngles(4);
                io.qmoe.mixture.FlowEvaluation e = whole.evaluateWithVelocity(angles, data);
                double[] sums = new double[m];
                for (int from = 0; from < n; from += block) {
                    int length = Math.min(n, from + block) - from;
                    double[] part = new io.qmoe.mixture.MixtureOfExperts(expert, length)
                            .dataSums(java.util.Arrays.copyOfRange(angles, 2 * from, 2 * (from + length)), data);
                    for (int a = 0; a < m; a++) {
                        sums[a] += part[a];
                    }
                }
                io.qmoe.mixture.FlowEvaluation fromBlocks = io.qmoe.mixture.MixtureOfExperts.fromSums(sums, data,
                        whole.scaling(), n);
                assertThat(fromBlocks.predictions()).isEqualTo(e.predictions());
                assertThat(fromBlocks.residuals()).isEqualTo(e.residuals());
                double[] velocity = new double[2 * n];
                for (int from = 0; from < n; from += block) {
                    int length = Math.min(n, from + block) - from;
                    double[] v = new io.qmoe.mixture.MixtureOfExperts(expert, length).residualVelocities(
                            java.util.Arrays.copyOfRange(angles, 2 * from, 2 * (from + length)), data, e.residuals());
                    System.arraycopy(v, 0, velocity, 2 * from, v.length);
                }
                assertThat(velocity).as(threads + " threads").isEqualTo(e.velocity());
            }
        }
    }

    @Test
    void otherShapesKeepTheKernels() {
        ParametricCircuit twice = ParametricCircuit.builder(1).trainable("t0", "t1").data("x0")
                .gate(GateKind.RY, "t0", 0).gate(GateKind.RX, "x0", 0).gate(GateKind.RY, "t1", 0)
                .gate(GateKind.RX, "x0", 0).build();
        ParametricCircuit mixed = ParametricCircuit.builder(1).trainable("t0").data("x0")
                .gate(GateKind.RY, "t0*x0", 0).build();
        ParametricCircuit two = ParametricCircuit.builder(2).trainable("t0").data("x0")
                .gate(GateKind.RY, "t0", 0).gate(GateKind.RX, "x0", 1).build();
        try (StateVectorEstimator sv = new StateVectorEstimator(1)) {
            assertThat(sv.blochProgram(twice)).isEmpty();
            assertThat(sv.blochProgram(mixed)).isEmpty();
            assertThat(sv.blochProgram(two)).isEmpty();
        }
    }
}
