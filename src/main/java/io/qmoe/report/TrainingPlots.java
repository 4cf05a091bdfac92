package io.qmoe.report;

import io.qmoe.mixture.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The two plots of a training run: loss against time on log–log axes, and predictions against targets. */
public final class TrainingPlots {
    private TrainingPlots() {
    }

    /** {@code loss.png}: L(t) on log–log axes (t = 0 cannot be shown on a log axis and is left out). */
    public static void loss(TrainingHistory history, String title, Path file) {
        Plots.savePng(Plots.chart(title, "t (mean-field time)", "loss L = (1/2M) sum_a r_a^2", true, true,
                List.of(new Plots.Series("loss", history.times(), history.losses(), false))), file);
    }

    /**
     * {@code predictions.png}: for one feature, targets and predictions against x; otherwise predictions against
     * targets with the diagonal.
     */
    public static void predictions(Dataset data, double[] initial, double[] last, Path file) {
        List<Plots.Series> series = new ArrayList<>();
        if (data.featureCount() == 1) {
            int m = data.size();
            Integer[] order = new Integer[m];
            for (int a = 0; a < m; a++) {
                order[a] = a;
            }
            java.util.Arrays.sort(order, (p, q) -> Double.compare(data.feature(p, 0), data.feature(q, 0)));
            double[] x = new double[m];
            double[] y = new double[m];
            double[] p0 = new double[m];
            double[] p1 = new double[m];
            for (int a = 0; a < m; a++) {
                x[a] = data.feature(order[a], 0);
                y[a] = data.target(order[a]);
                p0[a] = initial[order[a]];
                p1[a] = last[order[a]];
            }
            series.add(new Plots.Series("targets", x, y, true));
            series.add(new Plots.Series("f_N at t = 0", x, p0, false));
            series.add(new Plots.Series("f_N at the end", x, p1, false));
            Plots.savePng(Plots.chart("Predictions vs data", data.featureNames().get(0), "y", false, false, series),
                    file);
        } else {
            double[] y = data.targets();
            double lo = java.util.Arrays.stream(y).min().orElse(-1);
            double hi = java.util.Arrays.stream(y).max().orElse(1);
            series.add(new Plots.Series("y = f", new double[] {lo, hi}, new double[] {lo, hi}, false));
            series.add(new Plots.Series("t = 0", y, initial, true));
            series.add(new Plots.Series("end", y, last, true));
            Plots.savePng(Plots.chart("Predictions vs targets", "target y", "prediction f_N(x)", false, false,
                    series), file);
        }
    }
}
