package io.qmoe.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GrowthFitTest {

    private static double[] times(int n, double dt) {
        double[] t = new double[n];
        for (int j = 0; j < n; j++) {
            t[j] = dt * (j + 1);
        }
        return t;
    }

    @Test
    void exponentialGrowthHasItsRateExactlyAndNoPlateau() {
        double[] t = times(100, 0.05);
        double[] c = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            c[j] = 0.3 * Math.exp(0.7 * t[j]);
        }
        GrowthFit f = GrowthFit.of(t, c);
        assertThat(f.earlyRate()).isCloseTo(0.7, within(1e-12));
        assertThat(Math.exp(f.earlyIntercept())).isCloseTo(0.3, within(1e-12));
        assertThat(f.regime()).isEqualTo(GrowthFit.Regime.EXPONENTIAL);
        assertThat(f.plateauLevel()).isNaN();
        assertThat(f.plateauTime()).isNaN();
        assertThat(f.window()).isEqualTo(25);
    }

    @Test
    void oneMinusExpSaturatesAtOne() {
        double[] t = times(200, 0.1); // 0.1 … 20
        double[] c = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            c[j] = 1 - Math.exp(-t[j]);
        }
        int window = 10;
        GrowthFit f = GrowthFit.of(t, c, window, 0.1);
        assertThat(f.regime()).isEqualTo(GrowthFit.Regime.SATURATES);
        // early rate: the least-squares slope of log(1 − e^{−t}) over t = 0.1 … 1.0, by the normal equations
        double mt = 0;
        double my = 0;
        for (int j = 0; j < window; j++) {
            mt += t[j] / window;
            my += Math.log(c[j]) / window;
        }
        double sxy = 0;
        double sxx = 0;
        for (int j = 0; j < window; j++) {
            sxy += (t[j] - mt) * (Math.log(c[j]) - my);
            sxx += (t[j] - mt) * (t[j] - mt);
        }
        double rate = sxy / sxx;
        assertThat(f.earlyRate()).isCloseTo(rate, within(1e-12));
        // d log c / dt = e^{−t}/(1 − e^{−t}) falls below 0.1·rate at t* = ln(1 + 1/(0.1·rate)); the grid and the
        // finite differences place the detected time within a step or two of it
        double tStar = Math.log(1 + 1 / (0.1 * rate));
        assertThat(f.plateauTime()).isCloseTo(tStar, within(0.2));
        // the mean deficit over the plateau, about (1/(20 − t*)) ∫_{t*}^{20} e^{−t} dt ≈ e^{−t*}/(20 − t*), is small
        assertThat(f.plateauLevel()).isCloseTo(1 - Math.exp(-tStar) / (20 - tStar), within(0.003));
    }

    @Test
    void aCurveThatStopsGrowingAtTwoHasItsPlateauThere() {
        // c = e^t up to t = 2, then e² exactly: local rates 1, then 0 from the interval starting at t = 2
        double[] t = times(40, 0.1);
        double[] c = new double[t.length];
        for (int j = 0; j < t.length; j++) {
            c[j] = Math.exp(Math.min(t[j], 2));
        }
        GrowthFit f = GrowthFit.of(t, c, 5, 0.1);
        assertThat(f.earlyRate()).isCloseTo(1, within(1e-12));
        assertThat(f.plateauTime()).isCloseTo(2, within(1e-12));
        assertThat(f.plateauLevel()).isCloseTo(Math.exp(2), within(1e-12));
    }

    @Test
    void decayIsNotGrowth() {
        double[] t = times(10, 1);
        double[] c = new double[10];
        for (int j = 0; j < 10; j++) {
            c[j] = Math.exp(-t[j]);
        }
        assertThat(GrowthFit.of(t, c).regime()).isEqualTo(GrowthFit.Regime.NOT_GROWING);
    }

    @Test
    void refusesBadSamples() {
        assertThatThrownBy(() -> GrowthFit.of(new double[] {0, 1, 2}, new double[] {1, 0, 2}))
                .hasMessageContaining("value 1 is 0.0");
        assertThatThrownBy(() -> GrowthFit.of(new double[] {0, 1, 1}, new double[] {1, 2, 3}))
                .hasMessageContaining("t[2]");
        assertThatThrownBy(() -> GrowthFit.of(new double[] {0, 1, 2}, new double[] {1, 2, 3}, 4, 0.1))
                .hasMessageContaining("early window");
    }
}
