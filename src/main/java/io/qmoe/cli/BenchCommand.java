package io.qmoe.cli;

import io.qmoe.bench.Benchmarks;
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
            description = "engine, throughput, kernels, gradients, velocity, wasserstein or all (default "
                    + "${DEFAULT-VALUE}).")
    String section;

    @Option(names = "--quick", description = "Small sizes: a smoke test, not figures to quote.")
    boolean quick;

    @Option(names = "--threads", defaultValue = "0", description = "Threads for multi-threaded rows (0 = all).")
    int threads;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Benchmarks b = new Benchmarks(spec.commandLine().getOut(), quick, Backends.threads(threads));
        String s = section.toLowerCase(Locale.ROOT);
        boolean all = s.equals("all");
        boolean known = false;
        if (all || s.equals("engine")) {
            b.engineVersusStrange();
            known = true;
        }
        if (all || s.equals("throughput")) {
            b.throughput();
            known = true;
        }
        if (all || s.equals("kernels")) {
            b.kernels();
            known = true;
        }
        if (all || s.equals("gradients")) {
            b.gradients();
            known = true;
        }
        if (all || s.equals("velocity")) {
            b.velocityField();
            known = true;
        }
        if (all || s.equals("wasserstein")) {
            b.wasserstein();
            known = true;
        }
        if (!known) {
            throw new UserInputException("--section must be engine, throughput, kernels, gradients, velocity, "
                    + "wasserstein or all, got '" + section + "'");
        }
        return 0;
    }
}
