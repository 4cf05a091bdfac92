package io.qmoe.meanfield;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.Tasks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A {@link SampleJob} that travelled by Java serialization (as to a Spark executor of a cluster: the reference's
 * kernel clouds are prepared again on arrival) runs a sample to the same bits as the job it was copied from.
 */
class SampleJobTest {
    @Test
    void aSerializedJobRunsTheSameSampleBitForBit() throws Exception {
        ParametricCircuit c = ParametricCircuit.builder(1).trainable("a").trainable("b").data("x")
                .ry(0, "a").rx(0, "x").rz(0, "b").ry(0, "x").build();
        Expert e = Expert.on(c, PauliObservable.z(0), new StateVectorEstimator(1));
        Dataset data = Tasks.sine(6);
        AnalysisConfig config = AnalysisConfig.builder().experts(8, 12).seeds(2).referenceSize(64).time(0.3)
                .dt(0.1).snapshots(0, 0.3).transportSnapshots(0, 0.3).build();
        AnalysisPlan plan = new AnalysisPlan(config);
        ReferenceRun.Outcome reference = ReferenceRun.run(e, data, plan,
                new SampleSweep.SeedSchedule(config.seed()).reference(), units -> { });
        SampleJob job = new SampleJob(config, plan, e.dimension(), reference);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(job);
        }
        SampleJob copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SampleJob) in.readObject();
        }
        for (SampleJob.Key key : new SampleJob.Key[] {new SampleJob.Key(12, 0), new SampleJob.Key(8, 1)}) {
            AnalysisResult.Sample a = job.run(e, data, key, units -> { });
            AnalysisResult.Sample b = copy.run(e, data, key, units -> { });
            // Arrays.deepEquals compares doubles as Double.equals does: the bits, NaN equal to NaN
            assertThat(Arrays.deepEquals(b.values(), a.values())).as("values of " + key).isTrue();
            assertThat(Arrays.equals(b.lossHistory(), a.lossHistory())).isTrue();
            assertThat(Arrays.deepEquals(b.predictions(), a.predictions())).isTrue();
            assertThat(Arrays.deepEquals(b.clouds(), a.clouds())).isTrue();
            // the kernel distances were measured (they use the re-prepared clouds), not left NaN
            assertThat(b.value(Quantity.KERNEL_DISTANCE, 1)).isPositive();
        }
    }
}
