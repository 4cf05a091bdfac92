package io.qmoe.meanfield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.MixtureFlow;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.OutputScaling;
import io.qmoe.mixture.RungeKutta4Integrator;
import io.qmoe.mixture.Tasks;
import io.qmoe.mixture.TimeGrid;
import io.qmoe.testing.ClosedFormQubitExpert;
import org.junit.jupiter.api.Test;

class MeanFieldAnalysisTest {
    private static final Expert EXPERT = ClosedFormQubitExpert.expert();
    private static final Dataset DATA = Tasks.teacher(EXPERT, 10, 0);

    private static AnalysisResult.QuantityFit fit(AnalysisResult r, String quantity, double time) {
        return r.fits().stream().filter(f -> f.quantity().equals(quantity) && f.time() == time).findFirst()
                .orElseThrow();
    }

    @Test
    void couplingDistanceAndPredictionGapDecayLikeOneOverSqrtN() {
        AnalysisConfig config = AnalysisConfig.builder().experts(16, 32, 64, 128, 256).seeds(4).referenceSize(4096)
                .time(2).dt(0.1).snapshots(0, 2).transportSnapshots(0, 2).build();
        AnalysisResult r = new MeanFieldAnalysis(EXPERT, DATA, config).run((done, total, status) -> { });
        assertThat(fit(r, "coupling", 2.0).slope()).isBetween(-0.65, -0.35);
        assertThat(fit(r, "prediction_gap", 2.0).slope()).isBetween(-0.7, -0.3);
        for (AnalysisResult.Sample s : r.samples()) {
            assertThat(s.value(Quantity.COUPLING, 0)).isZero();
            assertThat(s.value(Quantity.DISPLACEMENT, 0)).isZero();
            // the twins start at the mixture's angles: at t = 0 mixture and twins are the same cloud
            assertThat(s.value(Quantity.MIXTURE_TWIN_WASSERSTEIN, 0)).isZero();
            assertThat(s.value(Quantity.TWIN_WASSERSTEIN, 0)).isEqualTo(s.value(Quantity.WASSERSTEIN, 0));
        }
        // in the mean-field scaling the angles move by O(1) whatever N is
        assertThat(Math.abs(fit(r, "displacement", 2.0).slope())).isLessThan(0.1);
    }

    @Test
    void samplesTrainedSideBySideGiveTheSameNumbersAsOneAfterAnother() {
        ParametricCircuit c = ParametricCircuit.builder(1).trainable("a").trainable("b").data("x")
                .ry(0, "a").rx(0, "x").rz(0, "b").ry(0, "x").build();
        Expert e = Expert.on(c, PauliObservable.z(0), new StateVectorEstimator(2));
        Dataset data = Tasks.sine(8);
        AnalysisConfig config = AnalysisConfig.builder().experts(8, 16, 32).seeds(2).referenceSize(256).time(0.5)
                .dt(0.1).snapshots(0, 0.5).build();
        AnalysisResult one = new MeanFieldAnalysis(e, data, config).run((d, t, s) -> { },
                MeanFieldAnalysis.SampleStore.NONE, 1);
        AnalysisResult three = new MeanFieldAnalysis(e, data, config).run((d, t, s) -> { },
                MeanFieldAnalysis.SampleStore.NONE, 3);
        assertThat(three.samples()).hasSameSizeAs(one.samples());
        for (int i = 0; i < one.samples().size(); i++) {
            AnalysisResult.Sample a = one.samples().get(i);
            AnalysisResult.Sample b = three.samples().get(i);
            assertThat(b.experts()).isEqualTo(a.experts());
            assertThat(b.seedIndex()).isEqualTo(a.seedIndex());
            assertThat(b.values()).isDeepEqualTo(a.values());
            assertThat(b.lossHistory()).isEqualTo(a.lossHistory());
        }
    }

    @Test
    void lazyScalingAnglesBarelyMove() {
        AnalysisConfig config = AnalysisConfig.builder().experts(16, 64, 256, 1024).seeds(2).referenceSize(1024)
                .time(1).dt(0.1).snapshots(0, 1).scaling(OutputScaling.LAZY).build();
        AnalysisResult r = new MeanFieldAnalysis(EXPERT, DATA, config).run((done, total, status) -> { });
        assertThat(r.reference()).isNull();
        assertThat(fit(r, "displacement", 1.0).slope()).isBetween(-0.6, -0.4);
    }

