package io.qmoe.cli;

import io.qmoe.circuit.ExpressionException;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.qasm.LoadedCircuit;
import io.qmoe.qasm.QasmReader;
import java.nio.file.Path;

/** Loads a circuit file and applies an {@code --observable} override, with one-line errors. */
final class CircuitLoader {
    private CircuitLoader() {
    }

    /** The circuit and the observable to use (the override when given, else the file's default). */
    static LoadedCircuit load(Path file, String observableOverride) {
        LoadedCircuit loaded = QasmReader.read(InputFiles.readable(file, "circuit file"));
        if (observableOverride == null) {
            return loaded;
        }
        PauliObservable o;
        try {
            o = PauliObservable.parse(observableOverride, loaded.circuit().qubitCount());
        } catch (ExpressionException e) {
            throw new UserInputException("--observable '" + observableOverride + "': " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--observable: " + e.getMessage());
        }
        return new LoadedCircuit(loaded.circuit(), o, loaded.source(), loaded.description());
    }

    /** As {@link #load}, for commands that train: refuses a circuit without trainable angles (nothing to train). */
    static LoadedCircuit loadTrainable(Path file, String observableOverride) {
        LoadedCircuit loaded = load(file, observableOverride);
        if (loaded.circuit().trainableCount() == 0) {
            throw new UserInputException(file + ": the circuit has no trainable angles (every input is a data feature, "
                    + "or it has none), so a mixture of it has nothing to train");
        }
        return loaded;
    }
}
