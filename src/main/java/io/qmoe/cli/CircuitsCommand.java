package io.qmoe.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.qasm.LoadedCircuit;
import io.qmoe.qasm.QasmReader;
import io.qmoe.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qmoe circuits}: lists and validates the circuit files of a folder. */
@Command(name = "circuits", mixinStandardHelpOptions = true,
        description = "List and validate the .qasm circuits of a folder: qubits, trainable angles, data features, "
                + "observable and whether the mean-field analysis accepts them. Exit code 2 if any file is invalid.")
final class CircuitsCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = "circuits",
            description = "Folder to list (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException(dir + ": not a folder");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".qasm")).sorted().collect(Collectors.toList());
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int bad = 0;
        ArrayNode array = Json.MAPPER.createArrayNode();
        if (!json) {
            out.printf("%-28s %6s %9s %5s  %-22s %s%n", "file", "qubits", "trainable", "data", "observable",
                    "mean-field");
        }
        for (Path f : files) {
            try {
                LoadedCircuit lc = QasmReader.read(f);
                ParametricCircuit c = lc.circuit();
                boolean periodic = c.isPeriodic();
                if (json) {
                    ObjectNode o = array.addObject();
                    o.put("file", f.getFileName().toString());
                    o.put("qubits", c.qubitCount());
                    o.put("gates", c.gates().size());
                    o.putPOJO("trainable", c.trainableNames());
                    o.putPOJO("data", c.dataNames());
                    o.put("observable", lc.observable().toString());
                    o.put("periodic", periodic);
                    o.put("description", lc.description());
                } else {
                    out.printf("%-28s %6d %9d %5d  %-22s %s%n", f.getFileName(), c.qubitCount(), c.trainableCount(),
                            c.dataCount(), lc.observable(), c.trainableCount() == 0 ? "no (nothing trainable)"
                                    : periodic ? "yes" : "no (not periodic)");
                }
            } catch (IllegalArgumentException e) {
                bad++;
                err.println("qmoe: " + QmoeCommand.oneLine(e.getMessage()));
                if (json) {
                    ObjectNode o = array.addObject();
                    o.put("file", f.getFileName().toString());
                    o.put("error", QmoeCommand.oneLine(e.getMessage()));
                }
            }
        }
        if (json) {
            out.print(Json.text(array));
        } else if (files.isEmpty()) {
            out.println("(no .qasm files in " + dir + ")");
        }
        out.flush();
        return bad == 0 ? 0 : QmoeCommand.USAGE_ERROR;
    }
}
