package io.qmoe.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bracketed selection of the semi-discrete ascent gives the midpoint of the k-th and (k+1)-th smallest values
 * exactly as sorting does, or declines (NaN) when a bracket misses them.
 */
class BracketedSelectionTest {
    @Test
    void equalsTheSortedMidpointOrDeclines() {
        SplittableRandom random = new SplittableRandom(11);
        int answered = 0;
        int declined = 0;
        for (int trial = 0; trial < 20_000; trial++) {
            int count = 2 + random.nextInt(200);
            double[] x = new double[count];
            boolean ties = random.nextInt(3) == 0;
            for (int q = 0; q < count; q++) {
                x[q] = ties ? random.nextInt(8) * 0.25 : random.nextDouble(-3, 3);
            }
            int k = 1 + random.nextInt(count - 1);
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double expected = 0.5 * (sorted[k - 1] + sorted[k]);
            double centre = random.nextDouble(-3, 3);
            double width = random.nextInt(4) == 0 ? 0 : Math.abs(random.nextGaussian());
            double got = SuccessiveShortestPaths.bracketedMidpoint(x.clone(), count, k, centre, width,
                    new double[count]);
            if (Double.isNaN(got)) {
                declined++;
                // it declines only when the bracket does not hold both values
                boolean holdsBoth = sorted[k - 1] >= centre - width && sorted[k] <= centre + width
                        && countBelow(sorted, centre - width) <= k - 1;
                assertThat(holdsBoth && countInside(sorted, centre - width, centre + width) > k - countBelow(sorted,
                        centre - width)).as("declined although the bracket holds both").isFalse();
            } else {
                answered++;
                assertThat(got).as("trial %d", trial).isEqualTo(expected);
            }
            assertThat(SuccessiveShortestPaths.midpoint(x.clone(), count, k)).isEqualTo(expected);
        }
        assertThat(answered).isGreaterThan(1000);
        assertThat(declined).isGreaterThan(1000);
        assertThat(Double.isNaN(SuccessiveShortestPaths.bracketedMidpoint(new double[] {1, 2}, 2, 1, 0,
                Double.POSITIVE_INFINITY, new double[2]))).as("no bracket yet").isTrue();
    }

    private static int countBelow(double[] sorted, double lo) {
        int c = 0;
        for (double v : sorted) {
            if (v < lo) {
                c++;
            }
        }
        return c;
    }

    private static int countInside(double[] sorted, double lo, double hi) {
        int c = 0;
        for (double v : sorted) {
            if (v >= lo && v <= hi) {
                c++;
            }
        }
        return c;
    }
}
