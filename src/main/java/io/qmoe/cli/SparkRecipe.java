package io.qmoe.cli;

import io.qmoe.backend.Estimator;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.device.Devices;
import io.qmoe.gradient.GradientMethod;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.DatasetCsv;
import io.qmoe.mixture.Expert;
import io.qmoe.qasm.LoadedCircuit;
import io.qmoe.qasm.QasmReader;
import io.qmoe.spark.ExpertSource;
import java.util.Locale;

/**
 * What a Spark executor needs to build the expert and the data of {@code qmoe analyze}: the circuit file's text (not
 * its path: an executor may not see the driver's disk), the {@code --observable} override, the backend and gradient
 * method named as on the command line, and the data as exact CSV text. Built the way {@link Experiment} builds them,
 * with one worker thread per task (a local simulator gives the same bits for any thread count).
 *
 * @param circuitText   the circuit file's content
 * @param circuitSource the circuit file's name, for messages
 * @param observable    the {@code --observable} override, or null for the file's
 * @param backend       {@code statevector} or {@code strange}
 * @param gradient      the {@code --gradient} value, or null for the backend's best
 * @param seed          the {@code --seed} (the backend's seed)
 * @param dataCsv       the data set as CSV text with full precision
 * @param dataName      the data set's name
 */
record SparkRecipe(String circuitText, String circuitSource, String observable, String backend, String gradient,
                   long seed, String dataCsv, String dataName) implements ExpertSource {
    private static final long serialVersionUID = 1L;

    /**
     * Refuses a backend Spark tasks cannot share: shot sampling draws from one random stream that the samples would
     * consume in a different order, and a remote QPU's session lives in the driver.
     */
    static void checkBackend(String backend) {
        String b = backend.strip().toLowerCase(Locale.ROOT);
        if (!b.equals("statevector") && !b.equals("strange")) {
            throw new UserInputException("--master runs with --backend statevector or strange only, got '" + backend
                    + "' (shot sampling shares one random stream between samples; a remote QPU session lives in "
                    + "the driver)");
        }
    }

    @Override
    public Expert expert() {
        LoadedCircuit loaded = QasmReader.parse(circuitText, circuitSource);
        PauliObservable o = observable == null ? loaded.observable()
                : PauliObservable.parse(observable, loaded.circuit().qubitCount());
        Estimator estimator = Devices.open(backend, Devices.Settings.local(1, seed));
        return new Expert(loaded.circuit(), o, estimator, GradientMethod.named(gradient, estimator));
    }

    @Override
    public Dataset data() {
        return DatasetCsv.parse(dataCsv, dataName);
    }
}
