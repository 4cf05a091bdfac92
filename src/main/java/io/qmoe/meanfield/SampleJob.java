package io.qmoe.meanfield;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.OutputScaling;
import io.qmoe.stats.TorusMmd;
import java.io.Serializable;
import java.util.function.LongConsumer;

/**
 * Everything but the expert and the data that one (N, seed) sample of a sweep needs, in a form that can travel to
 * another JVM (Java serialization): the configuration and, in the mean-field scaling, the reference solution with its
 * stage residuals r_ref and its transport-snapshot clouds, computed once. Running a sample here gives the same bits in
 * any JVM, because a sample depends only on the configuration, the reference and its own seed.
 *
 * <p>The reference clouds prepared for the kernel distance are derived, not shipped: a JVM that received the job by
 * serialization prepares them once (the same deterministic function of the clouds) before its first sample. Immutable
 * apart from that cache; safe to run from several threads.
 */
public final class SampleJob implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One sample of the sweep: a mixture size and a seed index. */
    public record Key(int experts, int seedIndex) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final AnalysisConfig config;
    private final AnalysisResult.Reference reference;
    private final ResidualSchedule schedule;
    private final int dimension;
    private transient volatile AnalysisPlan plan;
    private transient volatile ReferenceRun.Outcome outcome;

    /** The job of a sweep whose reference is {@code outcome} (null in the lazy scaling). */
    SampleJob(AnalysisConfig config, AnalysisPlan plan, int dimension, ReferenceRun.Outcome outcome) {
        this.config = config;
        this.dimension = dimension;
        this.reference = outcome == null ? null : outcome.reference();
        this.schedule = outcome == null ? null : outcome.schedule();
        this.plan = plan;
        this.outcome = outcome;
    }

    /** The configuration of the sweep. */
    public AnalysisConfig config() {
        return config;
    }

    /** Whether the samples are coupled to a reference (the mean-field scaling). */
    public boolean meanField() {
        return config.scaling() == OutputScaling.MEAN_FIELD;
    }

    /** Units of work of one sample of {@code experts} experts, as the sweep's progress counts them. */
    public long units(int experts) {
        return new SampleSweep(plan(), meanField()).units(experts);
    }

    /** The progress label of sample {@code key}: "N=64 seed 3/8" ("lazy N=…" in the lazy scaling). */
    public String status(Key key) {
        return (meanField() ? "N=" : "lazy N=") + key.experts() + " seed " + (key.seedIndex() + 1) + "/"
                + config().seeds();
    }

    /**
     * Runs sample {@code key} of {@code expert} on {@code data} (the same expert and data the reference was computed
     * with); {@code progress} receives units of work as they end.
     */
    public AnalysisResult.Sample run(Expert expert, Dataset data, Key key, LongConsumer progress) {
        CoupledSample runner = new CoupledSample(expert, data, plan(), outcome());
        long seed = new SampleSweep.SeedSchedule(config.seed()).sample(key.experts(), key.seedIndex());
        return runner.run(key.experts(), key.seedIndex(), seed, key.seedIndex() == 0, progress);
    }

    private AnalysisPlan plan() {
        AnalysisPlan p = plan;
        if (p == null) {
            synchronized (this) {
                if (plan == null) {
                    plan = new AnalysisPlan(config);
                }
                p = plan;
            }
        }
        return p;
    }

    private ReferenceRun.Outcome outcome() {
        if (reference == null) {
            return null;
        }
        ReferenceRun.Outcome o = outcome;
        if (o == null) {
            synchronized (this) {
                if (outcome == null) {
                    AnalysisPlan p = plan();
                    double[][] clouds = reference.clouds();
                    TorusMmd.Cloud[] kernelClouds = new TorusMmd.Cloud[clouds.length];
                    for (int i = 0; i < clouds.length; i++) {
                        if (clouds[i] != null) {
                            kernelClouds[i] = p.kernel().prepare(dimension, clouds[i]);
                        }
                    }
                    outcome = new ReferenceRun.Outcome(reference, schedule, kernelClouds);
                }
                o = outcome;
            }
        }
        return o;
    }
}
