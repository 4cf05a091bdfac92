package io.qmoe.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Axis ranges of the PNG plots: a log axis always spans at least one labelled decade. */
class PlotsTest {

    @Test
    void decadesAroundAValue() {
        assertThat(Plots.decadeBelow(0.037)).isEqualTo(0.01);
        assertThat(Plots.decadeAbove(0.0707)).isEqualTo(0.1);
        assertThat(Plots.decadeBelow(4.36)).isEqualTo(1.0);
        assertThat(Plots.decadeAbove(5.65)).isEqualTo(10.0);
        assertThat(Plots.decadeBelow(100)).isEqualTo(100.0);
    }

    @Test
    void aLogAxisSpanningLessThanADecadeIsWidenedToTheEnclosingDecades() {
        // a loss falling from 0.07 to 0.037: XChart put no label on such an axis
        double[] t = {0.05, 1, 3};
        double[] loss = {0.0707, 0.058, 0.037};
        XYChart narrow = Plots.chart("loss", "t", "L", true, true, List.of(new Plots.Series("L", t, loss, false)));
        assertThat(narrow.getStyler().getYAxisMin()).isEqualTo(0.01);
        assertThat(narrow.getStyler().getYAxisMax()).isEqualTo(0.1);
        // the x axis spans almost two decades and is left to XChart
        assertThat(narrow.getStyler().getXAxisMin()).isNull();
        double[] wide = {1, 0.1, 0.001};
        XYChart decades = Plots.chart("loss", "t", "L", true, true, List.of(new Plots.Series("L", t, wide, false)));
        assertThat(decades.getStyler().getYAxisMin()).isNull();
    }
}
