package io.qmoe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.backend.Estimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.gradient.GradientMethod;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.DatasetCsv;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.FlowEvaluation;
import io.qmoe.mixture.FlowIntegrator;
import io.qmoe.mixture.GradientFlowTrainer;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.Tasks;
import io.qmoe.mixture.TimeGrid;
import io.qmoe.mixture.TrainingObserver;
import io.qmoe.qasm.LoadedCircuit;
import io.qmoe.report.AngleTable;
import io.qmoe.report.AtomicFiles;
import io.qmoe.report.Checkpoint;
import io.qmoe.report.Json;
import io.qmoe.report.TrainingHistory;
import io.qmoe.report.TrainingPlots;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One training run and its folder: sets up the mixture from a {@link TrainSpec}, integrates it with progress, and
 * writes snapshots, checkpoints, {@code run.json}, {@code history.csv} and plots, all atomically. A run interrupted at
 * any point resumes from its last checkpoint to exactly the numbers of an uninterrupted run.
 */
final class TrainingRun {
    private static final long CHECKPOINT_INTERVAL_NANOS = 10_000_000_000L;
    private static final java.util.regex.Pattern OUTPUTS = java.util.regex.Pattern.compile(
            "run\\.json|checkpoint\\.bin|history\\.csv|data\\.csv|jobs\\.json|angles-(t[0-9.]+|final)\\.csv"
                    + "|loss\\.png|predictions\\.png");

    /** Whether {@code name} (relative to the run folder) is a file a training run writes. */
    static boolean isOutput(String name) {
        return OUTPUTS.matcher(name).matches();
    }

    private final TrainSpec spec;
    private final Path dir;
    private final int threads;
    private final boolean quiet;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean spark;
    private final String master;

    /**
     * A run of {@code spec} in {@code dir}; {@code spark} true trains on Spark ({@code master}, or null under
     * spark-submit) in partitioned blocks, to the same files.
     */
    TrainingRun(TrainSpec spec, Path dir, int threads, boolean quiet, PrintWriter out, PrintWriter err,
                boolean spark, String master) {
        this.spark = spark;
        this.master = master;
        this.spec = spec;
        this.dir = dir;
        this.threads = threads;
        this.quiet = quiet;
        this.out = out;
        this.err = err;
    }

