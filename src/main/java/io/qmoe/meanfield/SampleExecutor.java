package io.qmoe.meanfield;

import java.util.List;

/**
 * Where the samples of a sweep run: the seam between {@link MeanFieldAnalysis} (which decides what runs, computes the
 * reference once, and assembles the result) and the machinery that runs the independent (N, seed) samples. The
 * default is a thread pool in this JVM; {@code io.qmoe.spark} runs each sample as a Spark task. Whatever runs them,
 * each sample depends only on the {@link SampleJob} and its key, so the assembled result is the same bits.
 */
public interface SampleExecutor {
    /** Receives units of work as they end, with a status line; may be called from several threads. */
    @FunctionalInterface
    interface Progress {
        /** {@code units} more units of work are done; {@code status} says what is running. */
        void advance(long units, String status);
    }

    /**
     * Runs every sample in {@code pending} (given largest N first, the order to start them in), saves each to
     * {@code store} as soon as it is finished, and returns them in the order of {@code pending}.
     */
    List<AnalysisResult.Sample> run(SampleJob job, List<SampleJob.Key> pending, MeanFieldAnalysis.SampleStore store,
                                    Progress progress);

    /**
     * How the reference population runs beside these samples (on the same machinery when it can take a large
     * population): {@link PopulationFlow#LOCAL} unless an executor says otherwise.
     */
    default PopulationFlow referenceFlow() {
        return PopulationFlow.LOCAL;
    }
}
