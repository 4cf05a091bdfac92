package io.qmoe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.qmoe.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalAndCircuitsCommandTest {
    /** RY(t0)·RX(x0)·RY(t1) with Z0: f = cos t0 cos t1 cos x − sin t0 sin t1 (Bloch rotations by hand). */
    static final String QUBIT = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n// test expert\nqubit[1] q;\n"
            + "input float[64] t0;\ninput float[64] t1;\ninput float[64] x0;\n#pragma qmoe data x0\n"
            + "ry(t0) q[0];\nrx(x0) q[0];\nry(t1) q[0];\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static double f(double t0, double t1, double x) {
        return Math.cos(t0) * Math.cos(t1) * Math.cos(x) - Math.sin(t0) * Math.sin(t1);
    }

    @Test
    void evalPrintsTheClosedFormValueOnBothBackends() throws Exception {
        Path c = write("q.qasm", QUBIT);
        for (String backend : new String[] {"statevector", "strange"}) {
            CliRunner.Result r = CliRunner.run("eval", c.toString(), "--theta", "0.3,pi/5", "--x", "0.7",
                    "--backend", backend);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(Double.parseDouble(r.out().strip())).isCloseTo(f(0.3, Math.PI / 5, 0.7), within(2e-6));
        }
    }

    @Test
    void evalJsonCarriesValueBackendSizesAndGradient() throws Exception {
        Path c = write("q.qasm", QUBIT);
        CliRunner.Result r = CliRunner.run("eval", c.toString(), "--theta", "0.3,1.1", "--x", "0.7", "--json",
                "--grad", "parameter-shift");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode o = Json.MAPPER.readTree(r.out());
        assertThat(o.get("value").asDouble()).isCloseTo(f(0.3, 1.1, 0.7), within(1e-12));
        assertThat(o.get("backend").asText()).isEqualTo("statevector");
        assertThat(o.get("qubits").asInt()).isEqualTo(1);
        assertThat(o.get("trainable").get("t1").asDouble()).isEqualTo(1.1);
        assertThat(o.get("data").get("x0").asDouble()).isEqualTo(0.7);
        double g0 = -Math.sin(0.3) * Math.cos(1.1) * Math.cos(0.7) - Math.cos(0.3) * Math.sin(1.1);
        assertThat(o.get("gradient").get(0).asDouble()).isCloseTo(g0, within(1e-12));
    }

    @Test
    void observableOverrideIsUsed() throws Exception {
        Path c = write("q.qasm", QUBIT);
        CliRunner.Result r = CliRunner.run("eval", c.toString(), "--theta", "0,0", "--x", "0.4", "--observable",
                "0.5*Y0 + 2");
        assertThat(r.code()).as(r.err()).isZero();
        // RX(0.4)|0>: <Y> = -sin 0.4
        assertThat(Double.parseDouble(r.out().strip())).isCloseTo(2 - 0.5 * Math.sin(0.4), within(1e-12));
    }

    @Test
    void badInputGivesOneLineAndExitCode2() throws Exception {
        Path c = write("q.qasm", QUBIT);
        CliRunner.Result wrongCount = CliRunner.run("eval", c.toString(), "--theta", "0.1", "--x", "0.2");
        assertThat(wrongCount.code()).isEqualTo(2);
        assertThat(wrongCount.err()).contains("--theta").contains("2 trainable angle(s) [t0, t1]").hasLineCount(1);

        CliRunner.Result nan = CliRunner.run("eval", c.toString(), "--theta", "0.1,NaN", "--x", "0.2");
        assertThat(nan.code()).isEqualTo(2);
        assertThat(nan.err()).contains("--theta").hasLineCount(1);

        CliRunner.Result missing = CliRunner.run("eval", dir.resolve("none.qasm").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("none.qasm").hasLineCount(1);

        Path bad = write("bad.qasm", "OPENQASM 3.0;\nqubit[1] q;\nfoo q[0];\n");
        CliRunner.Result malformed = CliRunner.run("eval", bad.toString());
        assertThat(malformed.code()).isEqualTo(2);
        assertThat(malformed.err()).contains("bad.qasm:3:1").hasLineCount(1);

        CliRunner.Result obs = CliRunner.run("eval", c.toString(), "--theta", "0,0", "--x", "0", "--observable",
                "Z3");
        assertThat(obs.code()).isEqualTo(2);
        assertThat(obs.err()).contains("--observable").hasLineCount(1);

        CliRunner.Result adjointOnStrange = CliRunner.run("eval", c.toString(), "--theta", "0,0", "--x", "0",
                "--backend", "strange", "--grad", "adjoint");
        assertThat(adjointOnStrange.code()).isEqualTo(2);
        assertThat(adjointOnStrange.err()).contains("adjoint").hasLineCount(1);

        CliRunner.Result unknownOption = CliRunner.run("eval", c.toString(), "--tehta", "0");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("--tehta").hasLineCount(1);
    }

    @Test
    void circuitsListsAndValidatesEveryFile() throws Exception {
        write("a.qasm", QUBIT);
        write("b.qasm", "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\nh q[0];\ncx q[0],q[1];\n");
        CliRunner.Result ok = CliRunner.run("circuits", dir.toString(), "--json");
        assertThat(ok.code()).as(ok.err()).isZero();
        JsonNode list = Json.MAPPER.readTree(ok.out());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("trainable")).hasSize(2);
        assertThat(list.get(1).get("qubits").asInt()).isEqualTo(2);
        write("c.qasm", "OPENQASM 3.0;\nqubit[1] q;\nrx(theta) q[0];\n");
        CliRunner.Result bad = CliRunner.run("circuits", dir.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("c.qasm:3:");
        assertThat(bad.out()).contains("a.qasm").contains("b.qasm");
    }

    @Test
    void shotBackendEstimatesAndRefusesAdjoint() throws Exception {
        Path c = write("q.qasm", QUBIT);
        CliRunner.Result r = CliRunner.run("eval", c.toString(), "--theta", "0.3,0.4", "--x", "0.7", "--backend",
                "shots:20000", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Json.MAPPER.readTree(r.out()).get("value").asDouble()).isCloseTo(f(0.3, 0.4, 0.7), within(0.03));
        CliRunner.Result adjoint = CliRunner.run("eval", c.toString(), "--theta", "0,0", "--x", "0", "--backend",
                "shots:100", "--grad", "adjoint");
        assertThat(adjoint.code()).isEqualTo(2);
        assertThat(adjoint.err()).contains("exact state", "use parameter-shift").hasLineCount(1);
        CliRunner.Result bad = CliRunner.run("eval", c.toString(), "--theta", "0,0", "--x", "0", "--backend",
                "shots:many");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'many' is not a whole number").hasLineCount(1);
        CliRunner.Result list = CliRunner.run("backends");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("ibm-runtime:DEVICE").contains("shots:N");
    }

    @Test
    void helpListsTheSubcommands() {
        CliRunner.Result r = CliRunner.run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("eval", "circuits", "train", "analyze", "wasserstein");
    }

    @Test
    void everyOptionIsDescribedOnceInTheSubcommandHelp() {
        // picocli 4.7.6 listed the options of an exclusive group from a mixin (--task | --data) twice
        for (String command : new String[] {"train", "analyze"}) {
            CliRunner.Result r = CliRunner.run(command, "--help");
            assertThat(r.code()).isZero();
            for (String option : new String[] {"--task=", "--data=", "--circuit=", "--backend="}) {
                // an option's description line, not the indented synopsis
                long described = r.out().lines().filter(l -> l.matches(" {2,6}(-\\w, )?" + option + ".*")).count();
                assertThat(described).as(command + " " + option).isEqualTo(1);
            }
        }
    }

    @Test
    void everyHelpTextFormatsWithoutWarnings() {
        // picocli formats descriptions with String.format: a bare "95% b" printed a WARN line above the help
        for (String command : new String[] {"train", "analyze", "bench"}) {
            io.qmoe.testing.ChildCli.Result r = io.qmoe.testing.ChildCli.run(command, "--help");
            assertThat(r.code()).as(command).isZero();
            assertThat(r.err()).as(command).doesNotContain("WARN");
            assertThat(r.out()).as(command).doesNotContain("WARN").doesNotContain("%n");
        }
    }
}
