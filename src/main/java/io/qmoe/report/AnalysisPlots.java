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
        for (Sample s : r.samples()) {
            if (s.seedIndex() == 0) {
                series.add(new Plots.Series("N = " + s.experts(), r.times(), s.lossHistory(), false));
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
        double[] times = r.transportTimes();
        BufferedImage img = new BufferedImage(label * 5 + cell * times.length, label + cell * rows.size(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int c = 0; c < times.length; c++) {
            g.drawString(String.format(Locale.ROOT, "t = %.3g", times[c]), label * 5 + c * cell + 6, 16);
        }
        for (int row = 0; row < rows.size(); row++) {
            g.setColor(Color.BLACK);
            g.drawString(rowNames.get(row), 4, label + row * cell + cell / 2);
            double[][] clouds = Arrays.stream(rows.get(row)).filter(java.util.Objects::nonNull)
                    .toArray(double[][]::new);
            for (int c = 0; c < times.length; c++) {
                double[] cloud = clouds[c];
                int x0 = label * 5 + c * cell;
                int y0 = label + row * cell;
                if (d == 1) {
                    drawHistogram(g, Densities.histogram1d(cloud, 1, 0, bins), x0, y0, cell);
                } else {
                    drawHeatMap(g, Densities.histogram2d(cloud, d, 0, 1, bins), x0, y0, cell);
                }
            }
        }
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

    private static void drawHeatMap(Graphics2D g, double[][] h, int x0, int y0, int size) {
        int bins = h.length;
        double max = Arrays.stream(h).flatMapToDouble(Arrays::stream).max().orElse(1);
        int px = (size - 8) / bins;
        for (int i = 0; i < bins; i++) {
            for (int j = 0; j < bins; j++) {
                float v = (float) (max > 0 ? h[i][j] / max : 0);
                g.setColor(Color.getHSBColor(0.66f - 0.66f * v, 0.85f, 0.25f + 0.75f * v));
                g.fillRect(x0 + 4 + i * px, y0 + 4 + (bins - 1 - j) * px, px, px);
            }
        }
    }

    private static void drawHistogram(Graphics2D g, double[] h, int x0, int y0, int size) {
        double max = Arrays.stream(h).max().orElse(1);
        int px = (size - 8) / h.length;
        g.setColor(new Color(40, 90, 170));
        for (int i = 0; i < h.length; i++) {
            int height = (int) Math.round((size - 12) * (max > 0 ? h[i] / max : 0));
            g.fillRect(x0 + 4 + i * px, y0 + size - 4 - height, Math.max(1, px - 1), height);
        }
    }
}
