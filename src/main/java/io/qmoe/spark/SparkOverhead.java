package io.qmoe.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Measures what Spark costs before any numerics: the start-up of a context, and the round trip the partitioned
 * design pays per integrator stage — broadcast M residuals, run one job of P tasks, collect one M-vector per task —
 * as the median of repeated jobs after a warm-up. The tasks do no work, so this is pure overhead; for the sweep
 * (one task per sample) the same round trip is paid once per sample. Markdown rows for docs/BENCHMARKS.md.
 */
public final class SparkOverhead {
    private SparkOverhead() {
    }

    /** The rows for {@code master}: start-up, then the stage round trip for M = 50 at 1, 2 and 16 tasks. */
    public static List<String> rows(String master, boolean quick) {
        List<String> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        JavaSparkContext context = SparkContexts.start(master, "qmoe bench");
        double startup = (System.nanoTime() - t0) / 1e9;
        try {
            rows.add("| what (" + master + ") | time |");
            rows.add("| --- | ---: |");
            rows.add(String.format(Locale.ROOT, "| context start-up (first in this JVM) | %.2f s |", startup));
            int repeats = quick ? 5 : 30;
            for (int tasks : new int[] {1, 2, 16}) {
                rows.add(String.format(Locale.ROOT,
                        "| one stage: broadcast 50 residuals, %d task(s), collect %d × 50 sums (median of %d) | %.1f ms |",
                        tasks, tasks, repeats, stageMillis(context, 50, tasks, repeats)));
            }
        } finally {
            context.stop();
        }
        return rows;
    }

    /** Median milliseconds of one broadcast + one job of {@code tasks} tasks returning an {@code m}-vector each. */
    static double stageMillis(JavaSparkContext context, int m, int tasks, int repeats) {
        List<Integer> parts = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            parts.add(i);
        }
        var rdd = context.parallelize(parts, tasks).cache();
        rdd.count();
        double[] times = new double[repeats];
        for (int w = -20; w < repeats; w++) {
            double[] residuals = new double[m];
            Arrays.fill(residuals, w);
            long t0 = System.nanoTime();
            Broadcast<double[]> b = context.broadcast(residuals);
            List<double[]> sums = rdd.map(p -> {
                double[] r = b.value();
                double[] out = new double[r.length];
                for (int a = 0; a < r.length; a++) {
                    out[a] = r[a] * p;
                }
                return out;
            }).collect();
            if (sums.size() != tasks) {
                throw new IllegalStateException("collected " + sums.size() + " sums for " + tasks + " tasks");
            }
            b.destroy();
            if (w >= 0) {
                times[w] = (System.nanoTime() - t0) / 1e6;
            }
        }
        rdd.unpersist();
        Arrays.sort(times);
        return times[repeats / 2];
    }
}
