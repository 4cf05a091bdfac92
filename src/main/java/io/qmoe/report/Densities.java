package io.qmoe.report;

/** Histograms of angle clouds on the torus (fractions of the points per bin), for density plots. */
final class Densities {
    private static final double TWO_PI = 2 * Math.PI;

    private Densities() {
    }

    /** Fraction of points per bin of coordinate k over [0, 2π). */
    static double[] histogram1d(double[] flat, int d, int k, int bins) {
        double[] h = new double[bins];
        int n = flat.length / d;
        for (int i = 0; i < n; i++) {
            h[bin(flat[i * d + k], bins)] += 1.0 / n;
        }
        return h;
    }

    /** Fraction of points per bin of coordinates (k1, k2) over [0, 2π)². */
    static double[][] histogram2d(double[] flat, int d, int k1, int k2, int bins) {
        double[][] h = new double[bins][bins];
        int n = flat.length / d;
        for (int i = 0; i < n; i++) {
            h[bin(flat[i * d + k1], bins)][bin(flat[i * d + k2], bins)] += 1.0 / n;
        }
        return h;
    }

    private static int bin(double angle, int bins) {
        double w = angle % TWO_PI;
        if (w < 0) {
            w += TWO_PI;
        }
        return Math.min(bins - 1, (int) (w / TWO_PI * bins));
    }
}
