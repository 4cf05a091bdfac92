package io.qmoe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeedBootstrapTest {
    private static final double[] TWO_N = {10, 100};

    /** seeds × 2 values: column 0 ~ N(mu, sigma²), column 1 ~ N(0, 1). */
    private static double[][] normalRows(SplittableRandom rnd, int seeds, double mu, double sigma) {
        double[] first = Samples.normal(rnd, seeds, mu, sigma);
        double[] second = Samples.normal(rnd, seeds, 0, 1);
        double[][] v = new double[seeds][];
        for (int s = 0; s < seeds; s++) {
            v[s] = new double[] {first[s], second[s]};
        }
        return v;
    }

    @Test
    void intervalForTheMeanOfNormalDrawsIsMeanPlusMinusOnePointNineSixStandardErrors() {
        int n = 100;
        double[][] v = normalRows(new SplittableRandom(7), n, 2, 1.5);
        double mean = 0;
        for (double[] row : v) {
            mean += row[0] / n;
        }
        double ss = 0;
        for (double[] row : v) {
            ss += (row[0] - mean) * (row[0] - mean);
        }
        // the bootstrap world has variance (1/n) Σ (x − x̄)², so the standard error of its mean is sqrt(ss/n)/√n
        double se = Math.sqrt(ss / n) / Math.sqrt(n);
        SeedBootstrap.Interval in = SeedBootstrap.builder().seed(3).build().run(TWO_N, v).means().get(0);
        assertThat(in.estimate()).isCloseTo(mean, within(1e-12));
        assertThat(in.lo()).isCloseTo(mean - 1.96 * se, within(0.1 * 1.96 * se));
        assertThat(in.hi()).isCloseTo(mean + 1.96 * se, within(0.1 * 1.96 * se));
        assertThat(in.seeds()).isEqualTo(n);
        assertThat(in.resamples()).isEqualTo(2000);
    }

    @Test
    void coverageOfTheNinetyFivePercentIntervalIsAboutNinetyFivePercent() {
        SplittableRandom rnd = new SplittableRandom(11);
        SeedBootstrap boot = SeedBootstrap.builder().resamples(500).threads(1)
                .statistic((n, mean) -> 0).build();
        int repetitions = 400;
        int covered = 0;
        for (int r = 0; r < repetitions; r++) {
            double[][] v = normalRows(rnd, 50, 2, 1.5);
            SeedBootstrap.Interval in = boot.run(TWO_N, v).means().get(0);
            if (in.lo() <= 2 && 2 <= in.hi()) {
                covered++;
            }
        }
        // binomial standard deviation of the coverage over 400 repetitions ≈ 1.1 %; the percentile interval of a
        // mean of 50 draws is known to cover slightly under the nominal level
        assertThat(covered / (double) repetitions).isBetween(0.90, 0.985);
    }

    @Test
    void seedsThatDifferOnlyByAFactorGiveAnExactSlopeInterval() {
        double[] n = {16, 64, 256, 1024};
        double[][] v = new double[8][n.length];
        for (int s = 0; s < v.length; s++) {
            for (int i = 0; i < n.length; i++) {
                v[s][i] = (1 + s) / Math.sqrt(n[i]); // every mean of such rows is a multiple of N^{-1/2}
            }
        }
        SeedBootstrap.Interval slope = SeedBootstrap.builder().resamples(300).build().run(n, v).slope();
        assertThat(slope.estimate()).isCloseTo(-0.5, within(1e-12));
        assertThat(slope.lo()).isCloseTo(-0.5, within(1e-12));
        assertThat(slope.hi()).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void aStatisticReadingOneMeanReproducesThatMeansInterval() {
        double[][] v = normalRows(new SplittableRandom(5), 20, 0, 1);
        SeedBootstrap.Result r = SeedBootstrap.builder().resamples(400).statistic((n, mean) -> mean[1]).build()
                .run(TWO_N, v);
        assertThat(r.slope()).isEqualTo(r.means().get(1));
        assertThat(r.level()).isEqualTo(0.95);
    }

    @Test
    void sameSeedSameBitsOnAnyThreadCount() {
        double[] n = {16, 64, 256};
        double[][] v = new double[12][n.length];
        SplittableRandom rnd = new SplittableRandom(2);
        for (double[] row : v) {
            for (int i = 0; i < n.length; i++) {
                row[i] = Math.exp(rnd.nextDouble()) / Math.sqrt(n[i]);
            }
        }
        SeedBootstrap.Result one = SeedBootstrap.builder().seed(9).threads(1).build().run(n, v);
        SeedBootstrap.Result three = SeedBootstrap.builder().seed(9).threads(3).build().run(n, v);
        SeedBootstrap.Result common = SeedBootstrap.builder().seed(9).build().run(n, v);
        SeedBootstrap.Result other = SeedBootstrap.builder().seed(10).threads(3).build().run(n, v);
        assertThat(three).isEqualTo(one);
        assertThat(common).isEqualTo(one);
        assertThat(other.slope().lo()).isNotEqualTo(one.slope().lo());
        assertThat(one.slope().lo()).isLessThan(one.slope().estimate());
        assertThat(one.slope().hi()).isGreaterThan(one.slope().estimate());
    }

    @Test
    void quantileInterpolatesBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertThat(SeedBootstrap.quantile(sorted, 0.025)).isCloseTo(1.1, within(1e-15)); // h = 4 · 0.025 = 0.1
        assertThat(SeedBootstrap.quantile(sorted, 0.5)).isEqualTo(3);
        assertThat(SeedBootstrap.quantile(sorted, 1)).isEqualTo(5);
    }

    @Test
    void refusesRaggedInput() {
        assertThatThrownBy(() -> SeedBootstrap.standard().run(TWO_N, new double[][] {{1, 2}, {3}}))
                .hasMessageContaining("seed 1 has 1 values");
        assertThatThrownBy(() -> SeedBootstrap.builder().level(1)).hasMessageContaining("(0, 1)");
    }
}
