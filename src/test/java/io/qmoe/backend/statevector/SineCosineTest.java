package io.qmoe.backend.statevector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shared-reduction sine and cosine against fdlibm ({@link StrictMath}), in units in the last place. */
class SineCosineTest {

    private static long ulps(double a, double b) {
        if (a == b) {
            return 0;
        }
        if (Math.signum(a) != Math.signum(b)) {
            return Long.MAX_VALUE;
        }
        return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
    }

    private static void assertWithinOneUlp(double x) {
        double[] c = new double[1];
        double[] s = new double[1];
        SineCosine.of(x, c, s, 0);
        assertThat(ulps(c[0], StrictMath.cos(x))).as("cos(%s)", x).isLessThanOrEqualTo(1);
        assertThat(ulps(s[0], StrictMath.sin(x))).as("sin(%s)", x).isLessThanOrEqualTo(1);
    }

    @Test
    void randomArgumentsAgreeWithFdlibmWithinOneUlp() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 1_000_000; i++) {
            double scale = switch (i % 4) {
                case 0 -> 1;
                case 1 -> 8;
                case 2 -> 200;
                default -> 500_000;
            };
            assertWithinOneUlp((rnd.nextDouble() * 2 - 1) * scale);
        }
    }

    @Test
    void quadrantBoundariesTinyAndSpecialArguments() {
        for (int k = -64; k <= 64; k++) {
            double x = k * Math.PI / 4;
            assertWithinOneUlp(x);
            assertWithinOneUlp(Math.nextUp(x));
            assertWithinOneUlp(Math.nextDown(x));
        }
        for (double x : new double[] {0.0, 1e-300, -1e-300, Double.MIN_VALUE, 1e-9, 0x1p19, -0x1p19}) {
            assertWithinOneUlp(x);
        }
        double[] c = new double[1];
        double[] s = new double[1];
        for (double x : new double[] {0x1p19 * 1.5, 1e300, Double.POSITIVE_INFINITY, Double.NaN}) {
            SineCosine.of(x, c, s, 0);
            assertThat(Double.doubleToLongBits(c[0])).isEqualTo(Double.doubleToLongBits(Math.cos(x)));
            assertThat(Double.doubleToLongBits(s[0])).isEqualTo(Double.doubleToLongBits(Math.sin(x)));
        }
    }
}
