package io.qmoe.qasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.testing.DenseReference;
import org.junit.jupiter.api.Test;

/**
 * The OpenQASM 3 constructs other tools (Qiskit's exporter) write: measurements, Unicode identifiers, gate
 * definitions, modifiers, and the located refusal of every construct qmoe does not support.
 */
class QasmLanguageTest {
    private static final String HEADER = "OPENQASM 3.0;\ninclude \"stdgates.inc\";\n";

    private static LoadedCircuit parse(String text) {
        return QasmReader.parse(text, "f.qasm");
    }

    static void fails(String text, String position, String... words) {
        assertThatThrownBy(() -> parse(text)).isInstanceOf(QasmException.class)
                .hasMessageStartingWith("f.qasm:" + position + ": ")
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n");
                    for (String w : words) {
                        assertThat(e.getMessage()).contains(w);
                    }
                });
    }

    private static double z0(String text) {
        ParametricCircuit c = parse(text).circuit();
        return DenseReference.expectation(PauliObservable.z(0), DenseReference.state(c, new double[0]),
                c.qubitCount());
    }

    @Test
    void aGateAfterAMeasurementIsRefusedAndFinalMeasurementsAreIgnored() {
        // h; measure; h would give <Z0> = 1 if the measurement were skipped; the right value (collapse) is 0
        fails(HEADER + "qubit[1] q;\nbit[1] c;\nh q[0];\nmeasure q[0];\nh q[0];\n", "7:3", "measured on line 6",
                "only final measurements");
        fails(HEADER + "qubit[2] q;\nbit[2] c;\nc[1] = measure q[1];\ncx q[0], q[1];\n", "6:10", "measured on line 5");
        fails("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[2];\ncreg c[2];\nmeasure q -> c;\nh q;\n", "6:3",
                "measured on line 5");
        fails(HEADER + "qubit[1] q;\nreset q[0];\n", "4:1", "reset is not supported");
        fails(HEADER + "qubit[2] q;\nbit d = measure q[1];\nctrl @ x q[1], q[0];\n", "5:10", "measured on line 4");
        fails(HEADER + "qubit[2] q;\nbit d = 1;\n", "4:9", "only be initialised by 'measure'");
        // final measurements: h|0> has <Z0> = 0 whatever is measured afterwards
        assertThat(z0(HEADER + "qubit[2] q;\nbit[2] c;\nh q[0];\nc = measure q;\nmeasure q[0];\n"))
                .isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(parse(HEADER + "qubit[2] q;\nbit[2] c;\nh q[0];\nmeasure q[0];\nx q[1];\nbarrier q;\n")
                .circuit().gates()).hasSize(2);
    }

    @Test
    void unicodeIdentifiersAsQiskitWritesThem() {
        LoadedCircuit lc = parse(HEADER + "qubit[1] q;\ninput float[64] θ;\ninput float[64] _θ_0_;\n"
                + "input float[64] λ;\ninput float[64] theta;\nrx(θ + 2*_θ_0_) q[0];\nrz(λ*theta) q[0];\n");
        ParametricCircuit c = lc.circuit();
        // θ spelt 'theta' collides with the declared ASCII name, so it gets a suffix; ASCII names are kept
        assertThat(c.trainableNames()).containsExactly("theta_2", "_theta_0_", "lambda", "theta");
        assertThat(c.gates().get(0).angle()).isEqualTo(AngleExpression.parse("theta_2 + 2*_theta_0_"));
        assertThat(c.gates().get(1).angle()).isEqualTo(AngleExpression.parse("lambda*theta"));
        String longName = "ψ".repeat(300);
        fails(HEADER + "qubit[1] q;\nrx(" + longName + ") q[0];\n", "4:4", "undeclared input '" + "ψ".repeat(40)
                + "…'");
        assertThatThrownBy(() -> parse(HEADER + "qubit[1] q;\nrx(" + longName + ") q[0];\n"))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
        fails(HEADER + "qubit[1] q;\n" + longName + " q[0];\n", "4:1", "unknown gate '" + "ψ".repeat(40) + "…'");
        fails(HEADER + "qubit[1] q;\nh 𝔮[0];\n", "4:3", "undeclared register '𝔮'");
    }

    @Test
    void gateDefinitionsAreInlined() {
        ParametricCircuit c = parse(HEADER + "qubit[2] q;\ninput float[64] t;\n"
                + "gate zz(a) x, y { cx x, y; rz(2*a + pi) y; cx x, y; }\n"
                + "gate twice(a, b) x, y { zz(a) x, y; zz(b - a) y, x; h x; }\n"
                + "twice(t, 0.5) q[1], q[0];\n").circuit();
        ParametricCircuit expected = ParametricCircuit.builder(2).trainable("t")
                .gate(GateKind.CX, (AngleExpression) null, 1, 0).gate(GateKind.RZ, AngleExpression.parse("2*t + pi"), 0)
                .gate(GateKind.CX, (AngleExpression) null, 1, 0)
                .gate(GateKind.CX, (AngleExpression) null, 0, 1).gate(GateKind.RZ, AngleExpression.parse("1 - 2*t + pi"), 1)
                .gate(GateKind.CX, (AngleExpression) null, 0, 1)
                .gate(GateKind.H, (AngleExpression) null, 1).build();
        assertThat(c).isEqualTo(expected);
        // Qiskit's export of rzz is recognised as qmoe's rzz
        ParametricCircuit q = parse(HEADER + "gate rzz(_gate_p_0) _gate_q_0, _gate_q_1 { cx _gate_q_0, _gate_q_1; "
                + "rz(_gate_p_0) _gate_q_1; cx _gate_q_0, _gate_q_1; }\nqubit[2] q;\nrzz(0.25) q[0], q[1];\n")
                .circuit();
        assertThat(q.gates()).extracting(g -> g.kind()).containsExactly(GateKind.RZZ);
    }

    @Test
    void badGateDefinitionsAreLocated() {
        fails(HEADER + "qubit[1] q;\ngate g a { g a; }\n", "4:12", "inside its own definition");
        fails(HEADER + "qubit[1] q;\ngate g a { f a; }\ngate f a { h a; }\n", "4:12", "unknown gate 'f'");
        fails(HEADER + "qubit[1] q;\ngate g a { h b; }\n", "4:14", "'b' is not a qubit argument of gate 'g'");
        fails(HEADER + "qubit[1] q;\ngate g(t) a { rx(s) a; }\n", "4:18", "unknown parameter 's' of gate 'g'");
        fails(HEADER + "qubit[1] q;\ngate g a { h a;\n", "4:10", "missing '}'");
        fails(HEADER + "qubit[1] q;\ngate g a { measure a; }\n", "4:12", "only gate calls");
        fails(HEADER + "qubit[1] q;\ngate g a { h a; }\ngate g a { x a; }\n", "5:6", "defined twice");
        fails(HEADER + "qubit[1] q;\ngate g a, b { cx a, b; }\ng q[0];\n", "5:1", "acts on 2 qubit(s)");
        fails(HEADER + "qubit[1] q;\ngate g(t) a { rx(t*1e300) a; }\ng(1e300) q[0];\n", "5:1", "overflows");
        // a chain of 20 000 definitions, each using the previous one: expanded once each, no recursion
        StringBuilder chain = new StringBuilder(HEADER + "qubit[1] q;\ngate g0 a { h a; }\n");
        for (int i = 1; i < 20_000; i++) {
            chain.append("gate g").append(i).append(" a { g").append(i - 1).append(" a; }\n");
        }
        assertThat(parse(chain + "g19999 q[0];\n").circuit().gates()).extracting(g -> g.kind())
                .containsExactly(GateKind.H);
        // exponential growth is bounded
        StringBuilder doubling = new StringBuilder(HEADER + "qubit[1] q;\ngate g0 a { h a; }\n");
        for (int i = 1; i < 40; i++) {
            doubling.append("gate g").append(i).append(" a { g").append(i - 1).append(" a; g").append(i - 1)
                    .append(" a; }\n");
        }
        fails(doubling.toString(), "22:1", "expands to more than 200000 gates");
    }

    @Test
    void modifiersGiveQmoeGates() {
        ParametricCircuit c = parse(HEADER + "qubit[2] q;\ninput float[64] a;\ninv @ s q[0];\ninv @ rx(a) q[0];\n"
                + "ctrl @ rx(a) q[0], q[1];\nctrl @ x q[1], q[0];\ninv @ inv @ t q[1];\nctrl @ p(a) q[0], q[1];\n")
                .circuit();
        ParametricCircuit expected = ParametricCircuit.builder(2).trainable("a").gate(GateKind.SDG, (AngleExpression) null, 0)
                .gate(GateKind.RX, AngleExpression.parse("-a"), 0).gate(GateKind.CRX, AngleExpression.parse("a"), 0, 1)
                .gate(GateKind.CX, (AngleExpression) null, 1, 0).gate(GateKind.T, (AngleExpression) null, 1)
                .gate(GateKind.CP, AngleExpression.parse("a"), 0, 1).build();
        assertThat(c).isEqualTo(expected);
        fails(HEADER + "qubit[1] q;\npow(0.5) @ x q[0];\n", "4:4", "whole powers");
        fails(HEADER + "qubit[1] q;\n" + "pow(64) @ ".repeat(5) + "x q[0];\n", "4:1", "more than 200000 gates");
        fails(HEADER + "qubit[2] q;\nctrl(0) @ x q[0], q[1];\n", "4:5", "between 1 and 30");
        fails(HEADER + "qubit[2] q;\nctrl @ x q[0];\n", "4:8", "1 control(s) and 1");
        fails(HEADER + "qubit[2] q;\nctrl x q[0];\n", "4:6", "'@' after the modifier 'ctrl'");
        fails(HEADER + "qubit[2] q;\n" + "inv @ ".repeat(20_000) + "x q[0];\n", "4:1201", "more than 200 gate modifiers");
    }

    @Test
    void unsupportedConstructsAreRefusedWithTheirPlace() {
        String q = HEADER + "qubit[2] q;\nbit[2] c;\n";
        fails(q + "if (c[0]) x q[0];\n", "5:1", "unsupported statement 'if'", "classical control");
        fails(q + "for int i in [0:1] { x q[0]; }\n", "5:1", "'for'", "loops");
        fails(q + "while (true) { }\n", "5:1", "'while'");
        fails(q + "def f(qubit a) { h a; }\n", "5:1", "'def'", "subroutines");
        fails(q + "extern f(int) -> int;\n", "5:1", "'extern'");
        fails(q + "array[float[64], 2] a;\n", "5:1", "'array'");
        fails(q + "delay[100ns] q[0];\n", "5:1", "'delay'", "timing");
        fails(q + "box { h q[0]; }\n", "5:1", "'box'");
        fails(q + "duration d = 10ns;\n", "5:1", "'duration'");
        fails(q + "int i = 3;\n", "5:1", "'int'", "classical variables");
        fails(q + "float[64] f = 1.0;\n", "5:1", "'float'");
        fails(q + "const float a = 1.0;\n", "5:1", "'const'");
        fails(q + "h $0;\n", "5:3", "physical qubits");
        fails(q + "h q[0:1];\n", "5:6", "slices");
        fails(q + "defcal x $0 { }\n", "5:1", "'defcal'", "calibrations");
        fails(q + "c[0] = 1;\n", "5:8", "only 'measure'");
        assertThat(parse(q + "barrier q[0], q[1];\nh q[0];\n").circuit().gates()).hasSize(1);
    }

    @Test
    void deeplyNestedParenthesesAreALocatedError() {
        String deep = "(".repeat(20_000) + "1" + ")".repeat(20_000);
        fails(HEADER + "qubit[1] q;\nrx(" + deep + ") q[0];\n", "4:204", "nested deeper than 200");
        // 20 001 signs are read in a loop, not by recursion: an odd count of '-' is a minus
        assertThat(parse(HEADER + "qubit[1] q;\nrx(" + "-+".repeat(10_000) + "-1) q[0];\n").circuit().gates()
                .get(0).angle().constantValue()).isEqualTo(-1.0);
        assertThat(parse(HEADER + "qubit[1] q;\nrx(" + "(".repeat(200) + "1" + ")".repeat(200) + ") q[0];\n")
                .circuit().gates().get(0).angle().constantValue()).isEqualTo(1.0);
    }
}
