package io.qmoe.circuit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The angle and observable parsers under hostile input: deep nesting, long names, overflow, Unicode. */
class ParserLimitsTest {
    @Test
    void twentyThousandParenthesesAreALocatedError() {
        String deep = "(".repeat(20_000) + "1" + ")".repeat(20_000);
        assertThatThrownBy(() -> AngleExpression.parse(deep)).isInstanceOf(ExpressionException.class)
                .satisfies(e -> assertThat(((ExpressionException) e).offset()).isEqualTo(200))
                .hasMessageContaining("nested deeper than 200");
        assertThat(AngleExpression.parse("(".repeat(200) + "pi" + ")".repeat(200)).constantValue())
                .isEqualTo(Math.PI);
        assertThatThrownBy(() -> PauliObservable.parse(deep)).isInstanceOf(ExpressionException.class)
                .satisfies(e -> assertThat(((ExpressionException) e).offset()).isZero());
    }

    @Test
    void longNamesAreCutOverflowIsRefusedUnicodeNamesAreNames() {
        String name = "θ".repeat(1000);
        assertThatThrownBy(() -> AngleExpression.parse(name, n -> false))
                .hasMessageStartingWith("undeclared input '" + "θ".repeat(40) + "…'");
        assertThat(AngleExpression.parse("2*_θ_0_ + ⅻ").inputNames()).containsExactly("_θ_0_", "ⅻ");
        assertThatThrownBy(() -> AngleExpression.parse("1e300*1e300")).hasMessageContaining("overflows");
        assertThatThrownBy(() -> AngleExpression.parse("1e400")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> PauliObservable.parse("1e400*Z0")).hasMessageContaining("out of range");
    }

    @Test
    void constantsAreDividedExactly() {
        // (13π)/20 as one division, the double nearest to the value the text names
        assertThat(AngleExpression.parse("13*pi/20").constantValue()).isEqualTo(13 * Math.PI / 20);
        assertThat(AngleExpression.parse("pi/3").constantValue()).isEqualTo(Math.PI / 3);
    }
}
