package io.qmoe.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * The von Mises product kernel on T^d as a Fourier series, truncated where its weights cannot matter: with
 * w_m = e^{−κ} I_m(κ) (m ∈ Z, Σ_m w_m = 1, w_m = w_{−m}, decreasing in |m|), k(θ, θ') = Σ_{n ∈ Z^d} W_n e^{i n·(θ − θ')}
 * with W_n = Π_k w_{n_k} &gt; 0. For empirical clouds P, Q with Fourier coefficients P̂(n) = (1/N) Σ_i e^{i n·p_i}, the
 * squared MMD is the sum of non-negative terms Σ_n W_n |P̂(n) − Q̂(n)|² (the n = 0 term vanishes, P̂(0) = Q̂(0) = 1),
 * so no difference of large sums is taken. Only the frequencies with W_n ≥ ε are kept, one of each pair ±n (the first
 * non-zero coordinate positive) with weight 2W_n. Since |P̂ − Q̂| ≤ 2, the dropped terms add at most
 * 4 Σ_{W_n &lt; ε} W_n ≤ 4 ε^s (Σ_m w_m^{1−s})^d for every s ∈ (0, 1); ε is the largest for which this bound is at
 * most {@link #DROPPED_BOUND} for some s on a grid, so the truncated MMD² is within 1e-16 (absolute) of the exact one.
 *
 * <p>The weights come from Miller's backward recurrence w_{m−1} = w_{m+1} + (2m/κ) w_m, normalised by Σ_m w_m = 1
 * (pure arithmetic, relative error about 1e-15). A cloud's coefficients cost N·F·d complex products for F kept
 * frequencies, against N·M·d kernel evaluations for the pairwise sums.
 */
final class VonMisesSpectrum {
    /** The bound on the dropped part of the series: 4 · this ≤ 1e-16 on MMD². */
    static final double DROPPED_BOUND = 2.5e-17;

    private final int dimension;
    /** 2 W_n of every kept half-space frequency. */
    private final double[] weights;
    /** Kept frequencies, row-major F × d. */
    private final int[] frequencies;
    /** The largest |n_k| kept. */
    private final int maxOrder;
    /**
     * The frequencies in runs: run r covers frequencies runStart[r] … runStart[r + 1] − 1, which share n_0 … n_{d−2}
     * and whose last coordinates are consecutive entries, from runOffset[r] on, of a point's {@link #lastTable}.
     */
    private final int[] runStart;
    private final int[] runOffset;

    private VonMisesSpectrum(int dimension, double[] weights, int[] frequencies, int maxOrder) {
        this.dimension = dimension;
        this.weights = weights;
        this.frequencies = frequencies;
        this.maxOrder = maxOrder;
        int[] start = new int[weights.length + 1];
        int[] offset = new int[weights.length];
        int runs = 0;
        int previous = Integer.MIN_VALUE;
        for (int j = 0; j < weights.length; j++) {
            int at = lastIndex(j);
            if (j == 0 || at != previous + 1 || !samePrefix(j - 1, j)) {
                start[runs] = j;
                offset[runs] = at;
                runs++;
            }
            previous = at;
        }
        start[runs] = weights.length;
        this.runStart = java.util.Arrays.copyOf(start, runs + 1);
        this.runOffset = java.util.Arrays.copyOf(offset, runs);
    }

    /**
     * Where frequency j's last coordinate m sits in a point's {@link #lastTable}: after a non-zero prefix the
     * enumeration's order 0, 1, −1, 2, −2, … (m at 2m − 1, −m at 2m); after an all-zero prefix, where only m &gt; 0 occur
     * (1, 2, 3, …), the second part of the table, m at 2·maxOrder + m.
     */
    private int lastIndex(int j) {
        int d = dimension;
        boolean zeroPrefix = true;
        for (int k = 0; k < d - 1; k++) {
            zeroPrefix &= frequencies[j * d + k] == 0;
        }
        int m = frequencies[j * d + d - 1];
        if (zeroPrefix) {
            return 2 * maxOrder + m;
        }
        return m == 0 ? 0 : m > 0 ? 2 * m - 1 : -2 * m;
    }

    private boolean samePrefix(int i, int j) {
        for (int k = 0; k < dimension - 1; k++) {
            if (frequencies[i * dimension + k] != frequencies[j * dimension + k]) {
                return false;
            }
        }
        return true;
    }

    /** The number F of kept frequencies (one of each ± pair). */
    int size() {
        return weights.length;
    }

    /**
     * The truncated spectrum of the kernel with concentration κ on T^d, or null when it would keep more than
     * {@code maxFrequencies} frequencies (then the pairwise sums are cheaper).
     */
    static VonMisesSpectrum of(double kappa, int d, int maxFrequencies) {
        double[] w = weights(kappa);
        double epsilon = threshold(w, d);
        List<int[]> kept = new ArrayList<>();
        List<Double> keptWeights = new ArrayList<>();
        // all n with Π w_{|n_k|} ≥ ε, in lexicographic order of (|n_0|, sign, |n_1|, sign, …); the remaining factors
        // are at most w_0, so a partial product below ε / w_0^{rest} prunes the branch
        int[] n = new int[d];
        if (!enumerate(w, epsilon, d, 0, 1.0, n, kept, keptWeights, maxFrequencies)) {
            return null;
        }
        double[] weights = new double[kept.size()];
        int[] frequencies = new int[kept.size() * d];
        int maxOrder = 0;
        for (int f = 0; f < weights.length; f++) {
            weights[f] = 2 * keptWeights.get(f);
            for (int k = 0; k < d; k++) {
                frequencies[f * d + k] = kept.get(f)[k];
                maxOrder = Math.max(maxOrder, Math.abs(kept.get(f)[k]));
            }
        }
        return new VonMisesSpectrum(d, weights, frequencies, maxOrder);
    }

    /** Adds every kept n with first non-zero coordinate positive; false once more than {@code cap} are kept. */
    private static boolean enumerate(double[] w, double epsilon, int d, int k, double partial, int[] n,
                                     List<int[]> kept, List<Double> keptWeights, int cap) {
        if (k == d) {
            boolean zero = true;
            for (int v : n) {
                if (v != 0) {
                    zero = false;
                    break;
                }
            }
            if (!zero) {
                kept.add(n.clone());
                keptWeights.add(partial);
            }
            return kept.size() <= cap;
        }
        double rest = 1;
        for (int j = k + 1; j < d; j++) {
            rest *= w[0];
        }
        boolean leadingZeros = true;
        for (int j = 0; j < k; j++) {
            if (n[j] != 0) {
                leadingZeros = false;
                break;
            }
        }
        for (int m = 0; m < w.length && partial * w[m] * rest >= epsilon; m++) {
            n[k] = m;
            if (!enumerate(w, epsilon, d, k + 1, partial * w[m], n, kept, keptWeights, cap)) {
                return false;
            }
            // −m as well, unless it is the mirror of a frequency already kept (all coordinates before k zero)
            if (m > 0 && !leadingZeros) {
                n[k] = -m;
                if (!enumerate(w, epsilon, d, k + 1, partial * w[m], n, kept, keptWeights, cap)) {
                    return false;
                }
            }
        }
        n[k] = 0;
        return true;
    }

    /** w_m = e^{−κ} I_m(κ) for m = 0 … L (beyond L they are below 1e-300 of w_0), by Miller's recurrence. */
    static double[] weights(double kappa) {
        if (kappa == 0) {
            return new double[] {1};
        }
        int start = (int) Math.min(100_000, Math.ceil(2 * kappa + 40 * Math.sqrt(kappa) + 80));
        double[] r = new double[start + 2];
        r[start] = 1e-300;
        for (int m = start; m >= 1; m--) {
            r[m - 1] = r[m + 1] + (2.0 * m / kappa) * r[m];
            if (r[m - 1] > 1e250) {
                for (int j = m - 1; j <= start; j++) {
                    r[j] *= 1e-250;
                }
            }
        }
        double total = r[0];
        for (int m = start; m >= 1; m--) {
            total += 2 * r[m];
        }
        int last = 0;
        double[] w = new double[start + 1];
        for (int m = 0; m <= start; m++) {
            w[m] = r[m] / total;
            if (w[m] > 1e-300 * w[0]) {
                last = m;
            }
        }
        return java.util.Arrays.copyOf(w, last + 1);
    }

    /** The largest ε with 4 Σ_{W_n &lt; ε} W_n provably ≤ 4·{@link #DROPPED_BOUND}, over s = 0.05, 0.10, …, 0.95. */
    static double threshold(double[] w, int d) {
        double best = 0;
        for (int i = 1; i < 20; i++) {
            double s = i / 20.0;
            double sum = StrictMath.pow(w[0], 1 - s);
            for (int m = 1; m < w.length; m++) {
                sum += 2 * StrictMath.pow(w[m], 1 - s);
            }
            // ε^s · sum^d ≤ bound
            double log = (StrictMath.log(DROPPED_BOUND) - d * StrictMath.log(sum)) / s;
            best = Math.max(best, StrictMath.exp(log));
        }
        return best;
    }

    /**
     * Σ_i e^{i n·p_i} of points [from, to) of the flat cloud {@code p} for every kept n, added into {@code re}
     * and {@code im} (each point's terms in frequency order, the points in index order). Per point and run of
     * frequencies sharing n_0 … n_{d−2}, the product over those coordinates is formed once and multiplied by the
     * last coordinate's factors, read in order from a table (the same products, in the same order, as coordinate by
     * coordinate: the sums do not depend on the runs).
     */
    void accumulate(double[] p, int from, int to, double[] re, double[] im) {
        int d = dimension;
        int orders = maxOrder + 1;
        // cos and sin of m·p_k for m = 0 … maxOrder, by repeated multiplication of e^{i p_k}
        double[] c = new double[d * orders];
        double[] s = new double[d * orders];
        double[] lastCos = new double[3 * maxOrder + 1];
        double[] lastSin = new double[3 * maxOrder + 1];
        int runs = runOffset.length;
        for (int i = from; i < to; i++) {
            for (int k = 0; k < d; k++) {
                double a = p[i * d + k];
                double c1 = StrictMath.cos(a);
                double s1 = StrictMath.sin(a);
                int base = k * orders;
                c[base] = 1;
                s[base] = 0;
                for (int m = 1; m < orders; m++) {
                    double cp = c[base + m - 1];
                    double sp = s[base + m - 1];
                    c[base + m] = cp * c1 - sp * s1;
                    s[base + m] = sp * c1 + cp * s1;
                }
            }
            lastTable(c, s, (d - 1) * orders, lastCos, lastSin);
            for (int r = 0; r < runs; r++) {
                int first = runStart[r];
                double x = 1;
                double y = 0;
                for (int k = 0; k < d - 1; k++) {
                    int n = frequencies[first * d + k];
                    if (n == 0) {
                        continue;
                    }
                    int at = k * orders + Math.abs(n);
                    double ck = c[at];
                    double sk = n > 0 ? s[at] : -s[at];
                    double nx = x * ck - y * sk;
                    y = x * sk + y * ck;
                    x = nx;
                }
                int shift = runOffset[r] - first;
                for (int j = first; j < runStart[r + 1]; j++) {
                    double ck = lastCos[j + shift];
                    double sk = lastSin[j + shift];
                    re[j] += x * ck - y * sk;
                    im[j] += x * sk + y * ck;
                }
            }
        }
    }

    /**
     * A point's factors e^{i m p} of the last coordinate in the runs' order: at 0 the factor 1 of m = 0, at 2m − 1
     * and 2m those of m and −m (m = 1 … maxOrder), and at 2·maxOrder + m that of m again, for the runs after an
     * all-zero prefix. {@code c} and {@code s} hold cos and sin of m·p for m = 0 … maxOrder from {@code base}.
     */
    private void lastTable(double[] c, double[] s, int base, double[] lastCos, double[] lastSin) {
        lastCos[0] = 1;
        lastSin[0] = 0;
        for (int m = 1; m <= maxOrder; m++) {
            double cm = c[base + m];
            double sm = s[base + m];
            lastCos[2 * m - 1] = cm;
            lastSin[2 * m - 1] = sm;
            lastCos[2 * m] = cm;
            lastSin[2 * m] = -sm;
            lastCos[2 * maxOrder + m] = cm;
            lastSin[2 * maxOrder + m] = sm;
        }
    }

    /** Σ_j 2W_j |a_j/N − b_j/M|² over the kept frequencies (b null: the uniform law, whose coefficients are 0). */
    double distance(double[] reP, double[] imP, double n, double[] reQ, double[] imQ, double m) {
        double sum = 0;
        for (int j = 0; j < weights.length; j++) {
            double x = reP[j] / n - (reQ == null ? 0 : reQ[j] / m);
            double y = imP[j] / n - (imQ == null ? 0 : imQ[j] / m);
            sum += weights[j] * (x * x + y * y);
        }
        return sum;
    }
}
