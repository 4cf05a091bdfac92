package io.qmoe.meanfield;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.FlowEvaluation;
import io.qmoe.mixture.GradientFlowTrainer;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.TrainingObserver;
import io.qmoe.stats.TangentKernel;
import io.qmoe.stats.TorusMmd;
import io.qmoe.transport.TransportResult;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * One (N, seed) sample of the sweep: the N-expert mixture trained from i.i.d. uniform angles and, from the same
 * angles, its twins — the nonlinear process, each particle driven by the reference residuals r_ref(t) replayed stage
 * by stage (synchronous coupling). At every snapshot it measures the cheap quantities (coupling, prediction gap,
 * displacement, loss); at the transport snapshots also the exact W₂ of the mixture and of the twins to the whole
 * reference cloud and between mixture and twins, and the kernel distances (to the reference, of the twins, to the
 * start, to the uniform law). With the tangent-linear section on, the twins advance together with the linearised
 * fluctuations η = √N (θ − θ̄) ({@link TangentLinearFlow}, one state, the same integrator stages), and every snapshot
 * records the linear prediction Zlin of Z = √N (f_N − F). In the lazy scaling there are no twins: the displacement,
 * the loss and the kernel distances to the start and to the uniform law are measured.
 */
final class CoupledSample {
    private final Expert expert;
    private final Dataset data;
    private final AnalysisPlan plan;
    private final ReferenceRun.Outcome reference;

    /** A sample runner; {@code reference} is null in the lazy scaling. */
    CoupledSample(Expert expert, Dataset data, AnalysisPlan plan, ReferenceRun.Outcome reference) {
        this.expert = expert;
        this.data = data;
        this.plan = plan;
        this.reference = reference;
    }

    /** Runs the sample of {@code n} experts from {@code seed}; {@code progress} receives units of work as they end. */
    AnalysisResult.Sample run(int n, int seedIndex, long seed, boolean keepClouds, LongConsumer progress) {
        boolean meanField = reference != null;
        int d = expert.dimension();
        MixtureOfExperts mixture = new MixtureOfExperts(expert, n, expert.estimator().preferredBatchSize(),
                plan.config().scaling());
        double[] start = mixture.initialAngles(seed);
        double[] angles = start.clone();
        double[] twins = meanField ? start.clone() : null;
        boolean linear = meanField && plan.config().tangentLinear();
        // [θ̄ | η]: the twins and their fluctuations, η(0) = 0
        double[] augmented = linear ? Arrays.copyOf(start, 2 * start.length) : null;
        double[][] linearPredictions = linear ? new double[plan.snapshotCount()][] : null;
        int snaps = plan.snapshotCount();
        double[][] values = new double[Quantity.values().length][snaps];
        for (double[] v : values) {
            Arrays.fill(v, Double.NaN);
        }
        double[] history = new double[plan.grid().steps() + 1];
        double[][] predictions = new double[snaps][];
        double[][] clouds = keepClouds ? new double[snaps][] : null;
        long perStep = SampleSweep.stepUnits(n, meanField, linear);
        long perSnapshot = SampleSweep.transportUnits(n, plan.config().referenceSize(), meanField);

        TorusMmd kernel = plan.kernel();
        TorusMmd.Cloud startCloud = plan.measuresKernel(d) ? kernel.prepare(d, MixtureOfExperts.wrap(start)) : null;
        TangentKernel startKernel = plan.transportCount() > 0 ? tangentKernel(mixture, start) : null;
        // this sample's latest transport solutions: mixture–reference (warm from the previous snapshot's) and
        // mixture–twins (likewise); twins–reference starts from this snapshot's mixture–reference
        TransportResult[] warm = new TransportResult[2];
        Snapshot snapshot = (step, a) -> {
            measureClouds(step, a, twins, start, startCloud, values, clouds, warm, progress, perSnapshot);
            int idx = plan.snapshotAt(step);
            if (idx >= 0 && linear) {
                linearPredictions[idx] = TangentLinearFlow.linearPrediction(mixture, data, twins,
                        Arrays.copyOfRange(augmented, twins.length, augmented.length),
                        reference.reference().predictions()[step]);
                progress.accept(SampleSweep.linearSnapshotUnits(n));
            }
            if (idx >= 0 && plan.isTransport(idx)) {
                // at t = 0 the angles are the start: no second kernel
                values[Quantity.KERNEL_DRIFT.ordinal()][idx] = step == 0 ? startKernel.relativeDrift(startKernel)
                        : tangentKernel(mixture, a).relativeDrift(startKernel);
            }
        };
        snapshot.at(0, angles);
        new GradientFlowTrainer(mixture, data, plan.integrator(), plan.grid()).run(angles, 0, plan.grid().steps(),
                new TrainingObserver() {
                    @Override
                    public void recorded(int step, double t, FlowEvaluation e) {
                        history[step] = e.loss();
                        int idx = plan.snapshotAt(step);
                        if (idx >= 0) {
                            predictions[idx] = e.predictions();
                            values[Quantity.LOSS.ordinal()][idx] = e.loss();
                            if (meanField) {
                                values[Quantity.PREDICTION_GAP.ordinal()][idx] =
                                        rms(e.predictions(), reference.reference().predictions()[step]);
                            }
                        }
                    }

                    @Override
                    public void reached(int step, double t, double[] a) {
                        if (linear) {
                            plan.integrator().advance(new TangentLinearFlow(mixture, data,
                                    reference.schedule().stages(step - 1)), plan.grid().time(step - 1), t, augmented);
                            System.arraycopy(augmented, 0, twins, 0, twins.length);
                        } else if (meanField) {
                            plan.integrator().advance(new ScheduledResidualFlow(mixture, data,
                                    reference.schedule().stages(step - 1)), plan.grid().time(step - 1), t, twins);
                        }
                        progress.accept(perStep);
                        snapshot.at(step, a);
                    }
                });
        return new AnalysisResult.Sample(n, seedIndex, seed, values, history, predictions, clouds,
                linearPredictions);
    }

