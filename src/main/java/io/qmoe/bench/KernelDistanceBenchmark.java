package io.qmoe.bench;

import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.stats.TorusMmd;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The kernel distance (MMD, von Mises product kernel, κ = 1) of the analysis at its sizes: preparing a reference cloud
 * and comparing a sample with it, by the Fourier sums and by the pairwise sums side by side, with the two values. The
 * pairwise preparation of the largest reference (O(M²·d)) is measured only where it takes under a minute.
 */
public final class KernelDistanceBenchmark {
    private KernelDistanceBenchmark() {
    }

    /** Markdown rows for d = 2 against references of {@code references} points and samples of N = 1024 and 4096. */
    public static void rows(int[] references, boolean quick, Consumer<String> out) {
        out.accept("| d | reference M | sample N | prepare M, Fourier s | prepare M, pairwise s | compare, Fourier s "
                + "| compare, pairwise s | MMD², Fourier | MMD², pairwise |");
        out.accept("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        int d = 2;
        TorusMmd fourier = TorusMmd.vonMises(1);
        TorusMmd pairwise = fourier.pairwise();
        double budget = quick ? 0.2 : 1.0;
        for (int m : references) {
            double[] ref = MixtureOfExperts.uniformAngles(m, d, 3);
            double prepareFourier = Stopwatch.median(() -> fourier.prepare(d, ref), 1, 3, budget);
            TorusMmd.Cloud refFourier = fourier.prepare(d, ref);
            // the pairwise self-sum is O(M²·d): one timed call, and none beyond 2^14 points (~1 min and more)
            boolean direct = m <= 16_384;
            TorusMmd.Cloud refPairwise = null;
            double preparePairwise = Double.NaN;
            if (direct) {
                long t0 = System.nanoTime();
                refPairwise = pairwise.prepare(d, ref);
                preparePairwise = (System.nanoTime() - t0) / 1e9;
            }
            for (int n : new int[] {1024, 4096}) {
                double[] sample = MixtureOfExperts.uniformAngles(n, d, 5);
                double compareFourier = Stopwatch.median(
                        () -> fourier.between(fourier.prepare(d, sample), refFourier), 1, 3, budget);
                double valueFourier = fourier.between(fourier.prepare(d, sample), refFourier).squared();
                String comparePairwise = "—";
                String valuePairwise = "—";
                if (direct) {
                    TorusMmd.Cloud r = refPairwise;
                    long t0 = System.nanoTime();
                    double v = pairwise.between(pairwise.prepare(d, sample), r).squared();
                    comparePairwise = String.format(Locale.ROOT, "%.4f", (System.nanoTime() - t0) / 1e9);
                    valuePairwise = String.format(Locale.ROOT, "%.12e", v);
                }
                out.accept(String.format(Locale.ROOT, "| %d | %d | %d | %.4f | %s | %.5f | %s | %.12e | %s |", d, m, n,
                        prepareFourier, direct ? String.format(Locale.ROOT, "%.2f", preparePairwise) : "— (O(M²))",
                        compareFourier, comparePairwise, valueFourier, valuePairwise));
            }
        }
    }
}
