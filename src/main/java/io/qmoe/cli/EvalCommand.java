package io.qmoe.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.backend.Estimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.gradient.GradientMethod;
import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.qasm.LoadedCircuit;
import io.qmoe.report.Json;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qmoe eval}: the expectation value (and optionally the gradient) of one circuit at one binding. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate f(theta, x) = <O> for one circuit file at given trainable angles and data features.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "OpenQASM 3 or 2.0 circuit file.")
    Path file;

    @Option(names = "--theta", paramLabel = "V1,V2,...",
            description = "Trainable angles in declaration order (radians; pi expressions allowed).")
    String theta;

    @Option(names = "--x", paramLabel = "V1,V2,...", description = "Data features in declaration order.")
    String x;

    @Option(names = "--observable", paramLabel = "TEXT",
            description = "Observable such as '0.5*Z0 + Z0Z1 - 0.2*X1' (default: the file's pragma, else Z0).")
    String observable;

    @Option(names = "--backend", defaultValue = "statevector", paramLabel = "NAME",
            description = "Backend: " + Backends.BACKEND_HELP + ". Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--grad", paramLabel = "METHOD",
            description = "Also compute the gradient with respect to the trainable angles: " + Backends.GRADIENT_HELP)
    String grad;

    @Option(names = "--threads", defaultValue = "0", description = "Worker threads (0 = all processors).")
    int threads;

    @Option(names = "--json", description = "Print a JSON object instead of text.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        LoadedCircuit loaded = CircuitLoader.load(file, observable);
        ParametricCircuit c = loaded.circuit();
        double[] th = Numbers.parseList("--theta", theta);
        double[] xs = Numbers.parseList("--x", x);
        if (th.length != c.trainableCount()) {
            throw new UserInputException("--theta: " + file + " has " + c.trainableCount() + " trainable angle(s) "
                    + c.trainableNames() + " but " + th.length + " value(s) were given");
        }
        if (xs.length != c.dataCount()) {
            throw new UserInputException("--x: " + file + " has " + c.dataCount() + " data feature(s) "
                    + c.dataNames() + " but " + xs.length + " value(s) were given");
        }
        int t = Backends.threads(threads);
        Estimator estimator = Backends.estimator(backend, t, 1);
        double[] binding = c.inputVector(th, xs);
        double value;
        double[] gradient = null;
        String gradName = null;
        if (grad != null) {
            GradientMethod g = Backends.gradient(grad, estimator);
            ValuesAndGradients vg = g.evaluate(c, loaded.observable(), new double[][] {binding});
            value = vg.values()[0];
            gradient = vg.gradient(0);
            gradName = g.name();
        } else {
            value = estimator.value(c, loaded.observable(), binding);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.object();
            o.put("file", file.toString());
            o.put("value", value);
            o.put("backend", estimator.name());
            o.put("observable", loaded.observable().toString());
            o.put("qubits", c.qubitCount());
            ObjectNode tr = o.putObject("trainable");
            for (int i = 0; i < th.length; i++) {
                tr.put(c.trainableNames().get(i), th[i]);
            }
            ObjectNode da = o.putObject("data");
            for (int i = 0; i < xs.length; i++) {
                da.put(c.dataNames().get(i), xs[i]);
            }
            if (gradient != null) {
                o.put("gradient_method", gradName);
                o.set("gradient", Json.array(gradient));
            }
            out.print(Json.text(o));
        } else {
            out.println(value);
            if (gradient != null) {
                StringBuilder sb = new StringBuilder("gradient (" + gradName + "):");
                for (int i = 0; i < gradient.length; i++) {
                    sb.append(' ').append(c.trainableNames().get(i)).append('=').append(gradient[i]);
                }
                out.println(sb);
            }
        }
        out.flush();
        return 0;
    }
}
