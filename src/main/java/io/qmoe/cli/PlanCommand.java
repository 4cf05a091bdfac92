package io.qmoe.cli;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.MixtureOfExperts;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code qmoe plan}: measures what one expert costs per velocity evaluation on this machine and predicts the time per
 * integrator step of an N-expert mixture here and on a Spark cluster of C cores partitioned in blocks of
 * {@link MixtureOfExperts#SUM_BLOCK} — work / cores plus one task round trip per stage — and says whether
 * distribution pays off.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Predict the time per step of an N-expert mixture on this machine and on a Spark cluster.",
                "Measures the cost of one expert's velocity evaluation here (1 thread and --threads), then: here, "
                        + "stages x N x cost(threads); on C cores, stages x (ceil(blocks / C) x block x cost(1) + "
                        + "round trip), blocks of " + MixtureOfExperts.SUM_BLOCK + " experts. Distribution pays "
                        + "off when the cluster's step is shorter."})
final class PlanCommand implements Callable<Integer> {
    @Mixin
    ExpertOptions expert;

    @Option(names = "--experts", required = true, paramLabel = "N", description = "Experts in the mixture.")
    int experts;

    @Option(names = "--cores", required = true, paramLabel = "C", description = "Cores of the cluster (executors x "
            + "cores each).")
    int cores;

    @Option(names = "--integrator", defaultValue = "rk4", description = "rk4 (4 stages a step), euler (1) or adaptive "
            + "(6 stages and 7 jobs per attempted step; the number of steps depends on --tolerance).")
    String integrator;

    @Option(names = "--round-trip", defaultValue = "60", paramLabel = "MS", description = "One stage's Spark round "
            + "trip in milliseconds (broadcast M residuals, one job, collect the block sums); measure yours with "
            + "'qmoe bench --section spark --master URL' (default ${DEFAULT-VALUE}, local[2] on 2 busy cores).")
    double roundTrip;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The data set, as the measurement opened it. */
    private Dataset data;

    @Override
    public Integer call() {
        if (experts < 1) {
            throw new UserInputException("--experts must be positive, got " + experts);
        }
        if (cores < 1) {
            throw new UserInputException("--cores must be positive, got " + cores);
        }
        if (!(roundTrip >= 0) || !Double.isFinite(roundTrip)) {
            throw new UserInputException("--round-trip must be a non-negative number of milliseconds, got "
                    + roundTrip);
        }
        String integ = integrator.toLowerCase(Locale.ROOT);
        if (!integ.equals("rk4") && !integ.equals("euler") && !integ.equals("adaptive")) {
            throw new UserInputException("--integrator must be rk4, euler or adaptive, got '" + integrator + "'");
        }
        // velocity evaluations and Spark jobs per (attempted) step; an adaptive step's seventh job only sums
        int stages = integ.equals("rk4") ? 4 : integ.equals("euler") ? 1 : 6;
        int jobs = integ.equals("adaptive") ? 7 : stages;
        String step = integ.equals("adaptive") ? "attempted step" : "step";
        int t = Backends.threads(expert.threads);
        int probe = Math.min(experts, MixtureOfExperts.SUM_BLOCK);
        double one = perExpert(1, probe);
        double many = t == 1 ? one : perExpert(t, probe);
        int blocks = (experts + MixtureOfExperts.SUM_BLOCK - 1) / MixtureOfExperts.SUM_BLOCK;
        int perCore = (blocks + cores - 1) / cores;
        int blockSize = Math.min(experts, MixtureOfExperts.SUM_BLOCK);
        double here = stages * (double) experts * many;
        double cluster = stages * perCore * (double) blockSize * one + jobs * roundTrip / 1e3;
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "cost of one expert's velocity evaluation (M = %s points, measured on %d experts): "
                + "%.4g us on 1 thread, %.4g us per expert on %d threads%n", dataSize(), probe, one * 1e6,
                many * 1e6, t);
        w.printf(Locale.ROOT, "N = %d experts, %s (%d stage(s) and %d job(s) a %s), %d block(s) of up to %d%n",
                experts, integ, stages, jobs, step, blocks, MixtureOfExperts.SUM_BLOCK);
        w.printf(Locale.ROOT, "this machine (%d threads): %.4g s per %s%n", t, here, step);
        w.printf(Locale.ROOT, "Spark, %d cores (%d block(s) per core, %.0f ms round trip per job): %.4g s per %s"
                + "%s%n", cores, perCore, roundTrip, cluster, step, blocks < cores ? " (only " + blocks
                + " of the cores have work: one block each)" : "");
        if (cluster < here) {
            w.printf(Locale.ROOT, "distribution pays off: %.3gx faster per %s%n", here / cluster, step);
        } else {
            w.printf(Locale.ROOT, "distribution does not pay off: %.3gx slower per %s (the round trips outweigh "
                    + "the work; stay on one machine)%n", cluster / here, step);
        }
        w.flush();
        return 0;
    }

    private String dataSize() {
        return String.valueOf(data.size());
    }

    /**
     * Seconds per expert of one velocity evaluation ({@code evaluateWithVelocity}) of {@code n} experts on
     * {@code threads} threads: the median of 7 calls after warm-up calls for at least half a second.
     */
    private double perExpert(int threads, int n) {
        Experiment e = Experiment.open(expert.circuit, expert.observable, expert.backend, expert.gradient,
                expert.seed, threads, null, expert.data(), expert.task(), expert.taskSeed);
        Expert model = e.expert();
        data = e.data();
        MixtureOfExperts mixture = new MixtureOfExperts(model, n);
        double[] angles = mixture.initialAngles(expert.seed);
        long warm = System.nanoTime();
        int calls = 0;
        while (System.nanoTime() - warm < 500_000_000L || calls < 3) {
            mixture.evaluateWithVelocity(angles, data);
            calls++;
        }
        double[] times = new double[7];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            mixture.evaluateWithVelocity(angles, data);
            times[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(times);
        model.estimator().close();
        return times[times.length / 2] / n;
    }
}
