package io.qmoe.cli;

import io.qmoe.bench.Benchmarks;
import io.qmoe.bench.StrangeEnvironmentBenchmark;
import io.qmoe.bench.TransportBenchmark;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code qmoe bench}: prints the benchmark tables recorded in docs/BENCHMARKS.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure the engine, its kernels against a plain C loop, the gradients, a mixture's velocity field and the exact Wasserstein "
                + "solver, and print Markdown tables (the source of docs/BENCHMARKS.md). Run on a quiet machine; "
                + "takes a few minutes, or seconds with --quick."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--section", defaultValue = "all",
            description = "engine, throughput, kernels, gradients, velocity, mixture, estimate, wasserstein, transport, "
                    + "kernel-distance, strange-environment or all (default "
                    + "${DEFAULT-VALUE}); or spark (not in all): Spark's start-up and per-stage overhead on --master.")
    String section;

    @Option(names = "--master", defaultValue = "local[2]", paramLabel = "URL",
            description = "The Spark master of --section spark (default ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--quick", description = "Small sizes: a smoke test, not figures to quote.")
    boolean quick;

    @Option(names = "--threads", defaultValue = "0", description = "Threads for multi-threaded rows (0 = all).")
    int threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Benchmarks b = new Benchmarks(spec.commandLine().getOut(), quick, Backends.threads(threads));
        var out = spec.commandLine().getOut();
        // one table of sections, in the order "all" runs them
        java.util.Map<String, Runnable> sections = new java.util.LinkedHashMap<>();
        sections.put("engine", b::engineVersusStrange);
        sections.put("throughput", b::throughput);
        sections.put("kernels", b::kernels);
        sections.put("gradients", b::gradients);
        sections.put("velocity", b::velocityField);
        sections.put("mixture", b::mixtureStep);
        sections.put("estimate", b::estimateCall);
        sections.put("wasserstein", b::wasserstein);
        sections.put("transport", () -> {
            out.printf("%n### Exact transport at scale (W_2, certified; scipy's linear_sum_assignment beside it)%n%n");
            TransportBenchmark.rows(quick ? new int[] {2_000} : new int[] {10_000, 100_000}, line -> {
                out.println(line);
                out.flush();
            });
        });
        sections.put("kernel-distance", () -> {
            out.printf("%n### Kernel distance (MMD, kappa = 1): Fourier sums against pairwise sums%n%n");
            io.qmoe.bench.KernelDistanceBenchmark.rows(quick ? new int[] {2_048} : new int[] {8_192, 65_536}, quick,
                    line -> {
                        out.println(line);
                        out.flush();
                    });
        });
        sections.put("strange-environment", () -> {
            out.printf("%n### FastExecutionEnvironment against Strange's SimpleQuantumExecutionEnvironment%n%n");
            StrangeEnvironmentBenchmark.rows(quick).forEach(out::println);
        });
        String s = section.toLowerCase(Locale.ROOT);
        if (s.equals("spark")) {
            out.printf("%n### Spark overhead (no numerics: what a sweep task or a partitioned stage pays)%n%n");
            SparkAnalysis.overheadRows(master, quick).forEach(out::println);
            out.flush();
            return 0;
        }
        if (!s.equals("all") && !sections.containsKey(s)) {
            throw new UserInputException("--section must be one of " + String.join(", ", sections.keySet())
                    + " or all, got '" + section + "'");
        }
        for (var e : sections.entrySet()) {
            if (s.equals("all") || s.equals(e.getKey())) {
                e.getValue().run();
                out.flush();
            }
        }
        return 0;
    }
}
