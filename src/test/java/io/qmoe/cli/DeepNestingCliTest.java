package io.qmoe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 000 nested parentheses (and other hostile input) through the real command line in a child JVM with its default
 * stack: exit code 2 and one line on stderr naming the place, never a stack trace.
 */
class DeepNestingCliTest {
    private static final String DEEP = "(".repeat(20_000) + "1" + ")".repeat(20_000);
    private static final String CIRCUIT = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[1] q;\n"
            + "input float[64] t;\nry(t) q[0];\n";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run qmoe(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.qmoe.cli.QmoeCommand"));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        // both streams go to files: a pipe read one after the other can fill up and block the child
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void assertOneLocatedLine(Run r, String where) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().satisfies(l -> assertThat(l.contains(where)
                && !l.contains("Exception") && !l.contains("at io.qmoe") && !l.contains("StackOverflow")).isTrue());
    }

    @Test
    void deepParenthesesInTheFileTheThetaOptionAndTheObservable() throws Exception {
        Path deepFile = dir.resolve("deep.qasm");
        Files.writeString(deepFile, "OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[1] q;\nrx(" + DEEP + ") q[0];\n");
        Run file = qmoe("eval", deepFile.toString());
        assertOneLocatedLine(file, "deep.qasm:4:204:");
        assertThat(file.err()).contains("nested deeper than 200");
        Path ok = dir.resolve("ok.qasm");
        Files.writeString(ok, CIRCUIT);
        // cli.Numbers names the option and echoes the entry (whole: its text is not this package's to cut)
        assertOneLocatedLine(qmoe("eval", ok.toString(), "--theta", DEEP), "--theta");
        // the observable parser does not recurse: a '(' is simply not part of an observable
        CliRunner.Result obs = CliRunner.run("eval", ok.toString(), "--theta", "0", "--observable", DEEP);
        assertThat(obs.code()).isEqualTo(2);
        assertThat(obs.err().lines()).singleElement().satisfies(l -> assertThat(l.contains("--observable")
                && !l.contains("Exception")).isTrue());
    }

    @Test
    void circuitsReportsABadFileInOneLineAndListsTheOthers() throws Exception {
        Files.writeString(dir.resolve("a.qasm"), CIRCUIT);
        Files.writeString(dir.resolve("b.qasm"), "OPENQASM 3.0;\nqubit[1] q;\nrx(" + DEEP + ") q[0];\n");
        Files.writeString(dir.resolve("c.qasm"), "OPENQASM 3.0;\nqubit[1] q;\ngate g a { g a; }\n");
        Files.writeString(dir.resolve("d.qasm"), CIRCUIT.replace("ry(t)", "ctrl @ ry(t) q[0],"));
        CliRunner.Result r = CliRunner.run("circuits", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(3).anySatisfy(l -> assertThat(l).contains("b.qasm:3:204:"))
                .anySatisfy(l -> assertThat(l).contains("c.qasm:3:12:"));
        assertThat(r.err()).doesNotContain("Exception");
        assertThat(r.out()).contains("a.qasm").doesNotContain("b.qasm");
    }
}
