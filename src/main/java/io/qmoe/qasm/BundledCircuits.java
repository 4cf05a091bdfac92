package io.qmoe.qasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The circuits that ship with qmoe (the {@code circuits} folder of the project), read from the classpath so a library
 * user gets them from the jar: {@code BundledCircuits.load("reupload-1q")}.
 */
public final class BundledCircuits {
    /** The names of the bundled circuits, without the {@code .qasm} ending. */
    public static final List<String> NAMES = List.of("reupload-1q", "hea-2q", "hea-4q", "bell-rotation-qasm2");

    private static final String FOLDER = "/io/qmoe/circuits/";

    private BundledCircuits() {
    }

    /**
     * The bundled circuit {@code name} (with or without {@code .qasm}), with its observable.
     *
     * @throws IllegalArgumentException for a name that is not bundled
     */
    public static LoadedCircuit load(String name) {
        String base = name.endsWith(".qasm") ? name.substring(0, name.length() - 5) : name;
        if (!NAMES.contains(base)) {
            throw new IllegalArgumentException("no bundled circuit '" + name + "': the bundled ones are " + NAMES);
        }
        String resource = FOLDER + base + ".qasm";
        try (InputStream in = BundledCircuits.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled circuit " + resource + " is missing from the classpath");
            }
            return QasmReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled circuit " + resource, e);
        }
    }
}
