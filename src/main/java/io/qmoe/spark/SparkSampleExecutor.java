package io.qmoe.spark;

import io.qmoe.meanfield.AnalysisResult;
import io.qmoe.meanfield.MeanFieldAnalysis;
import io.qmoe.meanfield.SampleExecutor;
import io.qmoe.meanfield.SampleJob;
import io.qmoe.mixture.Expert;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Runs the samples of a mean-field sweep as Spark tasks: one partition per (N, seed) sample, in the order given
 * (largest N first, so the scheduler starts the long ones first); the {@link SampleJob} (configuration, reference
 * residual schedule and clouds) is broadcast once; each task builds its expert from the {@link ExpertSource}, runs the
 * sample, saves it to the store (which must then be {@link Serializable}, e.g. {@link io.qmoe.report.SampleFiles} on a
 * {@link HadoopFolder}) and returns it. The driver collects the samples in partition order, which is the order asked
 * for, so the analysis assembles them exactly as on the thread pool. A task Spark re-runs (lost executor, speculation)
 * computes the same sample again: same bits, same file.
 *
 * <p>Progress is reported as each task ends (the units of its whole sample), from Spark's listener bus.
 */
public final class SparkSampleExecutor implements SampleExecutor {
    private static final String SWEEP = "qmoe.sweep";
    private final JavaSparkContext context;
    private final ExpertSource source;

    /** Runs samples on {@code context}, each executor building its expert from {@code source}. */
    public SparkSampleExecutor(JavaSparkContext context, ExpertSource source) {
        this.context = context;
        this.source = source;
    }

    /**
     * A reference population of at least {@link PartitionedReference#MIN_SIZE} particles runs partitioned on this
     * context too (a smaller one, or an adaptive integrator, on the driver).
     */
    @Override
    public io.qmoe.meanfield.PopulationFlow referenceFlow() {
        return new PartitionedReference(context, source);
    }

    @Override
    public List<AnalysisResult.Sample> run(SampleJob job, List<SampleJob.Key> pending,
                                           MeanFieldAnalysis.SampleStore store, Progress progress) {
        if (pending.isEmpty()) {
            return List.of();
        }
        MeanFieldAnalysis.SampleStore shipped;
        if (store == MeanFieldAnalysis.SampleStore.NONE) {
            shipped = null;
        } else if (store instanceof Serializable) {
            shipped = store;
        } else {
            throw new IllegalArgumentException("a sample store for Spark must be Serializable (reachable from every "
                    + "executor), got " + store.getClass().getName());
        }
        String sweep = UUID.randomUUID().toString();
        TaskProgress listener = new TaskProgress(sweep, job, pending, progress);
        Broadcast<SampleJob> shared = context.broadcast(job);
        context.sc().addSparkListener(listener);
        String before = context.getLocalProperty(SWEEP);
        try {
            context.setLocalProperty(SWEEP, sweep);
            JavaRDD<SampleJob.Key> keys = context.parallelize(pending, pending.size());
            List<AnalysisResult.Sample> samples = keys.map(new RunSample(shared, source, shipped)).collect();
            listener.finishAll();
            return samples;
        } finally {
            context.setLocalProperty(SWEEP, before);
            context.sc().removeSparkListener(listener);
            shared.destroy();
        }
    }

    /** The task: one sample on an executor. */
    private static final class RunSample implements Function<SampleJob.Key, AnalysisResult.Sample> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<SampleJob> job;
        private final ExpertSource source;
        private final MeanFieldAnalysis.SampleStore store;

        RunSample(Broadcast<SampleJob> job, ExpertSource source, MeanFieldAnalysis.SampleStore store) {
            this.job = job;
            this.source = source;
            this.store = store;
        }

        @Override
        public AnalysisResult.Sample call(SampleJob.Key key) {
            Expert expert = source.expert();
            try {
                AnalysisResult.Sample sample = job.value().run(expert, source.data(), key, units -> {
                });
                if (store != null) {
                    store.save(sample);
                }
                return sample;
            } finally {
                expert.estimator().close();
            }
        }
    }

    /** Counts the sweep's tasks as they end; each sample's units are reported once. */
    private static final class TaskProgress extends SparkListener {
        private final String sweep;
        private final SampleJob job;
        private final List<SampleJob.Key> keys;
        private final Progress progress;
        private final boolean[] counted;
        private final java.util.Set<Integer> stages = java.util.concurrent.ConcurrentHashMap.newKeySet();

        TaskProgress(String sweep, SampleJob job, List<SampleJob.Key> keys, Progress progress) {
            this.sweep = sweep;
            this.job = job;
            this.keys = keys;
            this.progress = progress;
            this.counted = new boolean[keys.size()];
        }

        @Override
        public void onJobStart(SparkListenerJobStart start) {
            if (start.properties() != null && sweep.equals(start.properties().getProperty(SWEEP))) {
                for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) {
                    stages.add((Integer) id);
                }
            }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (stages.contains(end.stageId()) && end.taskInfo() != null && end.taskInfo().successful()) {
                count(end.taskInfo().index());
            }
        }

        private void count(int index) {
            SampleJob.Key key;
            synchronized (counted) {
                if (index < 0 || index >= counted.length || counted[index]) {
                    return;
                }
                counted[index] = true;
                key = keys.get(index);
            }
            progress.advance(job.units(key.experts()), job.status(key) + " (Spark task done)");
        }

        /** The job is over: whatever the listener bus has not delivered yet is counted now (once). */
        void finishAll() {
            for (int i = 0; i < counted.length; i++) {
                count(i);
            }
        }
    }
}
