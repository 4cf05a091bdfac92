package io.qmoe.cli;

import io.qmoe.backend.Estimator;
import io.qmoe.gradient.GradientMethod;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.DatasetCsv;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.Tasks;
import io.qmoe.qasm.LoadedCircuit;
import java.nio.file.Path;

/**
 * The one set-up path of {@code train} and {@code analyze}: circuit → backend → gradient → expert → data, each
 * validated once with messages that name the option or file. The backend is closed when the command ends.
 *
 * @param loaded the circuit file with its observable
 * @param expert the expert on its backend with its gradient method
 * @param data   the data set (a CSV file or a built-in task)
 */
record Experiment(LoadedCircuit loaded, Expert expert, Dataset data) {

    /**
     * Sets up an experiment; {@code journal} is the run folder's remote job journal (or null), {@code dataFile} a
     * CSV file or null for the built-in {@code task}.
     */
    static Experiment open(Path circuit, String observable, String backend, String gradient, long seed, int threads,
                           Path journal, Path dataFile, String task, long taskSeed) {
        return open(circuit, CircuitLoader.loadTrainable(circuit, observable), backend, gradient, seed, threads,
                journal, dataFile, task, taskSeed);
    }

    /** As above, for a circuit already loaded from {@code circuit}. */
    static Experiment open(Path circuit, LoadedCircuit loaded, String backend, String gradient, long seed,
                           int threads, Path journal, Path dataFile, String task, long taskSeed) {
        Estimator estimator = Backends.estimator(backend, threads, seed, journal);
        GradientMethod method = Backends.gradient(gradient, estimator);
        Expert expert = new Expert(loaded.circuit(), loaded.observable(), estimator, method);
        Dataset data = dataFile != null ? DatasetCsv.read(InputFiles.readable(dataFile, "data file"))
                : Tasks.named(task, expert, taskSeed);
        if (data.featureCount() != loaded.circuit().dataCount()) {
            throw new UserInputException((dataFile != null ? dataFile.toString() : "--task " + task) + " has "
                    + data.featureCount() + " feature column(s) but " + circuit + " has "
                    + loaded.circuit().dataCount() + " data input(s) " + loaded.circuit().dataNames());
        }
        return new Experiment(loaded, expert, data);
    }

    /** The backend. */
    Estimator estimator() {
        return expert.estimator();
    }

    /** The gradient method. */
    GradientMethod gradient() {
        return expert.gradientMethod();
    }
}