    /** The tangent kernel of the particles {@code angles} on the data. */
    TangentKernel tangentKernel(MixtureOfExperts particles, double[] angles) {
        double[] g = particles.evaluateOnData(angles, data, true).gradients();
        return TangentKernel.of(particles.size(), data.size(), expert.dimension(), g);
    }

    private static TransportResult warm(TorusPoints a, TorusPoints b, TransportResult before) {
        return before == null ? Wasserstein.transport(a, b, 2) : Wasserstein.transport(a, b, 2, before);
    }

    /** Measures what needs the angles at a grid step. */
    @FunctionalInterface
    private interface Snapshot {
        void at(int step, double[] angles);
    }

    /** The quantities of grid step {@code step} that need the angles (and twins) at that step. */
    private void measureClouds(int step, double[] angles, double[] twins, double[] start, TorusMmd.Cloud startCloud,
                               double[][] values, double[][] clouds, TransportResult[] warm, LongConsumer progress,
                               long perSnapshot) {
        int idx = plan.snapshotAt(step);
        if (idx < 0) {
            return;
        }
        int d = expert.dimension();
        values[Quantity.DISPLACEMENT.ordinal()][idx] = TorusGeometry.couplingDistance(angles, start, d);
        boolean transport = plan.isTransport(idx);
        if (clouds != null && transport) {
            clouds[idx] = MixtureOfExperts.wrap(angles);
        }
        TorusMmd kernel = plan.kernel();
        boolean kernelHere = plan.measuresKernel(idx, d);
        TorusMmd.Cloud mixtureCloud = null;
        if (kernelHere) {
            mixtureCloud = kernel.prepare(d, MixtureOfExperts.wrap(angles));
            values[Quantity.KERNEL_MOTION.ordinal()][idx] = kernel.between(mixtureCloud, startCloud).distance();
            values[Quantity.KERNEL_TO_UNIFORM.ordinal()][idx] = kernel.toUniform(mixtureCloud).distance();
        }
        if (twins == null) {
            if (transport) {
                progress.accept(perSnapshot);
            }
            return;
        }
        values[Quantity.COUPLING.ordinal()][idx] = TorusGeometry.couplingDistance(angles, twins, d);
        if (kernelHere) {
            TorusMmd.Cloud refCloud = reference.kernelClouds()[idx];
            values[Quantity.KERNEL_DISTANCE.ordinal()][idx] = kernel.between(mixtureCloud, refCloud).distance();
            // at t = 0 the twins are the mixture's own angles: the same cloud, so the same distance, exactly
            values[Quantity.TWIN_KERNEL_DISTANCE.ordinal()][idx] = java.util.Arrays.equals(angles, twins)
                    ? values[Quantity.KERNEL_DISTANCE.ordinal()][idx]
                    : kernel.between(kernel.prepare(d, MixtureOfExperts.wrap(twins)), refCloud).distance();
        }
        if (transport) {
            TorusPoints mixture = TorusPoints.of(d, MixtureOfExperts.wrap(angles));
            TorusPoints twin = TorusPoints.of(d, MixtureOfExperts.wrap(twins));
            TorusPoints ref = TorusPoints.of(d, reference.reference().clouds()[idx]);
            // the same particles a snapshot later: the solve starts from the previous snapshot's plan and potentials
            warm[0] = warm(mixture, ref, warm[0]);
            values[Quantity.WASSERSTEIN.ordinal()][idx] = warm[0].value();
            if (java.util.Arrays.equals(angles, twins)) {
                // at t = 0 the twins are the mixture's own angles: the same cloud, so the same distances, exactly
                values[Quantity.TWIN_WASSERSTEIN.ordinal()][idx] = warm[0].value();
                values[Quantity.MIXTURE_TWIN_WASSERSTEIN.ordinal()][idx] = 0;
            } else {
                // the twins are within D_N of the mixture and meet the same reference cloud: starting from this
                // snapshot's mixture solve leaves a fraction of the ascent and the shortest paths of a start from
                // the twins' own previous snapshot, where the reference had moved too
                TransportResult twinRef = warm(twin, ref, warm[0]);
                warm[1] = warm(mixture, twin, warm[1]);
                values[Quantity.TWIN_WASSERSTEIN.ordinal()][idx] = twinRef.value();
                values[Quantity.MIXTURE_TWIN_WASSERSTEIN.ordinal()][idx] = warm[1].value();
            }
            progress.accept(perSnapshot);
        }
    }

    private static double rms(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s / a.length);
    }
}
