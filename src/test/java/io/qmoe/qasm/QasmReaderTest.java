package io.qmoe.qasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.testing.RandomCircuits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class QasmReaderTest {
    private static final String HEADER = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";

    private static LoadedCircuit parse(String text) {
        return QasmReader.parse(text, "f.qasm");
    }

    private static void fails(String text, String position, String... words) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(QasmException.class)
                .hasMessageStartingWith("f.qasm:" + position + ": ")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n");
                    for (String w : words) {
                        assertThat(e.getMessage()).contains(w);
                    }
                });
    }

    @Test
    void readsInputsPragmasAndGates() {
        LoadedCircuit lc = parse("// an expert\n" + HEADER + "qubit[2] q;\ninput float[64] a;\ninput angle b;\n"
                + "input float x;\n#pragma qmoe data x\n#pragma qmoe observable 0.5*Z0 + X0X1\n"
                + "rx(2*a + pi/4) q[0];\ncx q[0], q[1];\nrzz(b - x) q[1], q[0];\nbarrier q;\n");
        ParametricCircuit c = lc.circuit();
        assertThat(c.qubitCount()).isEqualTo(2);
        assertThat(c.trainableNames()).containsExactly("a", "b");
        assertThat(c.dataNames()).containsExactly("x");
        assertThat(c.gates()).hasSize(3);
        assertThat(c.gates().get(0).angle()).isEqualTo(AngleExpression.parse("2*a + pi/4"));
        assertThat(c.gates().get(2).kind()).isEqualTo(GateKind.RZZ);
        assertThat(c.gates().get(2).qubit(0)).isEqualTo(1);
        assertThat(lc.observable()).isEqualTo(PauliObservable.parse("0.5*Z0 + X0X1"));
        assertThat(lc.description()).isEqualTo("an expert");
    }

    @Test
    void defaultObservableIsZ0AndRegistersAreFlattened() {
        LoadedCircuit lc = parse(HEADER + "qubit[2] a;\nqubit b;\nh b;\ncx a[1], b;\nx a;\n");
        assertThat(lc.observable()).isEqualTo(PauliObservable.z(0));
        ParametricCircuit c = lc.circuit();
        assertThat(c.qubitCount()).isEqualTo(3);
        assertThat(c.gates().get(0).qubit(0)).isEqualTo(2);
        assertThat(c.gates().get(1).qubits()).containsExactly(1, 2);
        // 'x a;' broadcasts over the register
        assertThat(c.gates()).hasSize(4);
        assertThat(c.gates().get(3).qubit(0)).isEqualTo(1);
    }

    @Test
    void readsOpenQasm2WithMeasurements() {
        LoadedCircuit lc = parse("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nh q[0];\n"
                + "cx q[0],q[1];\nu1(pi/8) q[1];\ncu1(0.5) q[0],q[1];\nmeasure q[0] -> c[0];\nmeasure q -> c;\n");
        assertThat(lc.circuit().gates()).extracting(g -> g.kind())
                .containsExactly(GateKind.H, GateKind.CX, GateKind.P, GateKind.CP);
        assertThat(lc.circuit().trainableCount()).isZero();
    }

    @Test
    void u3IsDecomposedAsRzRyRz() {
        ParametricCircuit c = parse(HEADER + "qubit[1] q;\ninput float t;\nu3(t, pi/2, 0.25) q[0];\n").circuit();
        ParametricCircuit expected = ParametricCircuit.builder(1).trainable("t").rz(0, "0.25").ry(0, "t")
                .rz(0, "pi/2").build();
        assertThat(c).isEqualTo(expected);
        ParametricCircuit u2 = parse(HEADER + "qubit[1] q;\nu2(0.1, 0.2) q[0];\n").circuit();
        assertThat(u2.gates()).extracting(g -> g.kind()).containsExactly(GateKind.RZ, GateKind.RY, GateKind.RZ);
        assertThat(u2.gates().get(1).angle().constantValue()).isEqualTo(Math.PI / 2);
    }

    @Test
    void writerOutputReadsBackToTheSameCircuit() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < 50; i++) {
            int n = 1 + rnd.nextInt(4);
            ParametricCircuit c = RandomCircuits.circuit(rnd, n, 15, false);
            PauliObservable o = RandomCircuits.observable(rnd, n);
            LoadedCircuit back = parse(QasmWriter.write(c, o, "round trip " + i));
            assertThat(back.circuit()).isEqualTo(c);
            assertThat(back.observable()).isEqualTo(o);
            assertThat(back.description()).isEqualTo("round trip " + i);
        }
    }

    @Test
    void everyBundledCircuitIsValid() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("circuits"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".qasm")).toList()) {
                LoadedCircuit lc = QasmReader.read(f);
                assertThat(lc.description()).as(f.toString()).isNotBlank();
                assertThat(lc.circuit().isPeriodic()).as(f.toString()).isTrue();
            }
        }
        LoadedCircuit one = QasmReader.read(Path.of("circuits/reupload-1q.qasm"));
        assertThat(one.circuit().trainableCount()).isEqualTo(2);
        assertThat(one.circuit().dataCount()).isEqualTo(1);
        assertThat(QasmReader.read(Path.of("circuits/hea-4q.qasm")).circuit().trainableCount()).isEqualTo(16);
    }

    @Test
    void unknownGateSuggestsTheClosestName() {
        fails(HEADER + "qubit[1] q;\nrxx2 q[0];\n", "4:1", "unknown gate 'rxx2'", "did you mean 'rxx'");
        fails(HEADER + "qubit[1] q;\nfrobnicate q[0];\n", "4:1", "unknown gate", "known gates are");
    }

    @Test
    void wrongArity() {
        fails(HEADER + "qubit[2] q;\ncx q[0];\n", "4:1", "'cx' acts on 2 qubit(s) but 1 were given");
        fails(HEADER + "qubit[2] q;\nrx q[0];\n", "4:1", "'rx' takes 1 angle(s) but 0 were given");
        fails(HEADER + "qubit[2] q;\nh(0.1) q[0];\n", "4:1", "takes 0 angle(s) but 1");
        fails(HEADER + "qubit[2] q;\ncx q[1], q[1];\n", "4:10", "needs different qubits");
    }

    @Test
    void qubitOutOfRangeAndUndeclaredRegister() {
        fails(HEADER + "qubit[2] q;\nh q[2];\n", "4:5", "qubit index 2 is out of range", "size 2");
        fails(HEADER + "qubit[2] q;\nh r[0];\n", "4:3", "undeclared register 'r'");
    }

    @Test
    void undeclaredInputBadNumberAndBadExpression() {
        fails(HEADER + "qubit[1] q;\nrx(2*theta) q[0];\n", "4:6", "undeclared input 'theta'",
                "input float[64] theta;");
        fails(HEADER + "qubit[1] q;\nrx(1.2.3) q[0];\n", "4:4", "bad number '1.2.3'");
        fails(HEADER + "qubit[1] q;\ninput float t;\nrx(sin(t)) q[0];\n", "5:4", "function 'sin'");
        fails(HEADER + "qubit[1] q;\nrx((0.1) q[0];\n", "4:3", "missing ')'");
    }

    @Test
    void missingSemicolonAndUnterminatedComment() {
        fails(HEADER + "qubit[1] q\nh q[0];\n", "3:11", "missing ';'");
        fails(HEADER + "qubit[1] q;\n/* never closed\nh q[0];\n", "4:1", "unterminated comment");
    }

    @Test
    void unsupportedStatementsAndDuplicates() {
        fails(HEADER + "qubit[1] q;\nreset q[0];\n", "4:1", "unsupported statement 'reset'");
        fails(HEADER + "qubit[1] q;\ninput float q;\n", "4:13", "'q' is declared twice");
        fails("OPENQASM 4.0;\nqubit[1] q;\n", "1:10", "unsupported OpenQASM version");
        fails(HEADER + "include \"mylib.inc\";\n", "3:9", "unsupported include");
    }

    @Test
    void pragmaErrors() {
        fails(HEADER + "qubit[1] q;\n#pragma qmoe data y\n", "4:19", "'y', which is not a declared input");
        fails(HEADER + "qubit[2] q;\n#pragma qmoe observable Z0 + X5\n", "4:25", "acts on qubit 5",
                "2 qubit(s)");
        fails(HEADER + "qubit[2] q;\n#pragma qmoe observable Z0 + + X1\n", "4:30", "bad observable");
        fails(HEADER + "qubit[2] q;\n#pragma qmoe shots 100\n", "4:1", "unknown qmoe pragma 'shots'");
    }

    @Test
    void noQubitsAndUnreadableFile() {
        fails(HEADER, "1:1", "no qubits declared");
        assertThatThrownBy(() -> QasmReader.read(Path.of("does/not/exist.qasm")))
                .hasMessageStartingWith("does/not/exist.qasm:1:1: cannot read");
    }
}
