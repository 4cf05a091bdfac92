package io.qmoe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TheoryCurveTest {

    @Test
    void slopeOfSqrtLogOverNOnAThreePointGridMatchesTheHandComputation() {
        // N = e^2, e^4, e^8: x = log N = 2, 4, 8 and y = log sqrt(x / e^x) = ½ log x − ½ x.
        // x̄ = 14/3, x − x̄ = (−8/3, −2/3, 10/3), Σ(x − x̄)² = 168/9.
        // Σ(x − x̄) y = −8/3 (½ln2 − 1) − 2/3 (ln2 − 2) + 10/3 (3/2 ln2 − 4) = 3 ln2 − 28/3.
        // slope = (3 ln2 − 28/3) / (168/9) = −1/2 + 27 ln2 / 168.
        double[] n = {Math.exp(2), Math.exp(4), Math.exp(8)};
        double expected = -0.5 + 27 * Math.log(2) / 168;
        assertThat(TheoryCurve.sqrtLogOverN().slope(n)).isCloseTo(expected, within(1e-13));
    }

    @Test
    void sqrtLogOverNOnSixteenToThousandTwentyFourIsShallowerThanOneHalf() {
        double[] n = {16, 32, 64, 128, 256, 512, 1024};
        // d log g / d log N = −1/2 + 1/(2 log N); at the geometric centre N = 128 that is −0.3970.
        assertThat(TheoryCurve.samplingFloor(2).slope(n)).isCloseTo(-0.5 + 1 / (2 * Math.log(128)), within(0.01));
    }

    @Test
    void purePowersHaveTheirExponentAsSlopeOnAnyGrid() {
        double[] n = {3, 10, 70, 1000};
        assertThat(TheoryCurve.inverseSqrt().slope(n)).isCloseTo(-0.5, within(1e-14));
        assertThat(TheoryCurve.inverseRoot(3).slope(n)).isCloseTo(-1.0 / 3, within(1e-14));
        assertThat(TheoryCurve.constant().slope(n)).isCloseTo(0, within(1e-14));
        assertThat(TheoryCurve.samplingFloor(1)).isEqualTo(TheoryCurve.inverseSqrt());
        assertThat(TheoryCurve.samplingFloor(5)).isEqualTo(TheoryCurve.inverseRoot(5));
    }

    @Test
    void valuesFollowTheirFormulas() {
        assertThat(TheoryCurve.inverseSqrt().values(new double[] {4, 100})).containsExactly(0.5, 0.1);
        assertThat(TheoryCurve.inverseRoot(3).value(8)).isCloseTo(0.5, within(1e-15));
        assertThat(TheoryCurve.sqrtLogOverN().value(Math.E)).isCloseTo(Math.exp(-0.5), within(1e-15));
        assertThat(TheoryCurve.constant().value(17)).isEqualTo(1);
    }

    @Test
    void fittedConstantIsTheGeometricMeanOfTheRatios() {
        double[] n = {16, 64, 256};
        // v_i = 3 · N^{-1/2} · (2, 1/4, 2): log-ratios log 3 + (ln2, −2 ln2, ln2) average to log 3.
        double[] v = {3 * 0.25 * 2, 3 * 0.125 * 0.25, 3 * 0.0625 * 2};
        assertThat(TheoryCurve.inverseSqrt().fittedConstant(n, v)).isCloseTo(3, within(1e-13));
        // a non-positive value is skipped: the remaining two ratios 3·2 and 3·2 give 6
        assertThat(TheoryCurve.inverseSqrt().fittedConstant(n, new double[] {1.5, 0, 0.375})).isCloseTo(6,
                within(1e-13));
        assertThat(TheoryCurve.constant().fittedConstant(n, new double[] {0, -1, Double.NaN})).isNaN();
    }

    @Test
    void refusesWhatIsNotDefined() {
        assertThatThrownBy(() -> TheoryCurve.sqrtLogOverN().value(1)).hasMessageContaining("N = 1");
        assertThatThrownBy(() -> TheoryCurve.inverseRoot(0)).hasMessageContaining("dimension 0");
        assertThatThrownBy(() -> TheoryCurve.inverseSqrt().slope(new double[] {5, 5}))
                .hasMessageContaining("two distinct N");
    }
}
