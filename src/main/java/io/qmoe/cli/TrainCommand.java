package io.qmoe.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qmoe train}: trains a mixture of N experts by gradient flow and writes a resumable run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a mixture of N identical quantum experts, f_N(x) = (1/N) sum_i f(theta_i, x), by gradient "
                + "flow on the squared loss L = (1/2M) sum_a (f_N(x_a) - y_a)^2, on the mean-field time scale "
                + "d theta_i/dt = -(1/M) sum_a r_a grad f(theta_i, x_a). Angles start i.i.d. uniform on [0, 2pi)^d.",
                "", "Writes to --out: run.json (config, versions, loss and residuals over time), history.csv, "
                + "angles-t<T>.csv snapshots, loss.png, predictions.png and a checkpoint; --resume continues an "
                + "interrupted run to the same result."})
final class TrainCommand implements Callable<Integer> {
    @Mixin
    ExpertOptions expert;

    @Option(names = {"--experts", "-N"}, defaultValue = "100", paramLabel = "N",
            description = "Number of experts N (default ${DEFAULT-VALUE}).")
    int experts;

    @Option(names = {"--time", "-T"}, defaultValue = "5", description = "Final time T (default ${DEFAULT-VALUE}).")
    double time;

    @Option(names = "--dt", defaultValue = "0.05",
            description = "Step (euler, rk4) or output interval (adaptive); default ${DEFAULT-VALUE}.")
    double dt;

    @Option(names = "--integrator", defaultValue = "rk4",
            description = "euler (= gradient descent, learning rate dt), rk4 or adaptive (default ${DEFAULT-VALUE}).")
    String integrator;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Error tolerance of --integrator adaptive.")
    double tolerance;

    @Option(names = "--snapshots", paramLabel = "T1,T2,...",
            description = "Times at which all angles are saved (default 0, T/4, T/2, 3T/4, T).")
    String snapshots;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default runs/train-<circuit>-N<N>-s<seed>).")
    Path out;

    @Option(names = "--resume", description = "Continue the interrupted run in --out.")
    boolean resume;

    @Option(names = "--overwrite", description = "Replace the files of an earlier run in --out (only files a qmoe run "
            + "writes there are removed).")
    boolean overwrite;

    @Option(names = "--max-batch", defaultValue = "65536",
            description = "Most bindings per backend call (default ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--master", paramLabel = "URL",
            description = "Train on Apache Spark, the experts in blocks of " + io.qmoe.mixture.MixtureOfExperts.SUM_BLOCK
                    + " on the executors, one job per integrator stage: local[*] or local[N] in this JVM, or a "
                    + "cluster's spark://HOST:PORT, yarn, k8s://URL (rk4 or euler; the same files as without it). "
                    + "Under spark-submit the submit's master is used.")
    String master;

    @Option(names = "--stop-after-steps", hidden = true, description = "Testing: stop after this many steps.")
    Integer stopAfter;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (experts < 1) {
            throw new UserInputException("--experts must be at least 1, got " + experts);
        }
        if (maxBatch < 1) {
            throw new UserInputException("--max-batch must be at least 1, got " + maxBatch);
        }
        if (!(time > 0) || !Double.isFinite(time)) {
            throw new UserInputException("--time must be a positive number, got " + time);
        }
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new UserInputException("--dt must be a positive number, got " + dt);
        }
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new UserInputException("--tolerance must be a positive number, got " + tolerance);
        }
        boolean spark = SparkAnalysis.requested(master);
        if (spark) {
            SparkAnalysis.checkBeforeRunning(master, expert.backend);
        }
        double[] snaps = snapshots == null
                ? new double[] {0, time / 4, time / 2, 3 * time / 4, time}
                : Numbers.parseList("--snapshots", snapshots);
        for (double s : snaps) {
            if (s < 0 || s > time) {
                throw new UserInputException("--snapshots: " + s + " lies outside [0, " + time + "]");
            }
        }
        String data = expert.data() == null ? null : expert.data().toString();
        TrainSpec specValues = new TrainSpec(expert.circuit.toString(), expert.observable, experts, expert.task(),
                data, expert.taskSeed, time, dt, integrator, tolerance, expert.backend, expert.gradient, expert.seed,
                snaps, maxBatch);
        Path dir = out != null ? out : Path.of("runs", "train-" + stem(expert.circuit) + "-N" + experts + "-s"
                + expert.seed);
        RunFolder.Mode mode = RunFolder.Mode.of(resume, overwrite);
        try (RunFolder folder = RunFolder.open(dir, mode, TrainingRun::isOutput, "run.json", "run")) {
            TrainingRun run = new TrainingRun(specValues, folder.path(), Backends.threads(expert.threads),
                    expert.quiet, spec.commandLine().getOut(), spec.commandLine().getErr(), spark, master);
            return run.execute(resume, stopAfter);
        }
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
