package io.qmoe.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExponentialTest {
    private static void assertWithinUlps(double x, int ulps) {
        double expected = StrictMath.exp(x);
        double actual = Exponential.exp(x);
        assertThat(Math.abs(actual - expected)).as("exp(%s)", x).isLessThanOrEqualTo(ulps * Math.ulp(expected));
    }

    @Test
    void agreesWithFdlibmWithinTwoUlpsOnAMillionArguments() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 500_000; i++) {
            // the kernel distance's range: κ·Σ_k (cos − 1) ∈ [−2dκ, 0]
            assertWithinUlps(-8 * rnd.nextDouble(), 2);
            assertWithinUlps(1400 * rnd.nextDouble() - 700, 2);
        }
    }

    @Test
    void exactAndSpecialValues() {
        assertThat(Exponential.exp(0)).isEqualTo(1.0);
        assertThat(Exponential.exp(-0.0)).isEqualTo(1.0);
        assertThat(Exponential.exp(Double.NaN)).isNaN();
        assertThat(Exponential.exp(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(Exponential.exp(Double.POSITIVE_INFINITY)).isInfinite();
        assertThat(Exponential.exp(-745.2)).isEqualTo(StrictMath.exp(-745.2));
        assertWithinUlps(Math.log(2) / 2, 1);
        assertWithinUlps(-Math.log(2) / 2, 1);
    }
}
