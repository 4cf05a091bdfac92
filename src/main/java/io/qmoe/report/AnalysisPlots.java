package io.qmoe.report;

import io.qmoe.meanfield.AnalysisResult;
import io.qmoe.meanfield.AnalysisResult.QuantityFit;
import io.qmoe.meanfield.AnalysisResult.Sample;
import io.qmoe.meanfield.Quantity;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** The PNG plots of an analysis: loss curves, distances against N with fitted and theoretical slopes, densities. */
final class AnalysisPlots {
    private AnalysisPlots() {
    }

    static List<String> write(AnalysisResult r, Path dir) {
        List<String> files = new ArrayList<>();
        files.add(loss(r, dir));
        boolean meanField = r.reference() != null;
        if (meanField) {
            files.add(rate(r, dir, Quantity.COUPLING, "coupling distance D_N(t)"));
            files.add(rate(r, dir, Quantity.PREDICTION_GAP, "prediction gap G_N(t)"));
            if (r.transportTimes().length > 0) {
                files.add(rate(r, dir, Quantity.WASSERSTEIN, "W_2(mu_N(t), mu_t)"));
            }
            // at the transport times, or at every snapshot when the kernel's Fourier sums are short
            if (r.samples().stream().anyMatch(s -> Arrays.stream(s.values()[Quantity.KERNEL_DISTANCE.ordinal()])
                    .anyMatch(Double::isFinite))) {
                files.add(rate(r, dir, Quantity.KERNEL_DISTANCE, "MMD(mu_N(t), mu_t)"));
            }
            for (String q : new String[] {"coupling", "prediction_gap"}) {
                String f = constants(r, dir, q);
                if (f != null) {
                    files.add(f);
                }
            }
            if (!r.fluctuations().isEmpty()) {
                files.add(fluctuationVariance(r, dir));
                files.add(fluctuationQq(r, dir));
            }
            if (!r.linearPredictions().isEmpty()) {
                files.add(linearPrediction(r, dir));
            }
        }
        if (r.transportTimes().length > 1) {
            files.add(kernelDrift(r, dir));
        }
        files.add(rate(r, dir, Quantity.DISPLACEMENT, "displacement from theta(0)"));
        if (r.transportTimes().length > 0) {
            files.add(densities(r, dir));
        }
        return files;
    }

    private static String loss(AnalysisResult r, Path dir) {
        List<Plots.Series> series = new ArrayList<>();
        if (r.reference() != null) {
            series.add(new Plots.Series("reference (" + r.reference().size() + ")", r.times(),
                    r.reference().losses(), false));
        }
        int[] sizes = r.config().experts();
        for (Sample s : r.samples()) {
            if (s.seedIndex() == 0) {
                series.add(new Plots.Series("N = " + s.experts(), r.times(), s.lossHistory(), false,
                        Plots.sequential(Arrays.binarySearch(sizes, s.experts()), sizes.length)));
            }
        }
        Plots.savePng(Plots.chart("Training loss", "t (mean-field time)", "loss", false, true, series),
                dir.resolve("loss_vs_time.png"));
        return "loss_vs_time.png";
    }

    /** Distance against N at the last snapshot time: seeds as points, the mean, the fitted and theoretical lines. */
    private static String rate(AnalysisResult r, Path dir, Quantity q, String label) {
        String name = q.key();
        int[] sizes = r.config().experts();
        double[] n = Arrays.stream(sizes).asDoubleStream().toArray();
        int t = r.snapshotTimes().length - 1;
        double time = r.snapshotTimes()[t];
        List<Plots.Series> series = new ArrayList<>();
        List<Double> px = new ArrayList<>();
        List<Double> py = new ArrayList<>();
        double[] mean = new double[sizes.length];
        for (Sample s : r.samples()) {
            int i = Arrays.binarySearch(sizes, s.experts());
            double v = s.value(q, t);
            px.add((double) s.experts());
            py.add(v);
            mean[i] += v / r.config().seeds();
        }
        series.add(new Plots.Series("seeds", px.stream().mapToDouble(Double::doubleValue).toArray(),
                py.stream().mapToDouble(Double::doubleValue).toArray(), true));
        series.add(new Plots.Series("mean", n, mean, false));
        QuantityFit fit = r.fits().stream().filter(f -> f.quantity().equals(name) && f.time() == time).findFirst()
                .orElse(null);
        if (fit != null && Double.isFinite(fit.slope())) {
            double[] fitted = Arrays.stream(n).map(fit::at).toArray();
            series.add(new Plots.Series(String.format(Locale.ROOT, "fit: slope %.3f [%.3f, %.3f]", fit.slope(),
                    fit.slopeInterval().lo(), fit.slopeInterval().hi()), n, fitted, false));
            double[] theory = Arrays.stream(n).map(fit::theoryAt).toArray();
            series.add(new Plots.Series(String.format(Locale.ROOT, "theory %s: slope %.3f", fit.theory().name(),
                    fit.theorySlope()), n, theory, false));
        }
        if (q == Quantity.WASSERSTEIN) {
            double[] floor = new double[sizes.length];
            for (Sample s : r.samples()) {
                floor[Arrays.binarySearch(sizes, s.experts())] += s.value(Quantity.TWIN_WASSERSTEIN, t)
                        / r.config().seeds();
            }
            series.add(new Plots.Series("sampling part: W_2(twins, mu_t)", n, floor, false));
        }
        String title = String.format(Locale.ROOT, "%s at t = %.3g", label, time);
        Plots.savePng(Plots.chart(title, "N (experts)", label, true, true, series),
                dir.resolve("rate_" + name + ".png"));
        return "rate_" + name + ".png";
    }

