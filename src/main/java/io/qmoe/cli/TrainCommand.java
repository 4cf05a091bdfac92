package io.qmoe.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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
    @Option(names = "--circuit", required = true, paramLabel = "FILE", description = "Expert circuit (.qasm).")
    Path circuit;

    @Option(names = "--observable", paramLabel = "TEXT", description = "Observable (default: the file's).")
    String observable;

    @Option(names = {"--experts", "-N"}, defaultValue = "100", paramLabel = "N",
            description = "Number of experts N (default ${DEFAULT-VALUE}).")
    int experts;

    @ArgGroup(exclusive = true)
    DataChoice dataChoice;

    static final class DataChoice {
        @Option(names = "--task", paramLabel = "NAME[:M]",
                description = "Built-in task: teacher (default) or sine, optionally with M points (default 20).")
        String task;

        @Option(names = "--data", paramLabel = "CSV", description = "CSV file x1,...,xk,y with a header.")
        Path data;
    }

    @Option(names = "--task-seed", defaultValue = "0", description = "Seed of the task's data (default 0).")
    long taskSeed;

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

    @Option(names = "--backend", defaultValue = "statevector", description = Backends.BACKEND_HELP)
    String backend;

    @Option(names = "--gradient", description = Backends.GRADIENT_HELP)
    String gradient;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial angles (default 1).")
    long seed;

    @Option(names = "--snapshots", paramLabel = "T1,T2,...",
            description = "Times at which all angles are saved (default 0, T/4, T/2, 3T/4, T).")
    String snapshots;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default runs/train-<circuit>-N<N>-s<seed>).")
    Path out;

    @Option(names = "--resume", description = "Continue the interrupted run in --out.")
    boolean resume;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads (0 = all processors).")
    int threads;

    @Option(names = "--max-batch", defaultValue = "65536",
            description = "Most bindings per backend call (default ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

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
        double[] snaps = snapshots == null
                ? new double[] {0, time / 4, time / 2, 3 * time / 4, time}
                : Numbers.parseList("--snapshots", snapshots);
        for (double s : snaps) {
            if (s < 0 || s > time) {
                throw new UserInputException("--snapshots: " + s + " lies outside [0, " + time + "]");
            }
        }
        String task = dataChoice == null || (dataChoice.task == null && dataChoice.data == null) ? "teacher"
                : dataChoice.task;
        String data = dataChoice == null || dataChoice.data == null ? null : dataChoice.data.toString();
        TrainSpec specValues = new TrainSpec(circuit.toString(), observable, experts, data == null ? task : null,
                data, taskSeed, time, dt, integrator, tolerance, backend, gradient, seed, snaps, maxBatch);
        Path dir = out != null ? out : Path.of("runs", "train-" + stem(circuit) + "-N" + experts + "-s" + seed);
        TrainingRun run = new TrainingRun(specValues, dir, Backends.threads(threads), quiet,
                spec.commandLine().getOut(), spec.commandLine().getErr());
        return run.execute(resume, stopAfter);
    }

    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