    int execute(boolean resume, Integer stopAfter) {
        Path runJson = dir.resolve("run.json");
        int startStep = 0;
        double[] angles;
        TrainingHistory history;
        LoadedCircuit loaded = CircuitLoader.loadTrainable(Path.of(spec.circuit()), spec.observable());
        ParametricCircuit circuit = loaded.circuit();
        String circuitDigest = Digests.sha256(io.qmoe.qasm.QasmWriter.write(circuit, loaded.observable(), null));
        if (resume) {
            JsonNode stored = Json.read(runJson);
            TrainSpec before = TrainSpec.fromJson(stored.path("config"), runJson);
            var diff = spec.differences(before);
            if (!diff.isEmpty()) {
                throw new UserInputException("--resume: options differ from the run in " + dir + ": "
                        + String.join("; ", diff));
            }
            String storedCircuit = stored.path("fingerprint").path("circuit_sha256").asText("");
            if (!storedCircuit.equals(circuitDigest)) {
                throw new UserInputException("--resume: the circuit " + spec.circuit() + " (or its observable) "
                        + "changed since the run in " + dir + " started; resuming would mix two models");
            }
            if ("complete".equals(stored.path("status").asText())) {
                out.println("run in " + dir + " is already complete (loss " + lastLoss(stored) + ")");
                return 0;
            }
            Checkpoint cp = Checkpoint.read(dir.resolve("checkpoint.bin"));
            startStep = cp.step();
            angles = cp.angles();
            for (int i = 0; i < angles.length; i++) {
                if (!Double.isFinite(angles[i])) {
                    throw new UserInputException(dir.resolve("checkpoint.bin") + ": angle " + i + " is not finite "
                            + "(a damaged checkpoint); use --overwrite to start anew");
                }
            }
            try {
                history = TrainingHistory.fromJson(stored.path("history"), startStep);
            } catch (RuntimeException e) {
                throw new UserInputException(runJson + ": field 'history' is missing or malformed; not a run of this "
                        + "qmoe (use --overwrite to start anew)");
            }
        } else {
            angles = null;
            history = new TrainingHistory();
        }

        Experiment experiment = Experiment.open(Path.of(spec.circuit()), loaded, spec.backend(),
                spec.gradient(), spec.seed(), threads, dir.resolve("jobs.json"),
                spec.data() == null ? null : Path.of(spec.data()), spec.task(), spec.taskSeed());
        Estimator estimator = experiment.estimator();
        GradientMethod gradient = experiment.gradient();
        Expert expert = experiment.expert();
        Dataset data = experiment.data();
        String dataDigest = Digests.sha256(DatasetCsv.format(data));
        if (resume) {
            String storedData = Json.read(runJson).path("fingerprint").path("data_sha256").asText("");
            if (!storedData.equals(dataDigest)) {
                throw new UserInputException("--resume: the data " + (spec.data() != null ? spec.data()
                        : "of --task " + spec.task()) + " changed since the run in " + dir + " started; resuming "
                        + "would mix two models");
            }
        }
        // a backend that prefers whole steps (remote: job creation is rate-limited) gets every evaluation as one call
        int batch = estimator.preferredBatchSize() == Integer.MAX_VALUE ? Integer.MAX_VALUE : spec.maxBatch();
        MixtureOfExperts mixture = new MixtureOfExperts(expert, spec.experts(), batch);
        long needed = mixture.evaluationBytes(data.size());
        // on Spark the driver holds only the angles; the evaluations run in blocks on the executors
        if (!spark && needed > Runtime.getRuntime().maxMemory()) {
            throw new UserInputException("--experts " + spec.experts() + ": one evaluation on " + data.size()
                    + " data points holds " + (needed >> 20) + " MiB of values, gradients and velocities, more than the "
                    + QmoeCommand.heapAdvice());
        }
        FlowIntegrator integrator = FlowIntegrator.named(spec.integrator(), spec.tolerance());
        TimeGrid grid = TimeGrid.of(spec.time(), spec.dt());
        GradientFlowTrainer trainer = new GradientFlowTrainer(mixture, data, integrator, grid);
        if (angles == null) {
            angles = mixture.initialAngles(spec.seed());
        } else if (angles.length != spec.experts() * circuit.trainableCount()) {
            throw new UserInputException(dir.resolve("checkpoint.bin") + ": holds " + angles.length
                    + " angles, expected " + spec.experts() + " x " + circuit.trainableCount());
        }

        Set<Integer> snapshotSteps = new TreeSet<>();
        for (double t : spec.snapshots()) {
            snapshotSteps.add(grid.nearestStep(t));
        }
        ObjectNode base = baseJson(loaded, data, grid, estimator, gradient);
        ObjectNode fingerprint = base.putObject("fingerprint");
        fingerprint.put("circuit_sha256", circuitDigest);
        fingerprint.put("data_sha256", dataDigest);
        snapshotNames = snapshotNames(grid, snapshotSteps);
        AtomicFiles.writeString(dir.resolve("data.csv"), DatasetCsv.format(data));
        if (startStep == 0 && snapshotSteps.contains(0)) {
            writeSnapshot(circuit, grid, 0, angles);
        }

        int endStep = stopAfter == null ? grid.steps() : Math.min(grid.steps(), startStep + stopAfter);
        long started = System.nanoTime();
        TrainingHistory hist = history;
        double[] state = angles;
        long[] lastCheckpoint = {System.nanoTime()};
        try (Progress progress = Progress.start("train", grid.steps(), quiet, err)) {
            progress.update(startStep, "");
            TrainingObserver observer = new TrainingObserver() {
                @Override
                public void recorded(int step, double t, FlowEvaluation e) {
                    hist.add(step, t, e);
                    progress.update(step, String.format(Locale.ROOT, "t=%.4g loss=%.4e", t, e.loss()));
                }

                @Override
                public void reached(int step, double t, double[] a) {
                    if (a == null) {
                        return; // on Spark, a step whose angles were not wanted (no snapshot, no checkpoint due)
                    }
                    if (snapshotSteps.contains(step)) {
                        writeSnapshot(circuit, grid, step, a);
                    }
                    long now = System.nanoTime();
                    if (now - lastCheckpoint[0] >= CHECKPOINT_INTERVAL_NANOS && step < grid.steps()) {
                        lastCheckpoint[0] = now;
                        checkpoint(base, hist, step, a, "running");
                    }
                }
            };
            if (spark) {
                SparkRecipe recipe = new SparkRecipe(AnalyzeCommand.readCircuit(Path.of(spec.circuit())), spec.circuit(),
                        spec.observable(), spec.backend(), spec.gradient(), spec.seed(), DatasetCsv.format(data),
                        data.name());
                SparkTraining.run(master, recipe, mixture.scaling(), grid, integrator, state,
                        startStep == 0 ? spec.seed() : null, spec.experts(), startStep, endStep, observer,
                        step -> snapshotSteps.contains(step) || (step < grid.steps()
                                && System.nanoTime() - lastCheckpoint[0] >= CHECKPOINT_INTERVAL_NANOS));
            } else {
                trainer.run(state, startStep, endStep, observer);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (endStep < grid.steps()) {
            checkpoint(base, hist, endStep, state, "interrupted");
            out.printf(Locale.ROOT, "stopped at t=%.6g (step %d of %d); continue with --resume --out %s%n",
                    grid.time(endStep), endStep, grid.steps(), dir);
            out.flush();
            return 0;
        }
        finish(base, hist, data, state, circuit, grid, seconds);
        return 0;
    }

    private ObjectNode baseJson(LoadedCircuit loaded, Dataset data, TimeGrid grid, Estimator estimator,
                                GradientMethod gradient) {
        ObjectNode o = Json.object();
        ObjectNode v = o.putObject("versions");
        v.put("qmoe", Versions.QMOE);
        v.put("strange", Versions.STRANGE);
        v.put("java", System.getProperty("java.version"));
        o.set("config", spec.toJson());
        ObjectNode c = o.putObject("circuit");
        c.put("file", spec.circuit());
        c.put("qubits", loaded.circuit().qubitCount());
        c.putPOJO("trainable", loaded.circuit().trainableNames());
        c.putPOJO("data", loaded.circuit().dataNames());
        c.put("observable", loaded.observable().toString());
        c.put("periodic", loaded.circuit().isPeriodic());
        ObjectNode d = o.putObject("dataset");
        d.put("name", data.name());
        d.put("points", data.size());
        d.put("file", "data.csv");
        ObjectNode g = o.putObject("grid");
        g.put("steps", grid.steps());
        g.put("dt", grid.dt());
        o.put("backend", estimator.name());
        o.put("gradient_method", gradient.name());
        o.put("time_scale", "d theta_i/dt = -(1/M) sum_a r_a grad f(theta_i, x_a), r_a = f_N(x_a) - y_a");
        return o;
    }

    private void checkpoint(ObjectNode base, TrainingHistory hist, int step, double[] angles, String status) {
        ObjectNode o = base.deepCopy();
        o.put("status", status);
        o.putObject("progress").put("step", step);
        o.set("history", hist.toJson());
        // run.json first, then the checkpoint: a crash in between leaves an older checkpoint, whose step cuts the
        // history back consistently on resume.
        Json.write(dir.resolve("run.json"), o);
        new Checkpoint(step, angles).write(dir.resolve("checkpoint.bin"));
    }

    /**
     * Snapshot file names: {@code angles-t<time>.csv} with four decimals, or more when two snapshot times would share
     * a name (distinct grid times never share a file).
     */
    static java.util.Map<Integer, String> snapshotNames(TimeGrid grid, Set<Integer> steps) {
        for (int decimals = 4; ; decimals++) {
            java.util.Map<Integer, String> names = new java.util.TreeMap<>();
            Set<String> seen = new java.util.HashSet<>();
            boolean distinct = true;
            for (int step : steps) {
                String name = decimals > 17
                        ? "angles-t" + new java.math.BigDecimal(grid.time(step)).toPlainString() + ".csv"
                        : String.format(Locale.ROOT, "angles-t%." + decimals + "f.csv", grid.time(step));
                distinct &= seen.add(name);
                names.put(step, name);
            }
            if (distinct || decimals > 17) {
                return names;
            }
        }
    }

    private java.util.Map<Integer, String> snapshotNames = java.util.Map.of();

    private void writeSnapshot(ParametricCircuit circuit, TimeGrid grid, int step, double[] angles) {
        String name = snapshotNames.get(step);
        AtomicFiles.writeString(dir.resolve(name),
                AngleTable.format(circuit.trainableNames(), MixtureOfExperts.wrap(angles)));
    }

    private void finish(ObjectNode base, TrainingHistory hist, Dataset data, double[] angles,
                        ParametricCircuit circuit, TimeGrid grid, double seconds) {
        ObjectNode o = base.deepCopy();
        o.put("status", "complete");
        o.putObject("progress").put("step", grid.steps());
        o.put("final_loss", hist.lastLoss());
        o.set("history", hist.toJson());
        AtomicFiles.writeString(dir.resolve("angles-final.csv"),
                AngleTable.format(circuit.trainableNames(), MixtureOfExperts.wrap(angles)));
        AtomicFiles.writeString(dir.resolve("history.csv"), historyCsv(hist));
        Json.write(dir.resolve("run.json"), o);
        try {
            TrainingPlots.loss(hist, "Loss, N = " + spec.experts(), dir.resolve("loss.png"));
            TrainingPlots.predictions(data, hist.predictions(0), hist.predictions(hist.size() - 1),
                    dir.resolve("predictions.png"));
        } catch (RuntimeException e) {
            // the numbers are saved; a plot that cannot be drawn costs only the picture
            err.println("qmoe: warning: a plot could not be drawn (" + QmoeCommand.oneLine(e.getMessage())
                    + "); run.json and history.csv are complete");
        }
        try {
            Files.deleteIfExists(dir.resolve("checkpoint.bin"));
        } catch (java.io.IOException e) {
            err.println("qmoe: warning: could not remove " + dir.resolve("checkpoint.bin") + ": " + e.getMessage());
        }
        double[] losses = hist.losses();
        out.printf(Locale.ROOT, "trained N=%d experts to t=%g: loss %.4e -> %.4e in %.1f s; wrote %s%n",
                spec.experts(), grid.totalTime(), losses[0], losses[losses.length - 1], seconds, dir);
        out.flush();
    }

    private static String historyCsv(TrainingHistory h) {
        StringBuilder sb = new StringBuilder("t,loss");
        int m = h.residuals(0).length;
        for (int a = 0; a < m; a++) {
            sb.append(",r").append(a);
        }
        sb.append('\n');
        double[] t = h.times();
        double[] l = h.losses();
        for (int i = 0; i < t.length; i++) {
            sb.append(t[i]).append(',').append(l[i]);
            for (double r : h.residuals(i)) {
                sb.append(',').append(r);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String lastLoss(JsonNode stored) {
        return stored.path("final_loss").asText("?");
    }
}