    /**
     * √N·q(t) against t for every N on one figure, with the 95 % bootstrap band as thin lines: the curves collapse
     * when the rate is N^-1/2, and their shape shows whether the constant grows like e^{Ct} or saturates.
     */
    private static String constants(AnalysisResult r, Path dir, String quantity) {
        List<Plots.Series> series = new ArrayList<>();
        int[] sizes = r.config().experts();
        for (var k : r.constants()) {
            if (!k.quantity().equals(quantity)) {
                continue;
            }
            java.awt.Color c = Plots.sequential(Arrays.binarySearch(sizes, k.experts()), sizes.length);
            double[] mean = k.scaled().stream().mapToDouble(i -> i.estimate()).toArray();
            series.add(new Plots.Series("N = " + k.experts(), k.times(), mean, false, c));
            series.add(new Plots.Series("N = " + k.experts() + " 95% low", k.times(),
                    k.scaled().stream().mapToDouble(i -> i.lo()).toArray(), false, c, false));
            series.add(new Plots.Series("N = " + k.experts() + " 95% high", k.times(),
                    k.scaled().stream().mapToDouble(i -> i.hi()).toArray(), false, c, false));
        }
        if (series.isEmpty()) {
            return null;
        }
        String name = "constants_" + quantity + ".png";
        String label = quantity.equals("coupling") ? "sqrt(N) D_N(t)" : "sqrt(N) G_N(t)";
        Plots.savePng(Plots.chart(label + " against time, dashed: 95% band (collapse = rate N^-1/2)",
                "t (mean-field time)", label,
                false, true, series), dir.resolve(name));
        return name;
    }

    /** The mean variance of Z_a = sqrt(N)(f_N − F) against N at the last time: flat when the CLT scaling holds. */
    private static String fluctuationVariance(AnalysisResult r, Path dir) {
        double last = r.snapshotTimes()[r.snapshotTimes().length - 1];
        List<Double> n = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        for (var f : r.fluctuations()) {
            if (f.time() == last) {
                n.add((double) f.experts());
                v.add(f.traceVariance());
            }
        }
        double[] x = n.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = v.stream().mapToDouble(Double::doubleValue).toArray();
        List<Plots.Series> series = List.of(new Plots.Series("tr Cov(Z) / M", x, y, false));
        Plots.savePng(Plots.chart(String.format(Locale.ROOT, "Variance of sqrt(N)(f_N - F) at t = %.3g (%d seeds)",
                last, r.config().seeds()), "N (experts)", "mean variance of Z", true, true, series),
                dir.resolve("fluctuation_variance.png"));
        return "fluctuation_variance.png";
    }

