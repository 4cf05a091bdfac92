package io.qmoe.circuit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionsAndObservablesTest {
    @Test
    void anglesParseToPolynomials() {
        AngleExpression e = AngleExpression.parse("(t0 + 1)*2 - t0/2 + 3*pi/4");
        assertThat(e.terms()).containsEntry(java.util.List.of("t0"), 1.5);
        assertThat(e.constantTerm()).isCloseTo(2 + 3 * Math.PI / 4, within(1e-15));
        AngleExpression product = AngleExpression.parse("-t0 + 2*x0*t0");
        assertThat(product.terms()).containsEntry(java.util.List.of("t0", "x0"), 2.0);
        assertThat(AngleExpression.parse("τ/4").constantValue()).isEqualTo(Math.PI / 2);
    }

    @Test
    void formattingRoundTripsExactly() {
        for (String s : new String[] {"3*pi/4", "-t0 + 2*t0*x0", "0.1 + t1", "pi", "-pi/3 + 1e-300*a",
                "0.30000000000000004*b - 7"}) {
            AngleExpression e = AngleExpression.parse(s);
            assertThat(AngleExpression.parse(e.toString())).as(s + " -> " + e).isEqualTo(e);
        }
        assertThat(AngleExpression.parse("3*pi/4").toString()).isEqualTo("3*pi/4");
    }

    @Test
    void badAnglesCarryOffsets() {
        assertThatThrownBy(() -> AngleExpression.parse("t0/t1")).isInstanceOf(ExpressionException.class)
                .hasMessageContaining("division by an input");
        ExpressionException e = (ExpressionException) org.assertj.core.api.Assertions.catchThrowable(
                () -> AngleExpression.parse("1 + cos(t)"));
        assertThat(e.offset()).isEqualTo(4);
        assertThat(e.reason()).contains("function 'cos'");
        assertThatThrownBy(() -> AngleExpression.parse("2 +")).hasMessageContaining("ended");
        assertThatThrownBy(() -> AngleExpression.parse("1/0")).hasMessageContaining("division by zero");
    }

    @Test
    void observablesParse() {
        PauliObservable o = PauliObservable.parse("0.5*Z0 + Z0Z1 - 0.2*X1");
        assertThat(o.terms()).hasSize(3);
        assertThat(o.terms().get(2).coefficient()).isEqualTo(-0.2);
        assertThat(o.terms().get(1).pauli()).isEqualTo(new PauliString(0, 3));
        assertThat(PauliObservable.parse("Z0*Z1")).isEqualTo(PauliObservable.parse("Z0Z1"));
        assertThat(PauliObservable.parse("2 Z0 X1").terms().get(0).pauli().toString()).isEqualTo("Z0X1");
        assertThat(PauliObservable.parse("1.5").terms().get(0).pauli().isIdentity()).isTrue();
        assertThat(PauliObservable.parse("Z0 + Z0").terms().get(0).coefficient()).isEqualTo(2.0);
        assertThat(PauliObservable.parse("Y1X0").normBound()).isEqualTo(1.0);
        assertThat(PauliObservable.parse("X0 + 0.5*Y0Z2").toString()).isEqualTo("X0 + 0.5*Y0Z2");
        assertThat(PauliString.single('Y', 0).toLabel(3)).isEqualTo("IIY");
    }

    @Test
    void badObservablesAreRefused() {
        assertThatThrownBy(() -> PauliObservable.parse("Z0Z0")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> PauliObservable.parse("Z0 + ")).hasMessageContaining("ended");
        assertThatThrownBy(() -> PauliObservable.parse("Q0")).hasMessageContaining("unexpected 'Q'");
        assertThatThrownBy(() -> PauliObservable.parse("Z")).hasMessageContaining("needs a qubit index");
        assertThatThrownBy(() -> PauliObservable.parse("Z0 Z3", 2)).hasMessageContaining("acts on qubit 3");
    }

    @Test
    void periodicityIsJudgedPerTrainableAngle() {
        ParametricCircuit ok = ParametricCircuit.builder(2).trainable("t").data("x").ry(0, "2*t - 3 + x")
                .gate(GateKind.CRX, "2*t", 0, 1).build();
        assertThat(ok.periodicityViolations()).isEmpty();
        ParametricCircuit half = ParametricCircuit.builder(1).trainable("t").ry(0, "0.5*t").build();
        assertThat(half.periodicityViolations()).singleElement().asString().contains("coefficient 0.5");
        ParametricCircuit product = ParametricCircuit.builder(1).trainable("t").data("x").ry(0, "t*x").build();
        assertThat(product.periodicityViolations()).singleElement().asString().contains("multiplied");
        ParametricCircuit controlled = ParametricCircuit.builder(2).trainable("t").gate(GateKind.CRY, "t", 0, 1)
                .build();
        assertThat(controlled.periodicityViolations()).singleElement().asString().contains("even");
        // data features may enter any way they like
        assertThat(ParametricCircuit.builder(1).data("x").ry(0, "0.3*x*x").build().isPeriodic()).isTrue();
    }

    @Test
    void builderRefusesBadCircuits() {
        assertThatThrownBy(() -> ParametricCircuit.builder(0)).hasMessageContaining("between 1 and 30");
        assertThatThrownBy(() -> ParametricCircuit.builder(2).cx(0, 2)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ParametricCircuit.builder(1).ry(0, "t").build())
                .hasMessageContaining("undeclared input 't'");
        assertThatThrownBy(() -> ParametricCircuit.builder(1).trainable("a", "a")).hasMessageContaining("twice");
        assertThat(ParametricCircuit.builder(1).autoDeclareTrainable().ry(0, "b").rx(0, "a").build()
                .trainableNames()).containsExactly("b", "a");
        ParametricCircuit c = ParametricCircuit.builder(1).trainable("a").data("x").ry(0, "a + x").build();
        assertThat(c.withFixedInputs(Map.of("x", 0.5)).dataCount()).isZero();
    }
}
