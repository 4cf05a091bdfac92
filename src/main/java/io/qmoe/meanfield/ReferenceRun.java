package io.qmoe.meanfield;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.FlowEvaluation;
import io.qmoe.mixture.GradientFlowTrainer;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.TrainingObserver;
import io.qmoe.stats.TangentKernel;
import io.qmoe.stats.TorusMmd;

/**
 * The reference solution of the mean-field limit: a population of {@code referenceSize} particles from i.i.d. uniform
 * angles, trained once by the same integrator as the samples. It records the loss and predictions F_ref(x_a) at every
 * grid time, the wrapped cloud at every transport snapshot, and the residuals r_ref of every integrator stage
 * ({@link ResidualSchedule}), which drive the samples' twins; and at the transport snapshots its tangent kernel
 * K_t(x_a, x_b) = ∫ ∇f(θ, x_a)·∇f(θ, x_b) dμ_t(θ): the relative drift from K_0 and the spectrum.
 */
final class ReferenceRun {
    /**
     * The reference, its stage residuals, and its clouds at the transport snapshots prepared for the kernel distance
     * (null elsewhere).
     */
    record Outcome(AnalysisResult.Reference reference, ResidualSchedule schedule, TorusMmd.Cloud[] kernelClouds) {
    }

    private ReferenceRun() {
    }

    /** Integrates the reference population in this JVM ({@link PopulationFlow#LOCAL}). */
    static Outcome run(Expert expert, Dataset data, AnalysisPlan plan, long seed,
                       java.util.function.LongConsumer progress) {
        return run(expert, data, plan, seed, PopulationFlow.LOCAL, progress);
    }

    /**
     * Integrates the reference population by {@code flow}; {@code progress} receives the particle-steps done after
     * each step.
     */
    static Outcome run(Expert expert, Dataset data, AnalysisPlan plan, long seed, PopulationFlow flow,
                       java.util.function.LongConsumer progress) {
        int size = plan.config().referenceSize();
        MixtureOfExperts mixture = new MixtureOfExperts(expert, size);
        double[] angles = mixture.initialAngles(seed);
        double[] start = angles.clone();
        int steps = plan.grid().steps();
        double[] losses = new double[steps + 1];
        double[][] predictions = new double[steps + 1][];
        double[][] clouds = new double[plan.snapshotCount()][];
        ResidualSchedule schedule = new ResidualSchedule();
        int d = expert.dimension();
        keepCloud(plan, 0, angles, clouds, d);
        flow.run(new GradientFlowTrainer(mixture, data, plan.integrator(), plan.grid()), angles, seed,
                new TrainingObserver() {
                    @Override
                    public void stage(int step, FlowEvaluation evaluation) {
                        if (schedule.stepCount() == step) {
                            schedule.beginStep();
                        }
                        schedule.record(evaluation.residuals());
                    }

                    @Override
                    public void recorded(int step, double t, FlowEvaluation evaluation) {
                        losses[step] = evaluation.loss();
                        predictions[step] = evaluation.predictions();
                    }

                    @Override
                    public void reached(int step, double t, double[] a) {
                        keepCloud(plan, step, a, clouds, d);
                        progress.accept(size);
                    }
                }, step -> isCloud(plan, step, d));
        TorusMmd.Cloud[] kernelClouds = new TorusMmd.Cloud[clouds.length];
        double[] drift = new double[clouds.length];
        double[][] spectra = new double[clouds.length][];
        java.util.Arrays.fill(drift, Double.NaN);
        TangentKernel initial = TangentKernel.of(size, data.size(), expert.dimension(),
                mixture.evaluateOnData(start, data, true).gradients());
        for (int i = 0; i < clouds.length; i++) {
            if (clouds[i] != null) {
                kernelClouds[i] = plan.kernel().prepare(expert.dimension(), clouds[i]);
            }
            if (clouds[i] != null && plan.isTransport(i)) {
                // at t = 0 the cloud is the start: its kernel is K_0 itself
                TangentKernel k = i == plan.snapshotAt(0) ? initial : TangentKernel.of(size, data.size(),
                        expert.dimension(), mixture.evaluateOnData(clouds[i], data, true).gradients());
                drift[i] = k.relativeDrift(initial);
                spectra[i] = k.eigenvalues();
            }
        }
        return new Outcome(new AnalysisResult.Reference(size, losses, predictions, clouds, drift, spectra), schedule,
                kernelClouds);
    }

    /**
     * Whether the cloud at grid index {@code step} is kept: a snapshot where the kernel distances are measured (every
     * transport time, and every snapshot when the kernel has short Fourier sums).
     */
    private static boolean isCloud(AnalysisPlan plan, int step, int d) {
        int idx = plan.snapshotAt(step);
        return idx >= 0 && plan.measuresKernel(idx, d);
    }

    private static void keepCloud(AnalysisPlan plan, int step, double[] angles, double[][] clouds, int d) {
        if (isCloud(plan, step, d)) {
            clouds[plan.snapshotAt(step)] = MixtureOfExperts.wrap(angles);
        }
    }
}
