package io.qmoe.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.backend.Estimator;
import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.gradient.GradientMethod;
import io.qmoe.meanfield.AnalysisConfig;
import io.qmoe.meanfield.AnalysisResult;
import io.qmoe.meanfield.MeanFieldAnalysis;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.DatasetCsv;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.OutputScaling;
import io.qmoe.mixture.Tasks;
import io.qmoe.qasm.LoadedCircuit;
import io.qmoe.report.AnalysisReport;
import io.qmoe.report.AtomicFiles;
import io.qmoe.report.Json;
import io.qmoe.report.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code qmoe analyze}: the mean-field analysis, a sweep over N with coupling to a reference solution. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Measure how a mixture of N quantum experts approaches its mean-field limit.",
                "Runs a large reference population, then for every N and seed the N-expert mixture and, from the same "
                        + "initial angles, the nonlinear process driven by the reference residuals. Reports the "
                        + "coupling distance D_N, the prediction gap G_N and the exact W_2 to the reference over time, "
                        + "fits their slopes in N and sets them beside the theory. For d <= 2 an independent "
                        + "finite-volume solver of the continuity equation checks the reference.",
                "Writes to --out: summary.json, distances.csv, fits.csv, loss.csv, fluctuations.csv, data.csv, "
                        + "every plot as PNG and SVG, and a self-contained report.html. Also measures the kernel distance (MMD), "
                        + "the fluctuations sqrt(N)(f_N - F) and the tangent kernel; slopes carry 95%% bootstrap "
                        + "intervals over seeds. With --tangent-linear also the linear prediction of the fluctuations "
                        + "(tangent_linear.png, z_linear in fluctuations.csv)."})
