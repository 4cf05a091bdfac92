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

    /** One named line or scatter series. */
    public record Series(String name, double[] x, double[] y, boolean markersOnly) {
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
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
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

    /** Saves a chart as PNG atomically. */
    public static void savePng(XYChart chart, Path file) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            AtomicFiles.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + file + ": " + e.getMessage(), e);
        }
    }

}
