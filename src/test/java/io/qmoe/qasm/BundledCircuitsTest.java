package io.qmoe.qasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bundled circuits as classpath resources. */
class BundledCircuitsTest {
    @Test
    void bundledCircuitsComeFromTheClasspathAndEqualTheFilesInTheCircuitsFolder() throws IOException {
        for (String name : BundledCircuits.NAMES) {
            LoadedCircuit fromJar = BundledCircuits.load(name);
            LoadedCircuit fromFile = QasmReader.read(Path.of("circuits", name + ".qasm"));
            assertThat(fromJar.circuit()).isEqualTo(fromFile.circuit());
            assertThat(fromJar.observable()).isEqualTo(fromFile.observable());
        }
        try (Stream<Path> files = Files.list(Path.of("circuits"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".qasm"))
                    .map(f -> f.substring(0, f.length() - 5))).containsExactlyInAnyOrderElementsOf(BundledCircuits.NAMES);
        }
        assertThat(BundledCircuits.load("hea-4q.qasm").circuit().qubitCount()).isEqualTo(4);
        assertThatThrownBy(() -> BundledCircuits.load("nope")).hasMessageContaining("reupload-1q");
    }
}