    @Test
    void theNonlinearProcessOfTheReferenceParticlesIsTheReferenceItself() {
        MixtureOfExperts mixture = new MixtureOfExperts(EXPERT, 50);
        double[] reference = mixture.initialAngles(9);
        double[] driven = reference.clone();
        TimeGrid grid = new TimeGrid(1, 10);
        ResidualSchedule schedule = new ResidualSchedule();
        RungeKutta4Integrator rk4 = new RungeKutta4Integrator();
        for (int j = 0; j < grid.steps(); j++) {
            schedule.beginStep();
            rk4.advance(new MixtureFlow(mixture, DATA, e -> schedule.record(e.residuals())), grid.time(j),
                    grid.time(j + 1), reference);
            rk4.advance(new ScheduledResidualFlow(mixture, DATA, schedule.stages(j)), grid.time(j), grid.time(j + 1),
                    driven);
        }
        assertThat(schedule.stages(0)).hasSize(4);
        assertThat(driven).isEqualTo(reference);
    }

    @Test
    void refusesCircuitsWhoseAnglesAreNotPeriodic() {
        ParametricCircuit halfAngle = ParametricCircuit.builder(1).trainable("t0").data("x0")
                .ry(0, "0.5*t0").rx(0, "x0").build();
        ParametricCircuit product = ParametricCircuit.builder(1).trainable("t0").data("x0")
                .ry(0, "t0*x0").build();
        AnalysisConfig config = AnalysisConfig.builder().experts(4).referenceSize(8).build();
        for (ParametricCircuit c : new ParametricCircuit[] {halfAngle, product}) {
            Expert e = new Expert(c, PauliObservable.z(0), EXPERT.estimator(), EXPERT.gradientMethod());
            assertThatThrownBy(() -> new MeanFieldAnalysis(e, DATA, config))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2pi-periodic")
                    .hasMessageContaining("t0");
        }
    }

    @Test
    void configRejectsBadValues() {
        assertThatThrownBy(() -> AnalysisConfig.builder().experts(16, 16).build()).hasMessageContaining("twice");
        assertThatThrownBy(() -> AnalysisConfig.builder().experts(64).referenceSize(32).build())
                .isInstanceOf(io.qmoe.InvalidSettingException.class).hasMessageContaining("reference-size");
        assertThatThrownBy(() -> AnalysisConfig.builder().integrator("adaptive").build())
                .hasMessageContaining("fixed step");
        assertThatThrownBy(() -> AnalysisConfig.builder().time(1).snapshots(2).build())
                .hasMessageContaining("snapshots");
        assertThatThrownBy(() -> AnalysisConfig.builder().seeds(0).build()).hasMessageContaining("seeds");
        assertThatThrownBy(() -> AnalysisConfig.builder().gridCells(1_000_000).build()).hasMessageContaining("grid");
        assertThatThrownBy(() -> AnalysisConfig.builder().time(2).transportSnapshots(3).build())
                .hasMessageContaining("transport-snapshots");
    }

    /**
     * W₂ is a metric, so |W₂(μ_N, ref) − W₂(twins, ref)| ≤ W₂(μ_N, twins); and the synchronous coupling is one
     * coupling of μ_N and the twins, so W₂(μ_N, twins) ≤ D_N. Both must hold on every sample at every transport time.
     */
    @Test
    void theTriangleInequalityOfTheWassersteinDistancesHoldsOnEverySample() {
        AnalysisConfig config = AnalysisConfig.builder().experts(8, 16, 32, 64).seeds(3).referenceSize(512).time(2)
                .dt(0.1).snapshots(0, 1, 2).transportSnapshots(0, 0.5, 1, 2).build();
        AnalysisResult r = new MeanFieldAnalysis(EXPERT, DATA, config).run((done, total, status) -> { });
        int checked = 0;
        for (AnalysisResult.Sample s : r.samples()) {
            for (int t = 0; t < r.snapshotTimes().length; t++) {
                double w = s.value(Quantity.WASSERSTEIN, t);
                if (Double.isNaN(w)) {
                    continue;
                }
                double twin = s.value(Quantity.TWIN_WASSERSTEIN, t);
                double between = s.value(Quantity.MIXTURE_TWIN_WASSERSTEIN, t);
                double coupling = s.value(Quantity.COUPLING, t);
                assertThat(Math.abs(w - twin)).isLessThanOrEqualTo(between + 1e-12);
                assertThat(between).isLessThanOrEqualTo(coupling + 1e-12);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(4 * 3 * 4);
        // and the bound is not vacuous: by t = 2 the mixtures have separated from their twins
        assertThat(r.samples().get(0).value(Quantity.MIXTURE_TWIN_WASSERSTEIN, r.snapshotTimes().length - 1))
                .isGreaterThan(0);
    }
}
