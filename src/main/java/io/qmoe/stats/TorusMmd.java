package io.qmoe.stats;

/**
 * The maximum mean discrepancy between measures on the flat torus T^d = [0, 2π)^d for the product von Mises kernel
 * k(θ, θ') = Π_k exp(κ (cos(θ_k − θ'_k) − 1)), κ ≥ 0 (k(θ, θ) = 1; larger κ is a narrower kernel of width about
 * 1/√κ). The kernel is characteristic for κ &gt; 0, so MMD(P, Q) = 0 only when P = Q.
 *
 * <p>For empirical clouds P = (1/N) Σ δ_{p_i}, Q = (1/M) Σ δ_{q_j} this is the V-statistic (diagonal terms kept)
 * MMD²(P, Q) = (1/N²) Σ_ij k(p_i, p_j) + (1/M²) Σ_ij k(q_i, q_j) − (2/(NM)) Σ_ij k(p_i, q_j), which is the exact
 * squared RKHS distance of the two empirical measures and never negative (up to rounding). Against the uniform law U
 * the two integrals are closed: ∫ k(θ, θ') dU(θ') = ρ(κ)^d with ρ(κ) = e^{−κ} I₀(κ) per coordinate, so
 * MMD²(P, U) = (1/N²) Σ_ij k(p_i, p_j) − ρ(κ)^d.
 *
 * <p>Two ways to the same number, chosen by (κ, d) alone so that every cloud of one kernel and dimension is prepared
 * alike:
 * <ul>
 *   <li>when the kernel's Fourier series needs at most {@link #MAX_FREQUENCIES} frequencies to be exact to 1e-16
 *   ({@link VonMisesSpectrum}; d = 2 at κ = 1 keeps a few hundred), a cloud is its F Fourier sums, O(N·F·d) to
 *   prepare, and MMD² = Σ_n W_n |P̂(n) − Q̂(n)|² costs O(F): a sum of non-negative terms, so small distances between
 *   large clouds keep their relative precision;</li>
 *   <li>otherwise the pairwise sums above, O(N·M·d) with one exponential per pair (cos(a − b) = cos a cos b +
 *   sin a sin b from precomputed tables).</li>
 * </ul>
 * Memory O((N + M)·d + F). Points are flat, row-major arrays ({@code coordinate k of point i = a[i*d + k]}) and need
 * not be wrapped. Points are cut into chunks of a size fixed by N, each chunk sums in a fixed order and the chunk sums
 * are added in chunk order, so the result has the same bits on any thread count.
 */
public final class TorusMmd {
    private static final int CHUNK_ROWS = 32;
    private static final String KERNEL = "von Mises product";
    /** The most Fourier frequencies a cloud is prepared with; above it, the pairwise sums are used. */
    public static final int MAX_FREQUENCIES = 20_000;
    /** The spectra already built, by (κ, d); empty when the pairwise sums are used. */
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.Optional<VonMisesSpectrum>> SPECTRA =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final double kappa;
    private final int threads;
    /** Whether Fourier sums may be used (false: always the pairwise sums, the independent check in tests). */
    private final boolean fourier;

    private TorusMmd(double kappa, int threads, boolean fourier) {
        this.kappa = kappa;
        this.threads = threads;
        this.fourier = fourier;
    }

    /**
     * The result of one comparison.
     *
     * @param kernel          kernel name ("von Mises product")
     * @param kappa           the concentration κ of the kernel
     * @param dimension       d
     * @param points          N, the size of the first cloud
     * @param referencePoints M, the size of the second cloud; 0 when the reference is the uniform law (closed form)
     * @param squared         MMD² (may be a rounding-sized negative number when the measures agree)
     */
    public record Result(String kernel, double kappa, int dimension, int points, int referencePoints,
            double squared) {
        /** MMD = sqrt(max(0, MMD²)). */
        public double distance() {
            return Math.sqrt(Math.max(0, squared));
        }
    }

    /** The von Mises product kernel with concentration κ ≥ 0, on all available processors. */
    public static TorusMmd vonMises(double kappa) {
        if (!(kappa >= 0) || Double.isInfinite(kappa)) {
            throw new IllegalArgumentException("the kernel concentration kappa must be finite and >= 0, got " + kappa);
        }
        return new TorusMmd(kappa, 0, true);
    }

    /** The same kernel on {@code t} threads (0: all available processors); the result does not depend on it. */
    public TorusMmd withThreads(int t) {
        return new TorusMmd(kappa, t, fourier);
    }

    /** The same kernel always by pairwise sums, O(N·M·d): the direct definition, to check the Fourier sums. */
    public TorusMmd pairwise() {
        return new TorusMmd(kappa, threads, false);
    }

    /** The concentration κ. */
    public double kappa() {
        return kappa;
    }

