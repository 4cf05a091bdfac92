package io.qmoe.meanfield;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.gradient.AdjointGradient;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.Tasks;
import io.qmoe.qasm.LoadedCircuit;
import io.qmoe.qasm.QasmReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Propagation of chaos in d = 16 (the bundled 4-qubit expert), a sweep too slow for the default suite
 * ({@code mvn -B test -Pslow}). The coupling distance to the nonlinear process decays like N^−1/2 whatever d is, while
 * the Wasserstein distance to the reference is dominated by the sampling error of N points in 16 dimensions, which
 * decays like N^−1/16: that contrast is why the analysis reports both.
 */
@Tag("slow")
class HighDimensionalChaosTest {

    private static AnalysisResult.QuantityFit fit(AnalysisResult r, String quantity, double time) {
        return r.fits().stream().filter(f -> f.quantity().equals(quantity) && f.time() == time).findFirst()
                .orElseThrow();
    }

    @Test
    void couplingDecaysLikeOneOverSqrtNWhileTheWassersteinDistanceSitsOnTheSamplingFloor() {
        LoadedCircuit lc = QasmReader.read(Path.of("circuits", "hea-4q.qasm"));
        Expert expert = Expert.on(lc.circuit(), lc.observable(), new StateVectorEstimator());
        Dataset data = Tasks.teacher(expert, 20, 0);
        // 8 seeds: with 3 the per-seed spread leaves the slopes a standard error of about 0.13 here
        AnalysisConfig config = AnalysisConfig.builder().experts(32, 64, 128, 256, 512, 1024).seeds(8)
                .referenceSize(8192).time(2).dt(0.1).snapshots(0, 2).transportSnapshots(2).gridCells(0).build();
        AnalysisResult r = new MeanFieldAnalysis(expert, data, config).run((done, total, status) -> { },
                MeanFieldAnalysis.SampleStore.NONE, 2);
        assertThat(r.dimension()).isEqualTo(16);
        assertThat(fit(r, "coupling", 2.0).slope()).as("coupling").isBetween(-0.7, -0.3);
        assertThat(fit(r, "prediction_gap", 2.0).slope()).as("prediction gap").isBetween(-0.7, -0.3);
        // N^(-1/d) with d = 16 is a slope of -0.06: far flatter than the coupling's
        assertThat(fit(r, "wasserstein", 2.0).slope()).as("W2").isBetween(-0.15, 0.0);
        assertThat(fit(r, "twin_wasserstein", 2.0).slope()).as("sampling part").isBetween(-0.15, 0.0);
        for (String q : new String[] {"coupling", "prediction_gap", "wasserstein", "twin_wasserstein"}) {
            AnalysisResult.QuantityFit f = fit(r, q, 2.0);
            System.out.printf("d = 16: %s %.3f [%.3f, %.3f], theory %.3f%n", q, f.slope(), f.slopeInterval().lo(),
                    f.slopeInterval().hi(), f.theorySlope());
        }
    }
}
