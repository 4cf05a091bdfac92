package io.qmoe.cli;

import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options that say which expert runs where and on which data, shared by {@code train} and {@code analyze}. */
final class ExpertOptions {
    @Option(names = "--circuit", required = true, paramLabel = "FILE", description = "Expert circuit (.qasm).")
    Path circuit;

    @Option(names = "--observable", paramLabel = "TEXT", description = "Observable (default: the file's).")
    String observable;

    @ArgGroup(exclusive = true)
    DataChoice dataChoice;

    /** A built-in task or a CSV file, not both. */
    static final class DataChoice {
        @Option(names = "--task", paramLabel = "NAME[:M]",
                description = "Built-in task: teacher (default) or sine, optionally with M points (default 20).")
        String task;

        @Option(names = "--data", paramLabel = "CSV", description = "CSV file x1,...,xk,y with a header.")
        Path data;
    }

    @Option(names = "--task-seed", defaultValue = "0", description = "Seed of the task's data (default 0).")
    long taskSeed;

    @Option(names = "--backend", defaultValue = "statevector", description = Backends.BACKEND_HELP)
    String backend;

    @Option(names = "--gradient", description = Backends.GRADIENT_HELP)
    String gradient;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the initial angles (default 1).")
    long seed;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads (0 = all processors).")
    int threads;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    /** The built-in task named, or null when a CSV file was given ("teacher" when neither was). */
    String task() {
        if (dataChoice != null && dataChoice.data != null) {
            return null;
        }
        return dataChoice != null && dataChoice.task != null ? dataChoice.task : "teacher";
    }

    /** The CSV file given, or null. */
    Path data() {
        return dataChoice == null ? null : dataChoice.data;
    }
}
