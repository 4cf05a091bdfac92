package io.qmoe.meanfield;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.EulerIntegrator;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.FlowIntegrator;
import io.qmoe.mixture.MixtureFlow;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.RungeKutta4Integrator;
import io.qmoe.mixture.Tasks;
import io.qmoe.mixture.TimeGrid;
import io.qmoe.mixture.VelocityField;
import io.qmoe.testing.ClosedFormQubitExpert;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tangent-linear fluctuations against independent facts: the twin half is the plain twins bit for bit, at t = 0
 * the linear prediction is S (a closed-form sum), and the solution is the ε-derivative of a nonlinear family of flows
 * that interpolates between the twins (ε = 0) and the mixture (ε = 1), taken by central differences of two nonlinear
 * runs.
 */
class TangentLinearFlowTest {
    /** The bundled 1-qubit re-uploading expert RY(t0)·RX(x0)·RY(t1), ⟨Z⟩, on the state-vector engine. */
    private static final Expert EXPERT = Expert.on(ParametricCircuit.builder(1).trainable("t0", "t1").data("x0")
            .ry(0, "t0").rx(0, "x0").ry(0, "t1").build(), PauliObservable.z(0), new StateVectorEstimator(1));
    private static final Dataset DATA = Tasks.teacher(EXPERT, 5, 3);
    private static final TimeGrid GRID = new TimeGrid(1, 10);

    /** The reference residual schedule of a 256-particle population on GRID with {@code integrator}. */
    private static ResidualSchedule schedule(Expert expert, String integrator) {
        AnalysisConfig config = AnalysisConfig.builder().experts(2).seeds(1).referenceSize(256).time(1).dt(0.1)
                .integrator(integrator).snapshots(0, 1).transportSnapshots().build();
        return ReferenceRun.run(expert, DATA, new AnalysisPlan(config), 7, u -> { }).schedule();
    }

    @Test
    void theTwinHalfKeepsTheBitsOfThePlainTwins() {
        for (String name : new String[] {"rk4", "euler"}) {
            FlowIntegrator integrator = name.equals("rk4") ? new RungeKutta4Integrator() : new EulerIntegrator();
            ResidualSchedule schedule = schedule(EXPERT, name);
            for (int n : new int[] {1, 3, 40}) {
                MixtureOfExperts particles = new MixtureOfExperts(EXPERT, n);
                double[] twins = particles.initialAngles(11 + n);
                double[] augmented = Arrays.copyOf(twins, 2 * twins.length);
                for (int j = 0; j < GRID.steps(); j++) {
                    integrator.advance(new ScheduledResidualFlow(particles, DATA, schedule.stages(j)), GRID.time(j),
                            GRID.time(j + 1), twins);
                    integrator.advance(new TangentLinearFlow(particles, DATA, schedule.stages(j)), GRID.time(j),
                            GRID.time(j + 1), augmented);
                }
                assertThat(Arrays.copyOfRange(augmented, 0, twins.length)).as(name + " N = " + n).isEqualTo(twins);
                // and the fluctuations did move: the twins are not the mixture
                assertThat(Arrays.stream(augmented, twins.length, augmented.length).map(Math::abs).max()
                        .orElseThrow()).as(name + " N = " + n).isGreaterThan(1e-3);
            }
        }
    }