    /** Q–Q plot of the standardised ζ = mean_a Z_a over seeds at the largest N and last time against the normal. */
    private static String fluctuationQq(AnalysisResult r, Path dir) {
        double last = r.snapshotTimes()[r.snapshotTimes().length - 1];
        int n = r.config().largestSize();
        int t = r.snapshotTimes().length - 1;
        double[] limit = r.reference().predictions()[r.times().length - 1];
        double[] zeta = r.samples().stream().filter(s -> s.experts() == n).mapToDouble(s -> {
            double z = 0;
            for (int a = 0; a < limit.length; a++) {
                z += Math.sqrt(n) * (s.predictions()[t][a] - limit[a]) / limit.length;
            }
            return z;
        }).sorted().toArray();
        double mean = Arrays.stream(zeta).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(zeta).map(z -> (z - mean) * (z - mean)).sum() / Math.max(1, zeta.length - 1));
        double[] normal = new double[zeta.length];
        double[] standard = new double[zeta.length];
        for (int i = 0; i < zeta.length; i++) {
            double p = (i + 0.5) / zeta.length;
            normal[i] = Math.sqrt(2) * org.hipparchus.special.Erf.erfInv(2 * p - 1);
            standard[i] = sd > 0 ? (zeta[i] - mean) / sd : 0;
        }
        List<Plots.Series> series = List.of(new Plots.Series("seeds", normal, standard, true),
                new Plots.Series("normal", normal, normal, false));
        Plots.savePng(Plots.chart(String.format(Locale.ROOT, "Q-Q of mean_a Z_a at N = %d, t = %.3g (%d seeds)", n,
                last, zeta.length), "normal quantile", "standardised quantile", false, false, series),
                dir.resolve("fluctuation_qq.png"));
        return "fluctuation_qq.png";
    }

    /**
     * The correlation of Z with its tangent-linear prediction against N (log x) at the last time, and the variance
     * ratio Var Z / Var Zlin, each with its 95 % bootstrap interval as thin lines: both tend to 1 where the CLT holds.
     */
    private static String linearPrediction(AnalysisResult r, Path dir) {
        double last = r.snapshotTimes()[r.snapshotTimes().length - 1];
        var rows = r.linearPredictions().stream().filter(p -> p.time() == last).toList();
        double[] n = rows.stream().mapToDouble(p -> p.experts()).toArray();
        java.awt.Color corr = new java.awt.Color(30, 90, 180);
        java.awt.Color ratio = new java.awt.Color(200, 90, 30);
        List<Plots.Series> series = new ArrayList<>();
        series.add(new Plots.Series("correlation of Z and Zlin", n,
                rows.stream().mapToDouble(p -> p.correlation().estimate()).toArray(), false, corr));
        series.add(new Plots.Series("correlation 95% low", n,
                rows.stream().mapToDouble(p -> p.correlation().lo()).toArray(), false, corr, false));
        series.add(new Plots.Series("correlation 95% high", n,
                rows.stream().mapToDouble(p -> p.correlation().hi()).toArray(), false, corr, false));
        series.add(new Plots.Series("Var Z / Var Zlin", n,
                rows.stream().mapToDouble(p -> p.varianceRatio().estimate()).toArray(), false, ratio));
        series.add(new Plots.Series("ratio 95% low", n,
                rows.stream().mapToDouble(p -> p.varianceRatio().lo()).toArray(), false, ratio, false));
        series.add(new Plots.Series("ratio 95% high", n,
                rows.stream().mapToDouble(p -> p.varianceRatio().hi()).toArray(), false, ratio, false));
        series.add(new Plots.Series("1 (the CLT limit)", n, Arrays.stream(n).map(x -> 1.0).toArray(), false, java.awt.Color.GRAY));
        int seeds = rows.isEmpty() ? 0 : rows.get(0).seeds();
        Plots.savePng(Plots.chart(String.format(Locale.ROOT, "Correlation of Z with its linear prediction at t = %.3g "
                        + "(%d seeds; dashed: 95%% interval)", last, seeds), "N (experts)", "correlation, variance ratio",
                true, false, series), dir.resolve("tangent_linear.png"));
        return "tangent_linear.png";
    }

    /** The tangent kernel's relative drift against t: the reference (mean-field limit) and each N's mixtures. */
    private static String kernelDrift(AnalysisResult r, Path dir) {
        List<Plots.Series> series = new ArrayList<>();
        double[] times = r.snapshotTimes();
        int[] idx = java.util.stream.IntStream.range(0, times.length)
                .filter(i -> Arrays.stream(r.transportTimes()).anyMatch(t -> t == times[i])).toArray();
        double[] t = Arrays.stream(idx).mapToDouble(i -> times[i]).toArray();
        if (r.reference() != null) {
            series.add(new Plots.Series("reference (" + r.reference().size() + ")", t,
                    Arrays.stream(idx).mapToDouble(i -> r.reference().kernelDrift()[i]).toArray(), false,
                    java.awt.Color.BLACK));
        }
        int[] sizes = r.config().experts();
        for (int k = 0; k < sizes.length; k++) {
            int n = sizes[k];
            double[] mean = new double[idx.length];
            for (Sample s : r.samples()) {
                if (s.experts() == n) {
                    for (int j = 0; j < idx.length; j++) {
                        mean[j] += s.value(Quantity.KERNEL_DRIFT, idx[j]) / r.config().seeds();
                    }
                }
            }
            series.add(new Plots.Series("N = " + n, t, mean, false, Plots.sequential(k, sizes.length)));
        }
        Plots.savePng(Plots.chart("Tangent kernel drift |K_t - K_0|_F / |K_0|_F", "t (mean-field time)",
                "relative drift", false, false, series), dir.resolve("ntk_drift.png"));
        return "ntk_drift.png";
    }

    /** A grid of density images: rows small N, large N, reference; columns the snapshot times. */
    private static String densities(AnalysisResult r, Path dir) {
        List<String> rowNames = new ArrayList<>();
        List<double[][]> rows = new ArrayList<>();
        int[] sizes = r.config().experts();
        for (int n : new int[] {sizes[0], sizes[sizes.length - 1]}) {
            r.samples().stream().filter(s -> s.experts() == n && s.seedIndex() == 0).findFirst().ifPresent(s -> {
                if (!rowNames.contains("N = " + n)) {
                    rowNames.add("N = " + n);
                    rows.add(s.clouds());
                }
            });
        }
        if (r.reference() != null) {
            rowNames.add("reference " + r.reference().size());
            rows.add(r.reference().clouds());
        }
        int d = r.dimension();
        int bins = 16;
        int cell = 180;
        int label = 24;
        int left = label * 5;
        int bar = 100;
        double[] times = r.transportTimes();
        BufferedImage img = new BufferedImage(left + cell * times.length + bar, label + cell * rows.size() + label,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // one colour scale for every panel: the density relative to the uniform one, from 0 to 3x uniform (clipped),
        // so panels of any N and time compare and the reference's structure shows beside the small mixtures' noise
        List<double[][]> heat = new ArrayList<>();
        List<double[]> hist = new ArrayList<>();
        double max = d == 1 ? 3.0 / bins : 3.0 / (bins * bins);
        for (double[][] clouds : rows) {
            double[][] present = Arrays.stream(clouds).filter(java.util.Objects::nonNull).toArray(double[][]::new);
            for (int c = 0; c < times.length; c++) {
                if (d == 1) {
                    hist.add(Densities.histogram1d(present[c], 1, 0, bins));
                } else {
                    heat.add(Densities.histogram2d(present[c], d, 0, 1, bins));
                }
            }
        }
        for (int c = 0; c < times.length; c++) {
            g.drawString(String.format(Locale.ROOT, "t = %.3g", times[c]), left + c * cell + 6, 16);
        }
        for (int row = 0; row < rows.size(); row++) {
            g.setColor(Color.BLACK);
            g.drawString(rowNames.get(row), 4, label + row * cell + cell / 2);
            for (int c = 0; c < times.length; c++) {
                int x0 = left + c * cell;
                int y0 = label + row * cell;
                if (d == 1) {
                    drawHistogram(g, hist.get(row * times.length + c), x0, y0, cell, max);
                } else {
                    drawHeatMap(g, heat.get(row * times.length + c), x0, y0, cell, max);
                }
            }
        }
        // axes in radians under the last row, and the colour bar
        g.setColor(Color.BLACK);
        int yAxis = label + rows.size() * cell + 14;
        for (int c = 0; c < times.length; c++) {
            int x0 = left + c * cell + 4;
            int w = cell - 8;
            g.drawString("0", x0, yAxis);
            g.drawString("\u03c0", x0 + w / 2 - 3, yAxis);
            g.drawString("2\u03c0", x0 + w - 14, yAxis);
        }
        g.drawString(d == 1 ? "theta_0 (rad)" : "theta_0 (x), theta_1 (y)", 4, yAxis - 14);
        g.drawString("in radians", 4, yAxis);
        int bx = left + cell * times.length + 16;
        int by = label + 4;
        int bh = cell * rows.size() - 8;
        for (int y = 0; y < bh; y++) {
            g.setColor(heatColor((float) (1 - y / (double) (bh - 1))));
            g.fillRect(bx, by + y, 14, 1);
        }
        g.setColor(Color.BLACK);
        g.drawRect(bx, by, 14, bh);
        g.drawString(">= 3x", bx + 18, by + 10);
        g.drawString("uniform", bx + 18, by + 24);
        g.drawString("1x", bx + 18, by + 2 * bh / 3);
        g.drawString("0", bx + 18, by + bh);
        g.dispose();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(img, "png", bytes);
            AtomicFiles.write(dir.resolve("densities.png"), bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "densities.png";
    }

    /** The colour of relative density v in [0, 1] (the colour bar's map). */
    private static Color heatColor(float v) {
        return Color.getHSBColor(0.66f - 0.66f * v, 0.85f, 0.25f + 0.75f * v);
    }

    private static void drawHeatMap(Graphics2D g, double[][] h, int x0, int y0, int size, double max) {
        int bins = h.length;
        int px = (size - 8) / bins;
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                float v = (float) Math.min(1, h[i][j] / max);
                g.setColor(heatColor(v));
                g.fillRect(x0 + 4 + i * px, y0 + 4 + (bins - 1 - j) * px, px, px);
            }
        }
    }

    private static void drawHistogram(Graphics2D g, double[] h, int x0, int y0, int size, double max) {
        int px = (size - 8) / h.length;
        g.setColor(new Color(40, 90, 170));
        for (int i = 0; i < h.length; i++) {
            int height = (int) Math.round((size - 12) * Math.min(1, h[i] / max));
            g.fillRect(x0 + 4 + i * px, y0 + size - 4 - height, Math.max(1, px - 1), height);
        }
    }
}
