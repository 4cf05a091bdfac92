package io.qmoe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.testing.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An angle that overflows for the inputs given is refused where it arises, naming the gate, never printed as NaN. */
class NonFiniteValuesTest {
    @TempDir
    Path dir;

    @Test
    void anOverflowingAngleIsOneLineNamingTheGateInEvalAndTrain() throws Exception {
        Path c = dir.resolve("big.qasm");
        Files.writeString(c, "OPENQASM 3.0;\nqubit[1] q;\ninput float[64] t0;\nry(1e300*t0) q[0];\n");
        for (String[] args : new String[][] {{"eval", c.toString(), "--theta", "1e10"},
            {"eval", c.toString(), "--theta", "1e10", "--json"}}) {
            ChildCli.Result r = ChildCli.run(args);
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).hasLineCount(1).contains("non-finite", "gate 1", "ry");
            assertThat(r.out()).doesNotContain("NaN");
        }
        // in training the angles are drawn in [0, 2pi): 1e300 * t0 overflows for none of them, so the same circuit
        // trains; a coefficient that overflows for every angle is refused on the first evaluation
        Files.writeString(c, "OPENQASM 3.0;\nqubit[1] q;\ninput float[64] t0;\nry(1e308*1e308*t0) q[0];\n");
        ChildCli.Result train = ChildCli.run("train", "--circuit", c.toString(), "--experts", "4", "--time", "0.2",
                "--quiet", "--out", dir.resolve("run").toString());
        assertThat(train.code()).as(train.err()).isEqualTo(2);
        assertThat(train.err()).hasLineCount(1).doesNotContain("Exception");
    }
}
