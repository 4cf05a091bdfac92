package io.qmoe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code qmoe} launcher script run as a user's shell runs it, with a stand-in {@code java} on the PATH (so no
 * build and no JVM): with the Vector API module it drops exactly the JVM's one incubator warning from standard error
 * and passes the rest through unchanged (a partial progress line included), keeps the exit code, and with
 * {@code QMOE_VECTOR=0} does not add the module.
 */
class LauncherScriptTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run launch(String vector, String... args) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("target"));
        Files.copy(Path.of("qmoe"), home.resolve("qmoe"));
        // a jar newer than any source: the launcher does not build (there are no sources beside this copy)
        Files.writeString(home.resolve("target/qmoe-cli.jar"), "");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fakeJava = bin.resolve("java");
        // the stand-in JVM: the incubator warning first when the module is added, as the real one does, then the
        // arguments on stdout, an error line and a progress fragment without a newline on stderr, exit code 2
        Files.writeString(fakeJava, """
                #!/usr/bin/env bash
                for a in "$@"; do
                  if [ "$a" = jdk.incubator.vector ]; then
                    echo "WARNING: Using incubator modules: jdk.incubator.vector" >&2
                  fi
                done
                echo "args: $*"
                echo "qmoe: --experts: -3 must be at least 1" >&2
                printf 'analyze: 10/1000\\r' >&2
                exit 2
                """);
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("qmoe").toString());
        pb.command().addAll(java.util.List.of(args));
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        if (vector != null) {
            pb.environment().put("QMOE_VECTOR", vector);
        }
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.walk(home).sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        return r;
    }

    @Test
    void theIncubatorWarningIsDroppedAndEverythingElseKept() throws Exception {
        Run r = launch(null, "analyze", "--experts", "-3");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).contains("--add-modules jdk.incubator.vector", "io.qmoe.cli.QmoeCommand analyze --experts -3");
        assertThat(r.err()).isEqualTo("qmoe: --experts: -3 must be at least 1\nanalyze: 10/1000\r");
    }

    @Test
    void withoutTheVectorModuleNothingIsAddedOrDropped() throws Exception {
        Run r = launch("0", "train");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).doesNotContain("jdk.incubator.vector").contains("io.qmoe.cli.QmoeCommand train");
        assertThat(r.err()).isEqualTo("qmoe: --experts: -3 must be at least 1\nanalyze: 10/1000\r");
    }
}