    /**
     * A cloud made ready for comparisons, once: its Fourier sums (O(N·F·d)), or the cosines and sines of its
     * coordinates and its kernel self-sum Σ_ij k(p_i, p_j) (O(N²·d)), so that comparing it with many others costs
     * only O(F) or the cross sums.
     */
    public static final class Cloud {
        private final double kappa;
        private final int dimension;
        private final int size;
        private final Tables tables;
        private final double selfSum;
        /** Σ_i e^{i n·p_i} over the spectrum's frequencies, or null (pairwise sums). */
        private final double[] re;
        private final double[] im;

        private Cloud(double kappa, int dimension, int size, Tables tables, double selfSum, double[] re,
                      double[] im) {
            this.kappa = kappa;
            this.dimension = dimension;
            this.size = size;
            this.tables = tables;
            this.selfSum = selfSum;
            this.re = re;
            this.im = im;
        }

        /** Number of points. */
        public int size() {
            return size;
        }
    }

    /** Prepares {@code p} (N points of dimension d, flat; not modified) for {@link #between(Cloud, Cloud)}. */
    public Cloud prepare(int d, double[] p) {
        int n = count(d, p, "first");
        VonMisesSpectrum spectrum = spectrum(d);
        if (spectrum != null) {
            double[][] sums = fourierSums(spectrum, p, n);
            return new Cloud(kappa, d, n, null, Double.NaN, sums[0], sums[1]);
        }
        Tables t = new Tables(p);
        return new Cloud(kappa, d, n, t, selfSum(t, n, d), null, null);
    }

    /** The truncated spectrum for dimension d, or null when it has more than {@link #MAX_FREQUENCIES} frequencies. */
    private VonMisesSpectrum spectrum(int d) {
        if (!fourier) {
            return null;
        }
        return SPECTRA.computeIfAbsent(kappa + "/" + d,
                key -> java.util.Optional.ofNullable(VonMisesSpectrum.of(kappa, d, MAX_FREQUENCIES))).orElse(null);
    }

    /** Whether clouds of dimension d are prepared as Fourier sums (else by pairwise sums). */
    public boolean usesFourierSums(int d) {
        return spectrum(d) != null;
    }

    /** Σ_i e^{i n·p_i} for every frequency of {@code spectrum}: points in at most 64 chunks, added in chunk order. */
    private double[][] fourierSums(VonMisesSpectrum spectrum, double[] p, int n) {
        int f = spectrum.size();
        int per = Math.max(512, (n + 63) / 64);
        int chunks = (n + per - 1) / per;
        double[][] re = new double[chunks][f];
        double[][] im = new double[chunks][f];
        FixedChunks.run(chunks, threads, c -> spectrum.accumulate(p, c * per, Math.min(n, (c + 1) * per), re[c],
                im[c]));
        double[] reSum = re[0];
        double[] imSum = im[0];
        for (int c = 1; c < chunks; c++) {
            for (int j = 0; j < f; j++) {
                reSum[j] += re[c][j];
                imSum[j] += im[c][j];
            }
        }
        return new double[][] {reSum, imSum};
    }

    /** MMD² between the empirical clouds p (N points) and q (M points) of dimension d (V-statistic). */
    public Result between(int d, double[] p, double[] q) {
        count(d, q, "second");
        return between(prepare(d, p), prepare(d, q));
    }

    /** MMD² between two prepared clouds of the same dimension. */
    public Result between(Cloud p, Cloud q) {
        if (p.dimension != q.dimension) {
            throw new IllegalArgumentException("clouds of dimension " + p.dimension + " and " + q.dimension);
        }
        if (p.kappa != kappa || q.kappa != kappa) {
            throw new IllegalArgumentException("clouds prepared for kappa " + p.kappa + " and " + q.kappa
                    + ", compared with kappa " + kappa);
        }
        if ((p.re == null) != (q.re == null)) {
            throw new IllegalArgumentException("clouds prepared one by Fourier sums and one by pairwise sums");
        }
        int n = p.size;
        int m = q.size;
        if (p.re != null) {
            return new Result(KERNEL, kappa, p.dimension, n, m, spectrum(p.dimension).distance(p.re, p.im, n, q.re,
                    q.im, m));
        }
        if (p == q || (n == m && java.util.Arrays.equals(p.tables.cos, q.tables.cos)
                && java.util.Arrays.equals(p.tables.sin, q.tables.sin))) {
            // the same points in the same order: the same measure, at distance 0 exactly (the three sums below would
            // leave a rounding residue of ~1e-16, i.e. ~1e-8 after the square root)
            return new Result(KERNEL, kappa, p.dimension, n, m, 0);
        }
        double pq = crossSum(p.tables, n, q.tables, m, p.dimension);
        double squared = p.selfSum / ((double) n * n) + q.selfSum / ((double) m * m) - 2 * pq / ((double) n * m);
        return new Result(KERNEL, kappa, p.dimension, n, m, squared);
    }

    /** MMD² between the empirical cloud p (N points of dimension d) and the uniform law on T^d, in closed form. */
    public Result toUniform(int d, double[] p) {
        return toUniform(prepare(d, p));
    }

