package io.qmoe.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG plots (XChart, headless) for training runs and analyses, written atomically. */
public final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** One named line or scatter series, drawn in {@code color} (null: XChart's palette). */
    public record Series(String name, double[] x, double[] y, boolean markersOnly, java.awt.Color color,
                         boolean inLegend) {
        /** A series in XChart's palette. */
        public Series(String name, double[] x, double[] y, boolean markersOnly) {
            this(name, x, y, markersOnly, null, true);
        }

        /** A series in a given colour, in the legend. */
        public Series(String name, double[] x, double[] y, boolean markersOnly, java.awt.Color color) {
            this(name, x, y, markersOnly, color, true);
        }
    }

    /**
     * Colour i of n from a sequential map (dark blue through teal to yellow, like viridis), so that series ordered by
     * N are told apart in order.
     */
    public static java.awt.Color sequential(int i, int n) {
        float[][] stops = {{0.267f, 0.005f, 0.329f}, {0.231f, 0.322f, 0.545f}, {0.129f, 0.569f, 0.549f},
            {0.369f, 0.788f, 0.384f}, {0.992f, 0.906f, 0.145f}};
        double x = n <= 1 ? 0 : 0.9 * i / (n - 1.0);
        double pos = x * (stops.length - 1);
        int k = Math.min(stops.length - 2, (int) Math.floor(pos));
        double f = pos - k;
        float[] c = new float[3];
        for (int j = 0; j < 3; j++) {
            c[j] = (float) (stops[k][j] + f * (stops[k + 1][j] - stops[k][j]));
        }
        return new java.awt.Color(c[0], c[1], c[2]);
    }

    /** Builds an XY chart with the given series; log axes where asked (non-positive points are dropped there). */
    public static XYChart chart(String title, String xLabel, String yLabel, boolean logX, boolean logY,
                                List<Series> series) {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        if (!logX) {
            chart.getStyler().setXAxisDecimalPattern("#0.##");
        }
        if (!logY) {
            chart.getStyler().setYAxisDecimalPattern("#0.###");
        }
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        // outside the plot area: a legend never covers data
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        double[] xRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] yRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Series s : series) {
            int n = 0;
            double[] xs = new double[s.x().length];
            double[] ys = new double[s.y().length];
            for (int i = 0; i < s.x().length; i++) {
                boolean ok = Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])
                        && (!logX || s.x()[i] > 0) && (!logY || s.y()[i] > 0);
                if (ok) {
                    xs[n] = s.x()[i];
                    ys[n] = s.y()[i];
                    widen(xRange, xs[n]);
                    widen(yRange, ys[n]);
                    n++;
                }
            }
            if (n == 0) {
                continue;
            }
            XYSeries xy = chart.addSeries(s.name(), java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n));
            if (s.markersOnly()) {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            } else {
                xy.setMarker(SeriesMarkers.NONE);
            }
            if (s.color() != null) {
                xy.setLineColor(s.color());
                xy.setMarkerColor(s.color());
            }
            if (!s.inLegend()) {
                xy.setShowInLegend(false);
                xy.setLineStyle(new java.awt.BasicStroke(0.8f, java.awt.BasicStroke.CAP_BUTT,
                        java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {3f, 3f}, 0f));
            }
        }
        // XChart labels a log axis only at powers of ten: one spanning less than a decade got no labels at all
        if (logX && xRange[0] <= xRange[1] && xRange[1] < 10 * xRange[0]) {
            chart.getStyler().setXAxisMin(decadeBelow(xRange[0]));
            chart.getStyler().setXAxisMax(decadeAbove(xRange[1]));
        }
        if (logY && yRange[0] <= yRange[1] && yRange[1] < 10 * yRange[0]) {
            chart.getStyler().setYAxisMin(decadeBelow(yRange[0]));
            chart.getStyler().setYAxisMax(decadeAbove(yRange[1]));
        }
        return chart;
    }

    private static void widen(double[] range, double v) {
        range[0] = Math.min(range[0], v);
        range[1] = Math.max(range[1], v);
    }

    /** The largest power of ten at or below v (v > 0). */
    static double decadeBelow(double v) {
        return Math.pow(10, Math.floor(Math.log10(v)));
    }

    /** The smallest power of ten above v (v > 0), so the axis always holds at least one decade. */
    static double decadeAbove(double v) {
        return Math.pow(10, Math.floor(Math.log10(v)) + 1);
    }

    /** Saves a chart as PNG and, beside it, as SVG (same name, {@code .svg}), both atomically. */
    public static void savePng(XYChart chart, Path file) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            AtomicFiles.write(file, png);
            java.io.ByteArrayOutputStream svg = new java.io.ByteArrayOutputStream();
            org.knowm.xchart.VectorGraphicsEncoder.saveVectorGraphic(chart, svg,
                    org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            String name = file.getFileName().toString();
            AtomicFiles.write(file.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".svg"),
                    svg.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + file + ": " + e.getMessage(), e);
        }
    }

}