    @Test
    void atTimeZeroTheLinearPredictionIsTheSampleMeanOffsetS() {
        Expert closed = ClosedFormQubitExpert.expert();
        int n = 7;
        MixtureOfExperts particles = new MixtureOfExperts(closed, n);
        double[] twins = particles.initialAngles(5);
        double[] limit = {0.3, -0.1, 0.05, 0.2, -0.4};
        double[] z = TangentLinearFlow.linearPrediction(particles, DATA, twins, new double[twins.length], limit);
        for (int a = 0; a < DATA.size(); a++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += ClosedFormQubitExpert.f(twins[2 * i], twins[2 * i + 1], DATA.features(a)[0]);
            }
            assertThat(z[a]).isCloseTo(Math.sqrt(n) * (sum / n - limit[a]), org.assertj.core.data.Offset.offset(1e-14));
        }
    }

    @Test
    void atTimeZeroTheLinearPredictionIsTheFluctuationItselfInTheAnalysis() {
        AnalysisConfig config = AnalysisConfig.builder().experts(4, 8).seeds(2).referenceSize(64).time(0.4).dt(0.1)
                .snapshots(0, 0.2, 0.4).transportSnapshots().tangentLinear(true).build();
        AnalysisResult r = new MeanFieldAnalysis(EXPERT, DATA, config).run((d, t, s) -> { });
        for (AnalysisResult.Sample s : r.samples()) {
            double[] f = s.predictions()[0];
            double[] limit = r.reference().predictions()[0];
            for (int a = 0; a < f.length; a++) {
                // θ(0) = θ̄(0) and η(0) = 0: Z(0) = S(0) = Zlin(0), the same arithmetic on the same angles
                assertThat(s.linearPredictions()[0][a]).isEqualTo(Math.sqrt(s.experts()) * (f[a] - limit[a]));
            }
        }
    }

    @Test
    void turningTheSectionOnChangesNoOtherNumber() {
        AnalysisConfig.Builder b = AnalysisConfig.builder().experts(4, 8).seeds(2).referenceSize(64).time(0.4).dt(0.1)
                .snapshots(0, 0.2, 0.4).transportSnapshots(0, 0.4);
        AnalysisResult off = new MeanFieldAnalysis(EXPERT, DATA, b.build()).run((d, t, s) -> { });
        AnalysisResult on = new MeanFieldAnalysis(EXPERT, DATA, b.tangentLinear(true).build()).run((d, t, s) -> { });
        assertThat(off.linearPredictions()).isEmpty();
        assertThat(on.linearPredictions()).hasSize(2 * 2);
        for (int i = 0; i < off.samples().size(); i++) {
            // Arrays.deepEquals compares the bits, so the NaN of unmeasured quantities count as equal
            assertThat(Arrays.deepEquals(on.samples().get(i).values(), off.samples().get(i).values())).isTrue();
            assertThat(on.samples().get(i).predictions()).isDeepEqualTo(off.samples().get(i).predictions());
            assertThat(off.samples().get(i).linearPredictions()).isNull();
        }
    }

    @Test
    void progressCountsTheExtraWorkAndEndsExactlyAtTheTotal() {
        AnalysisConfig.Builder b = AnalysisConfig.builder().experts(4, 8).seeds(2).referenceSize(64).time(0.4).dt(0.1)
                .snapshots(0, 0.2, 0.4).transportSnapshots();
        long[][] seen = new long[2][2];
        for (int k = 0; k < 2; k++) {
            long[] last = seen[k];
            new MeanFieldAnalysis(EXPERT, DATA, b.tangentLinear(k == 1).build()).run((done, total, status) -> {
                if (!status.equals("done")) {
                    last[0] = done;
                }
                last[1] = total;
            });
        }
        for (long[] s : seen) {
            // the units the samples report add up to the announced total: no jump at the end
            assertThat(s[0]).isEqualTo(s[1]);
        }
        // 4 steps × 4 units per expert, plus one unit per expert at each of the 3 snapshots, per seed and N
        assertThat(seen[1][1] - seen[0][1]).isEqualTo(2L * (4 + 8) * (4 * 4 + 3));
    }

    /**
     * The family dθ_i/dt = −(1/M) Σ_a [f_N^θ(x_a) − y_a − (1−ε)(f_N^θ̄(x_a) − F(x_a))] ∇f(θ_i, x_a), integrated beside its
     * twins θ̄ over the state [θ | θ̄]. At ε = 0 it is solved by θ = θ̄, at ε = 1 it is the mixture, and its derivative
     * in ε at 0 is η/√N.
     */
    private static final class EpsilonFamily implements VelocityField {
        private final MixtureOfExperts particles;
        private final List<double[]> stages;
        private final double epsilon;
        private int next;

        EpsilonFamily(MixtureOfExperts particles, List<double[]> stages, double epsilon) {
            this.particles = particles;
            this.stages = stages;
            this.epsilon = epsilon;
        }

        @Override
        public double[] velocity(double t, double[] state) {
            double[] r = stages.get(next++);
            int nd = state.length / 2;
            double[] theta = Arrays.copyOfRange(state, 0, nd);
            double[] twins = Arrays.copyOfRange(state, nd, 2 * nd);
            double[] f = particles.evaluate(theta, DATA).predictions();
            double[] fTwins = particles.evaluate(twins, DATA).predictions();
            double[] rho = new double[r.length];
            for (int a = 0; a < r.length; a++) {
                double limit = r[a] + DATA.target(a);
                rho[a] = f[a] - DATA.target(a) - (1 - epsilon) * (fTwins[a] - limit);
            }
            double[] out = new double[2 * nd];
            System.arraycopy(particles.residualVelocities(theta, DATA, rho), 0, out, 0, nd);
            System.arraycopy(particles.residualVelocities(twins, DATA, r), 0, out, nd, nd);
            return out;
        }
    }

    private static double[] family(MixtureOfExperts particles, ResidualSchedule schedule, double[] start,
                                   double epsilon) {
        double[] state = new double[2 * start.length];
        System.arraycopy(start, 0, state, 0, start.length);
        System.arraycopy(start, 0, state, start.length, start.length);
        RungeKutta4Integrator rk4 = new RungeKutta4Integrator();
        for (int j = 0; j < GRID.steps(); j++) {
            rk4.advance(new EpsilonFamily(particles, schedule.stages(j), epsilon), GRID.time(j), GRID.time(j + 1),
                    state);
        }
        return Arrays.copyOfRange(state, 0, start.length);
    }

    @Test
    void theFamilyIsTheMixtureAtEpsilonOne() {
        ResidualSchedule schedule = schedule(EXPERT, "rk4");
        MixtureOfExperts particles = new MixtureOfExperts(EXPERT, 4);
        double[] start = particles.initialAngles(2);
        double[] mixture = start.clone();
        RungeKutta4Integrator rk4 = new RungeKutta4Integrator();
        for (int j = 0; j < GRID.steps(); j++) {
            rk4.advance(new MixtureFlow(particles, DATA), GRID.time(j), GRID.time(j + 1), mixture);
        }
        double[] one = family(particles, schedule, start, 1);
        for (int i = 0; i < start.length; i++) {
            assertThat(one[i]).isCloseTo(mixture[i], org.assertj.core.data.Offset.offset(1e-13));
        }
    }

    @Test
    void theFluctuationsAreTheEpsilonDerivativeOfTheNonlinearFamily() {
        ResidualSchedule schedule = schedule(EXPERT, "rk4");
        int n = 4;
        MixtureOfExperts particles = new MixtureOfExperts(EXPERT, n);
        double[] start = particles.initialAngles(2);
        double[] augmented = Arrays.copyOf(start, 2 * start.length);
        RungeKutta4Integrator rk4 = new RungeKutta4Integrator();
        for (int j = 0; j < GRID.steps(); j++) {
            rk4.advance(new TangentLinearFlow(particles, DATA, schedule.stages(j)), GRID.time(j), GRID.time(j + 1),
                    augmented);
        }
        double[] xi = new double[start.length];
        double scale = 0;
        for (int i = 0; i < xi.length; i++) {
            xi[i] = augmented[start.length + i] / Math.sqrt(n);
            scale = Math.max(scale, Math.abs(xi[i]));
        }
        assertThat(scale).isGreaterThan(0.05);
        double[] error = new double[2];
        double[] hs = {0.04, 0.02};
        for (int k = 0; k < hs.length; k++) {
            double h = hs[k];
            double[] up = family(particles, schedule, start, h);
            double[] down = family(particles, schedule, start, -h);
            for (int i = 0; i < xi.length; i++) {
                error[k] = Math.max(error[k], Math.abs((up[i] - down[i]) / (2 * h) - xi[i]));
            }
        }
        // central differences in ε: error c·h², so halving h divides it by 4; and it is small beside η/√N itself
        assertThat(error[0] / error[1]).isBetween(3.5, 4.5);
        assertThat(error[1]).isLessThan(1e-3 * scale);
    }
}