final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    ExpertOptions expert;

    @Option(names = "--experts", defaultValue = "16,32,64,128,256,512,1024", paramLabel = "N1,N2,...",
            description = "Mixture sizes (default ${DEFAULT-VALUE}).")
    String experts;

    @Option(names = "--seeds", defaultValue = "8", description = "Seeds per N (default ${DEFAULT-VALUE}; slopes backed "
            + "by fewer than 10 seeds carry a warning in the report).")
    int seeds;

    @Option(names = "--reference-size", defaultValue = "8192",
            description = "Particles in the reference solution (default ${DEFAULT-VALUE}).")
    int referenceSize;

    @Option(names = {"--time", "-T"}, defaultValue = "4", description = "Final time (default ${DEFAULT-VALUE}).")
    double time;

    @Option(names = "--dt", defaultValue = "0.1", description = "Step (default ${DEFAULT-VALUE}).")
    double dt;

    @Option(names = "--integrator", defaultValue = "rk4", description = "rk4 or euler (default ${DEFAULT-VALUE}).")
    String integrator;

    @Option(names = "--snapshots", paramLabel = "T1,T2,...",
            description = "Times at which the coupling, prediction gap, displacement and loss are measured, and "
                    + "the kernel distances (MMD) when the kernel's Fourier series is short (d <= 3 at kappa 1) "
                    + "(default 21 times 0, T/20, ..., T).")
    String snapshots;

    @Option(names = "--transport-snapshots", paramLabel = "T1,T2,...",
            description = "Times at which the exact W_2 distances to the whole reference and the tangent kernel are "
                    + "measured too, and the kernel distances when they are not at every snapshot "
                    + "(default 0, T/4, T/2, T; 'none' for no W_2).")
    String transportSnapshots;

    @Option(names = "--scaling", defaultValue = "meanfield",
            description = "meanfield (1/N output, default) or lazy (1/sqrt(N) output: angles barely move).")
    String scaling;

    @Option(names = "--grid", defaultValue = "96",
            description = "Cells per axis of the finite-volume check for d <= 2; 0 turns it off "
                    + "(default ${DEFAULT-VALUE}).")
    int gridCells;


    @Option(names = "--kernel-concentration", defaultValue = "1", paramLabel = "KAPPA",
            description = "Concentration of the von Mises kernel of the kernel distance (bandwidth about "
                    + "1/sqrt(KAPPA) radians; default ${DEFAULT-VALUE}).")
    double kernelConcentration;

    @Option(names = "--tangent-linear", description = "Also integrate, beside each sample's twins and with the same "
            + "stages, the linearised fluctuations sqrt(N)(theta - theta_bar), and report how well their prediction "
            + "Zlin follows Z = sqrt(N)(f_N - F): path-by-path correlation and Var Z / Var Zlin per N and time "
            + "(both tend to 1 where the CLT holds), a plot, and Zlin beside Z in fluctuations.csv. Off by default: "
            + "it costs about 4x the twins (2 more gradient and 3 value passes per stage beside their one "
            + "gradient pass): on the 1-qubit expert a sample without transport distances takes about 2.6x its "
            + "usual time. Mean-field scaling only.")
    boolean tangentLinear;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default runs/analyze-<circuit>).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the files of an earlier analysis in --out.")
    boolean overwrite;

    @Option(names = "--resume", description = "Continue an interrupted analysis in --out: finished (N, seed) samples "
            + "are kept, the rest are run; the options must be the same.")
    boolean resume;

    @Option(names = "--master", paramLabel = "URL",
            description = "Run every (N, seed) sample as an Apache Spark task, and a reference of at least 4096 "
                    + "particles (rk4, euler) in blocks on the executors: local[*] or local[N] in this JVM, or a "
                    + "cluster's spark://HOST:PORT, yarn, k8s://URL (the same numbers and files as without it). "
                    + "Under spark-submit the submit's master is used.")
    String master;

    @Option(names = "--sample-store", paramLabel = "URI",
            description = "With Spark: where the finished samples are kept for --resume, a Hadoop FileSystem URI "
                    + "every executor reaches (file:, hdfs:, s3a:; default the run folder's samples).")
    String sampleStore;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Whether the samples run on Spark: {@code --master} given, or started by spark-submit. */
    private boolean onSpark() {
        return SparkAnalysis.requested(master);
    }

    @Override
    public Integer call() {
        OutputScaling outputScaling;
        switch (scaling.toLowerCase(Locale.ROOT)) {
            case "meanfield":
            case "mean-field":
                outputScaling = OutputScaling.MEAN_FIELD;
                break;
            case "lazy":
                outputScaling = OutputScaling.LAZY;
                break;
            default:
                throw new UserInputException("--scaling must be meanfield or lazy, got '" + scaling + "'");
        }
        AnalysisConfig.Builder b = AnalysisConfig.builder().experts(Numbers.parsePositiveInts("--experts", experts))
                .seeds(seeds).referenceSize(referenceSize).seed(expert.seed).time(time).dt(dt)
                .integrator(integrator.toLowerCase(Locale.ROOT)).scaling(outputScaling).gridCells(gridCells)
                .kernelConcentration(kernelConcentration).tangentLinear(tangentLinear);
        if (snapshots != null) {
            b.snapshots(Numbers.parseList("--snapshots", snapshots));
        }
        if (transportSnapshots != null) {
            b.transportSnapshots(transportSnapshots.strip().equalsIgnoreCase("none") ? new double[0]
                    : Numbers.parseList("--transport-snapshots", transportSnapshots));
        }
        AnalysisConfig config = b.build();
        warnSlowTransport(config);
        if (onSpark()) {
            SparkAnalysis.checkBeforeRunning(master, expert.backend);
        } else if (sampleStore != null) {
            throw new UserInputException("--sample-store needs --master (or spark-submit): without Spark the samples "
                    + "are kept in the run folder");
        }
        Path circuit = expert.circuit;
        Path dir = out != null ? out : Path.of("runs", "analyze-" + TrainCommand.stem(circuit));
        RunFolder.Mode mode = RunFolder.Mode.of(resume, overwrite);
        try (RunFolder folder = RunFolder.open(dir, mode, AnalyzeCommand::isOutput, "samples/config.txt",
                "unfinished analysis")) {
            return analyze(config, folder.path());
        }
    }

    /**
     * One warning line per N that does not divide the reference size when W₂ is measured: its solves against the
     * reference leave the exact flow to correct the rounding of the sinks' auction, up to about 15 times a
     * divisor's time.
     */
    private void warnSlowTransport(AnalysisConfig config) {
        if (config.transportSnapshots().length == 0 || config.scaling() != OutputScaling.MEAN_FIELD) {
            return;
        }
        int m = config.referenceSize();
        for (int n : config.experts()) {
            if (n < m && m % n != 0) {
                spec.commandLine().getErr().println("qmoe: warning: --experts " + n + " does not divide "
                        + "--reference-size " + m + ": its W2 solves take up to about 15 times as long as a "
                        + "divisor's (e.g. " + Integer.highestOneBit(n) + " with a power-of-two reference)");
            }
        }
    }

    private static final java.util.regex.Pattern OUTPUTS = java.util.regex.Pattern.compile(
            "(summary\\.json|distances\\.csv|fits\\.csv|loss\\.csv|fluctuations\\.csv|data\\.csv|jobs\\.json"
                    + "|report\\.html|[a-z_0-9]+\\.(png|svg)|samples/(N\\d+-s\\d+\\.json|config\\.txt))");

    /** Whether {@code name} (relative to the output folder) is a file an analysis writes. */
    static boolean isOutput(String name) {
        return OUTPUTS.matcher(name).matches();
    }

    private int analyze(AnalysisConfig config, Path dir) {
        Path circuit = expert.circuit;
        int t = Backends.threads(expert.threads);
        Experiment experiment = Experiment.open(circuit, expert.observable, expert.backend, expert.gradient,
                expert.seed, t, dir.resolve("jobs.json"), expert.data(), expert.task(), expert.taskSeed);
        LoadedCircuit loaded = experiment.loaded();
        Estimator estimator = experiment.estimator();
        GradientMethod g = experiment.gradient();
        Expert model = experiment.expert();
        Dataset data = experiment.data();
        MeanFieldAnalysis analysis = new MeanFieldAnalysis(model, data, config);
        SparkRecipe recipe = null;
        SampleFiles store;
        if (onSpark()) {
            recipe = new SparkRecipe(readCircuit(circuit), circuit.toString(), expert.observable, expert.backend,
                    expert.gradient, expert.seed, DatasetCsv.format(data), data.name());
            String uri = sampleStore != null ? sampleStore
                    : dir.resolve("samples").toAbsolutePath().toUri().toString();
            try {
                store = SparkAnalysis.store(uri);
            } catch (NoClassDefFoundError e) {
                throw SparkAnalysis.missing(e);
            }
        } else {
            store = new SampleFiles(dir);
        }
        store.open(fingerprint(config, loaded, data, estimator.name(), g.name()), resume);
        long started = System.nanoTime();
        AnalysisResult result;
        try (Progress progress = Progress.start("analyze", 1000, expert.quiet, spec.commandLine().getErr())) {
            // samples side by side only on the state-vector engine: thread-safe, and deterministic under concurrent calls
            int sampleThreads = estimator.concurrentCalls() ? t : 1;
            MeanFieldAnalysis.Listener listener = (done, total, status) ->
                    progress.update(total == 0 ? 1000 : Math.min(1000, done * 1000 / total), status);
            result = recipe != null ? SparkAnalysis.run(master, recipe, analysis, store, listener)
                    : analysis.run(listener, store, sampleThreads);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        ObjectNode context = Json.object();
        context.put("circuit", circuit.toString());
        context.put("observable", loaded.observable().toString());
        context.put("data", data.name());
        context.put("data_points", data.size());
        context.put("backend", estimator.name());
        context.put("gradient_method", g.name());
        context.put("qmoe", Versions.QMOE);
        context.put("strange", Versions.STRANGE);
        context.put("seconds", Math.round(seconds * 10) / 10.0);
        AtomicFiles.writeString(dir.resolve("data.csv"), DatasetCsv.format(data));
        new AnalysisReport(result, context).write(dir);

        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "analysed N = %s with %d seed(s) in %.1f s (d = %d)%n",
                java.util.Arrays.toString(config.experts()), config.seeds(), seconds, result.dimension());
        if (config.experts().length < 2) {
            w.println("  no slopes: a slope in N needs at least two sizes in --experts");
        } else {
            w.printf(Locale.ROOT, "  slopes at t = %.3g, 95%% bootstrap intervals over %d seeds%s%n",
                    result.snapshotTimes()[result.snapshotTimes().length - 1], config.seeds(),
                    config.seeds() < 10 ? " (fewer than 10 seeds: rough intervals)" : "");
        }
        for (AnalysisResult.QuantityFit f : result.fits()) {
            if (f.time() == result.snapshotTimes()[result.snapshotTimes().length - 1]) {
                w.printf(Locale.ROOT, "  %-25s %7.3f [%6.3f, %6.3f]   theory %6.3f (%s)%n", f.quantity(), f.slope(),
                        f.slopeInterval().lo(), f.slopeInterval().hi(), f.theorySlope(), f.theoryNote());
            }
        }
        if (result.grid() != null) {
            w.printf(Locale.ROOT, "  grid check: max |r_grid - r_ref| = %.3g on %d^%d cells%n",
                    result.grid().maxResidualGap(), result.grid().cells(), result.dimension());
        }
        w.println("wrote " + dir.resolve("report.html"));
        w.flush();
        return 0;
    }

    /** The circuit file's text, as the executors parse it (the driver has read the same file already). */
    static String readCircuit(Path circuit) {
        try {
            return Files.readString(circuit, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new UserInputException(circuit + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Everything that decides the numbers of an analysis, one {@code name value} line per setting, so --resume can
     * name the first that changed. The circuit and data enter by content (a digest), not by path.
     */
    private static java.util.List<String> fingerprint(AnalysisConfig c, LoadedCircuit loaded, Dataset data,
                                                      String backend, String gradient) {
        java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of(
                "--experts " + java.util.Arrays.toString(c.experts()), "--seeds " + c.seeds(),
                "--reference-size " + c.referenceSize(), "--seed " + c.seed(), "--time " + c.time(),
                "--dt " + c.dt(), "--integrator " + c.integrator(),
                "--snapshots " + java.util.Arrays.toString(c.snapshots()),
                "--transport-snapshots " + java.util.Arrays.toString(c.transportSnapshots()),
                "--scaling " + c.scaling(), "--grid " + c.gridCells(),
                "--kernel-concentration " + c.kernelConcentration(), "--backend " + backend,
                "--gradient " + gradient,
                "circuit " + Digests.sha256(io.qmoe.qasm.QasmWriter.write(loaded.circuit(), loaded.observable(), null)),
                "data " + Digests.sha256(DatasetCsv.format(data))));
        if (c.tangentLinear()) {
            // only when on, so the unfinished analyses of earlier versions still resume
            lines.add("--tangent-linear true");
        }
        return lines;
    }
}
