package io.qmoe.meanfield;

import io.qmoe.backend.ParallelBatch;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import java.util.Arrays;
import java.util.List;

/** The default {@link SampleExecutor}: up to {@code threads} samples side by side in this JVM, one expert shared. */
final class ThreadSampleExecutor implements SampleExecutor {
    private final Expert expert;
    private final Dataset data;
    private final int threads;

    ThreadSampleExecutor(Expert expert, Dataset data, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("sample threads must be at least 1, got " + threads);
        }
        this.expert = expert;
        this.data = data;
        this.threads = threads;
    }

    @Override
    public List<AnalysisResult.Sample> run(SampleJob job, List<SampleJob.Key> pending,
                                           MeanFieldAnalysis.SampleStore store, Progress progress) {
        AnalysisResult.Sample[] finished = new AnalysisResult.Sample[pending.size()];
        try (ParallelBatch pool = new ParallelBatch(threads)) {
            pool.forEachTask(pending.size(), task -> {
                SampleJob.Key key = pending.get(task);
                String status = job.status(key);
                AnalysisResult.Sample sample = job.run(expert, data, key, units -> progress.advance(units, status));
                synchronized (store) {
                    store.save(sample);
                }
                finished[task] = sample;
            });
        }
        return Arrays.asList(finished);
    }
}