    /** MMD² between a prepared cloud and the uniform law, in closed form (no further kernel sums). */
    public Result toUniform(Cloud p) {
        if (p.kappa != kappa) {
            throw new IllegalArgumentException("a cloud prepared for kappa " + p.kappa + ", compared with kappa "
                    + kappa);
        }
        if (p.re != null) {
            return new Result(KERNEL, kappa, p.dimension, p.size, 0, spectrum(p.dimension).distance(p.re, p.im,
                    p.size, null, null, 0));
        }
        double squared = p.selfSum / ((double) p.size * p.size) - StrictMath.pow(scaledBesselI0(kappa), p.dimension);
        return new Result(KERNEL, kappa, p.dimension, p.size, 0, squared);
    }

    /**
     * ρ(κ) = e^{−κ} I₀(κ) = (1/2π) ∫ exp(κ (cos φ − 1)) dφ, the mean of the one-dimensional kernel against the uniform
     * law. By the power series I₀(κ) = Σ_m (κ/2)^{2m} / (m!)² with the factor e^{−κ} carried in the terms for
     * κ ≤ 700, and by the asymptotic series (2πκ)^{−1/2} Σ_j c_j κ^{−j}, c_j = c_{j−1} (2j − 1)² / (8j), c_0 = 1,
     * beyond (where it is accurate to rounding). Relative error about 1e-14.
     */
    public static double scaledBesselI0(double kappa) {
        if (!(kappa >= 0)) {
            throw new IllegalArgumentException("kappa must be >= 0, got " + kappa);
        }
        if (kappa <= 700) {
            double q = kappa * kappa / 4;
            double term = StrictMath.exp(-kappa);
            double sum = term;
            for (int m = 1; m < 100000; m++) {
                term *= q / ((double) m * m);
                sum += term;
                if (m > kappa / 2 && term < 1e-17 * sum) {
                    break;
                }
            }
            return sum;
        }
        double c = 1;
        double sum = 1;
        double inv = 1 / kappa;
        double power = 1;
        for (int j = 1; j < 60; j++) {
            c *= (2.0 * j - 1) * (2.0 * j - 1) / (8.0 * j);
            power *= inv;
            double term = c * power;
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum / Math.sqrt(2 * Math.PI * kappa);
    }

    private static int count(int d, double[] a, String which) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + d);
        }
        if (a.length == 0 || a.length % d != 0) {
            throw new IllegalArgumentException("the " + which + " cloud has " + a.length
                    + " coordinates, which do not make whole points of dimension " + d);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException("coordinate " + (i % d) + " of point " + (i / d) + " of the "
                        + which + " cloud is not finite");
            }
        }
        return a.length / d;
    }

    /** Σ_ij k(p_i, p_j) = N + 2 Σ_{i<j} k(p_i, p_j). */
    private double selfSum(Tables t, int n, int d) {
        int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        double[] partial = new double[chunks];
        FixedChunks.run(chunks, threads, c -> {
            double s = 0;
            for (int i = c * CHUNK_ROWS; i < Math.min(n, (c + 1) * CHUNK_ROWS); i++) {
                s += 1 + 2 * rowSum(t, i, t, i + 1, n, d);
            }
            partial[c] = s;
        });
        return sumInOrder(partial);
    }

    /** Σ_ij k(p_i, q_j). */
    private double crossSum(Tables tp, int n, Tables tq, int m, int d) {
        int chunks = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        double[] partial = new double[chunks];
        FixedChunks.run(chunks, threads, c -> {
            double s = 0;
            for (int i = c * CHUNK_ROWS; i < Math.min(n, (c + 1) * CHUNK_ROWS); i++) {
                s += rowSum(tp, i, tq, 0, m, d);
            }
            partial[c] = s;
        });
        return sumInOrder(partial);
    }

    /** Σ_{j in [from, to)} k(p_i, q_j) with Σ_k (cos(p_ik − q_jk) − 1) = Σ_k (cos p cos q + sin p sin q − 1). */
    private double rowSum(Tables tp, int i, Tables tq, int from, int to, int d) {
        double[] cp = tp.cos;
        double[] sp = tp.sin;
        double[] cq = tq.cos;
        double[] sq = tq.sin;
        int base = i * d;
        double s = 0;
        for (int j = from; j < to; j++) {
            int jb = j * d;
            double e = 0;
            for (int k = 0; k < d; k++) {
                e += cp[base + k] * cq[jb + k] + sp[base + k] * sq[jb + k] - 1;
            }
            s += Exponential.exp(kappa * e);
        }
        return s;
    }

    private static double sumInOrder(double[] partial) {
        double s = 0;
        for (double v : partial) {
            s += v;
        }
        return s;
    }

    /** cos and sin of every coordinate. */
    private static final class Tables {
        final double[] cos;
        final double[] sin;

        Tables(double[] a) {
            cos = new double[a.length];
            sin = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                cos[i] = StrictMath.cos(a[i]);
                sin[i] = StrictMath.sin(a[i]);
            }
        }
    }
}
