package io.qmoe.meanfield;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.FlowEvaluation;
import io.qmoe.mixture.GradientFlowTrainer;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.RungeKutta4Integrator;
import io.qmoe.mixture.Tasks;
import io.qmoe.mixture.TimeGrid;
import io.qmoe.mixture.TrainingObserver;
import io.qmoe.stats.TorusMmd;
import org.junit.jupiter.api.Test;

/**
 * With a kernel of short Fourier sums (d = 2, κ = 1) the kernel distances are measured at every snapshot, not only at
 * the transport times, and equal the pairwise definition on the sample's own angles; the transport stays at its
 * times; with a wide spectrum (d = 4, κ = 6) the kernel distances stay at the transport times.
 */
class KernelSnapshotsTest {
    private static Expert expert(int layers) {
        ParametricCircuit.Builder b = ParametricCircuit.builder(1).data("x");
        for (int l = 0; l < layers; l++) {
            b.trainable("a" + l).trainable("b" + l).ry(0, "a" + l).rx(0, "x").rz(0, "b" + l);
        }
        return Expert.on(b.build(), PauliObservable.z(0), new StateVectorEstimator(1));
    }

    @Test
    void shortSpectraGiveTheKernelDistancesAtEverySnapshot() {
        Expert e = expert(1);
        Dataset data = Tasks.sine(6);
        AnalysisConfig config = AnalysisConfig.builder().experts(10).seeds(1).referenceSize(80).time(0.3).dt(0.1)
                .snapshots(0, 0.1, 0.2, 0.3).transportSnapshots(0, 0.3).build();
        AnalysisPlan plan = new AnalysisPlan(config);
        ReferenceRun.Outcome reference = ReferenceRun.run(e, data, plan,
                new SampleSweep.SeedSchedule(config.seed()).reference(), units -> { });
        AnalysisResult.Sample s = new SampleJob(config, plan, e.dimension(), reference)
                .run(e, data, new SampleJob.Key(10, 0), units -> { });
        for (int idx = 0; idx < 4; idx++) {
            assertThat(s.value(Quantity.KERNEL_DISTANCE, idx)).as("mmd at snapshot " + idx).isPositive();
            assertThat(s.value(Quantity.TWIN_KERNEL_DISTANCE, idx)).isPositive();
            assertThat(s.value(Quantity.KERNEL_TO_UNIFORM, idx)).isPositive();
            assertThat(Double.isNaN(s.value(Quantity.WASSERSTEIN, idx))).as("W2 at snapshot " + idx)
                    .isEqualTo(idx == 1 || idx == 2);
        }
        // the sample's angles at t = 0.1, trained again here, against the reference's cloud there, pairwise
        MixtureOfExperts mixture = new MixtureOfExperts(e, 10);
        double[] angles = mixture.initialAngles(s.seed());
        new GradientFlowTrainer(mixture, data, new RungeKutta4Integrator(), TimeGrid.of(0.3, 0.1)).run(angles, 0, 1,
                new TrainingObserver() {
                    @Override
                    public void recorded(int step, double t, FlowEvaluation ev) {
                    }
                });
        double pairwise = TorusMmd.vonMises(1).pairwise().between(2, MixtureOfExperts.wrap(angles),
                reference.reference().clouds()[1]).distance();
        assertThat(s.value(Quantity.KERNEL_DISTANCE, 1)).isCloseTo(pairwise, within(1e-12));
    }

    @Test
    void wideSpectraKeepTheKernelDistancesAtTheTransportTimes() {
        Expert e = expert(2);
        Dataset data = Tasks.sine(6);
        AnalysisConfig config = AnalysisConfig.builder().experts(10).seeds(1).referenceSize(80).time(0.2).dt(0.1)
                .snapshots(0, 0.1, 0.2).transportSnapshots(0, 0.2).kernelConcentration(6).build();
        AnalysisPlan plan = new AnalysisPlan(config);
        assertThat(plan.kernel().usesFourierSums(4)).isFalse();
        ReferenceRun.Outcome reference = ReferenceRun.run(e, data, plan,
                new SampleSweep.SeedSchedule(config.seed()).reference(), units -> { });
        AnalysisResult.Sample s = new SampleJob(config, plan, e.dimension(), reference)
                .run(e, data, new SampleJob.Key(10, 0), units -> { });
        assertThat(s.value(Quantity.KERNEL_DISTANCE, 0)).isPositive();
        assertThat(s.value(Quantity.KERNEL_DISTANCE, 1)).isNaN();
        assertThat(s.value(Quantity.KERNEL_DISTANCE, 2)).isPositive();
    }
}
