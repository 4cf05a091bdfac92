package io.qmoe.meanfield;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.Tasks;
import io.qmoe.stats.TangentKernel;
import io.qmoe.testing.ClosedFormQubitExpert;
import org.junit.jupiter.api.Test;

/**
 * The predictions of a particle population under gradient flow obey dF_a/dt = −(1/M) Σ_b K_t(x_a, x_b) r_b exactly
 * (chain rule: dF_a/dt = (1/N) Σ_i ∇f(θ_i, x_a)·dθ_i/dt with dθ_i/dt = −(1/M) Σ_b r_b ∇f(θ_i, x_b)). A central
 * difference of the reference's recorded predictions in time must agree with the kernel's prediction to O(dt²).
 */
class TangentKernelDynamicsTest {
    @Test
    void referencePredictionsMoveAlongTheTangentKernelTimesTheResiduals() {
        Expert expert = ClosedFormQubitExpert.expert();
        Dataset data = Tasks.teacher(expert, 7, 3);
        double dt = 0.005;
        AnalysisConfig config = AnalysisConfig.builder().experts(2).seeds(1).referenceSize(600).time(0.4).dt(dt)
                .snapshots(0, 0.2).transportSnapshots(0, 0.2).build();
        AnalysisPlan plan = new AnalysisPlan(config);
        ReferenceRun.Outcome ref = ReferenceRun.run(expert, data, plan, 11, units -> { });
        int step = plan.grid().nearestStep(0.2);
        int snapshot = plan.snapshotAt(step);
        double[] cloud = ref.reference().clouds()[snapshot];
        MixtureOfExperts population = new MixtureOfExperts(expert, 600);
        TangentKernel k = TangentKernel.of(600, data.size(), 2, population.evaluateOnData(cloud, data, true)
                .gradients());
        double[][] f = ref.reference().predictions();
        int m = data.size();
        double worst = 0;
        double scale = 0;
        for (int a = 0; a < m; a++) {
            double derivative = (f[step + 1][a] - f[step - 1][a]) / (2 * dt);
            double predicted = 0;
            for (int b = 0; b < m; b++) {
                predicted -= k.value(a, b) * (f[step][b] - data.target(b)) / m;
            }
            worst = Math.max(worst, Math.abs(derivative - predicted));
            scale = Math.max(scale, Math.abs(predicted));
        }
        assertThat(scale).isGreaterThan(1e-3);
        assertThat(worst).isLessThan(1e-4 * Math.max(1, scale));
        // the reference reports its kernel's drift: zero at t = 0 and moving by t = 0.2
        assertThat(ref.reference().kernelDrift()[plan.snapshotAt(0)]).isZero();
        assertThat(ref.reference().kernelDrift()[snapshot]).isGreaterThan(0);
    }
}
