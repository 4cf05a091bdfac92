package io.qmoe.meanfield;

import io.qmoe.InvalidSettingException;
import io.qmoe.mixture.OutputScaling;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * What a mean-field analysis runs: the sweep of mixture sizes N with several seeds each, the reference population,
 * the time grid (fixed-step: {@code euler} or {@code rk4}), the snapshot times at which the cheap distances are
 * measured (coupling, prediction gap, displacement, loss, fluctuations), the coarser transport times at which the
 * distances between clouds are measured too (exact W₂, the kernel distance), the output scaling, the bandwidth of the
 * kernel distance and the optional grid solver resolution for d ≤ 2. Immutable; build with {@link #builder()}. Every
 * value is checked here, before any work, and a refusal names its setting ({@link InvalidSettingException}).
 *
 * @param snapshots          sorted distinct times in [0, T]; the transport times are always among them
 * @param transportSnapshots sorted distinct times in [0, T] at which W₂ is measured (empty: never)
 * @param kernelConcentration κ of the von Mises kernel of the kernel distance (bandwidth about 1/√κ radians)
 * @param tangentLinear      whether the twins carry the tangent-linear fluctuations beside them, for the linear
 *                           prediction of Z = √N (f_N − F) (mean-field scaling only; about four times the twins' cost)
 */
public record AnalysisConfig(int[] experts, int seeds, int referenceSize, long seed, double time, double dt,
                             String integrator, double[] snapshots, double[] transportSnapshots,
                             OutputScaling scaling, int gridCells, double kernelConcentration,
                             boolean tangentLinear) implements java.io.Serializable {
    /** The largest number of grid cells the finite-volume check may use (cells per axis to the power d). */
    public static final long MAX_GRID_CELLS = 1L << 24;
    /** The largest sweep size or reference population: one Java array holds N·d angles. */
    public static final int MAX_PARTICLES = 1 << 26;

    /** Checks every value and names the offending setting. */
    public AnalysisConfig {
        if (experts.length == 0) {
            throw new InvalidSettingException("experts", "needs at least one size");
        }
        experts = experts.clone();
        Arrays.sort(experts);
        for (int i = 0; i < experts.length; i++) {
            if (experts[i] < 2) {
                throw new InvalidSettingException("experts", "every size must be at least 2, got " + experts[i]);
            }
            if (i > 0 && experts[i] == experts[i - 1]) {
                throw new InvalidSettingException("experts", "lists " + experts[i] + " twice");
            }
        }
        if (experts[experts.length - 1] > MAX_PARTICLES) {
            throw new InvalidSettingException("experts", experts[experts.length - 1] + " is more than "
                    + MAX_PARTICLES + " experts");
        }
        if (seeds < 1) {
            throw new InvalidSettingException("seeds", "must be at least 1, got " + seeds);
        }
        if (referenceSize < experts[experts.length - 1]) {
            throw new InvalidSettingException("reference-size", referenceSize + " must be at least the largest N ("
                    + experts[experts.length - 1] + "), and should be well above it");
        }
        if (referenceSize > MAX_PARTICLES) {
            throw new InvalidSettingException("reference-size", referenceSize + " is more than " + MAX_PARTICLES
                    + " particles");
        }
        if (!(time > 0) || !Double.isFinite(time)) {
            throw new InvalidSettingException("time", "must be a positive number, got " + time);
        }
        if (!(dt > 0) || !Double.isFinite(dt) || dt > time) {
            throw new InvalidSettingException("dt", "must be positive and at most --time, got " + dt);
        }
        if (time / dt > 10_000_000) {
            throw new InvalidSettingException("dt", "time / dt gives more than 10^7 steps");
        }
        if (!integrator.equals("rk4") && !integrator.equals("euler")) {
            throw new InvalidSettingException("integrator", "must be rk4 or euler for the analysis (the coupling "
                    + "replays the reference's stages, which needs a fixed step), got " + integrator);
        }
        transportSnapshots = transportSnapshots.length == 0 ? new double[0]
                : sortedTimes("transport-snapshots", transportSnapshots, time);
        TreeSet<Double> all = new TreeSet<>();
        for (double t : sortedTimes("snapshots", snapshots, time)) {
            all.add(t);
        }
        for (double t : transportSnapshots) {
            all.add(t);
        }
        snapshots = all.stream().mapToDouble(Double::doubleValue).toArray();
        if (gridCells < 0) {
            throw new InvalidSettingException("grid", "must be 0 (off) or a positive number of cells per axis, got "
                    + gridCells);
        }
        if (gridCells > 0 && (double) gridCells * gridCells > MAX_GRID_CELLS) {
            throw new InvalidSettingException("grid", gridCells + " cells per axis is more than the "
                    + MAX_GRID_CELLS + " cells the finite-volume check may hold in 2 dimensions");
        }
        if (!(kernelConcentration > 0) || !Double.isFinite(kernelConcentration)) {
            throw new InvalidSettingException("kernel-concentration", "must be a positive number, got "
                    + kernelConcentration);
        }
        if (tangentLinear && scaling != OutputScaling.MEAN_FIELD) {
            throw new InvalidSettingException("tangent-linear", "linearises around the twins of the mean-field "
                    + "limit, which the " + scaling.name().toLowerCase(java.util.Locale.ROOT) + " scaling does not have");
        }
    }

    /** A configuration without the tangent-linear section (the canonical constructor's earlier form). */
    public AnalysisConfig(int[] experts, int seeds, int referenceSize, long seed, double time, double dt,
                          String integrator, double[] snapshots, double[] transportSnapshots, OutputScaling scaling,
                          int gridCells, double kernelConcentration) {
        this(experts, seeds, referenceSize, seed, time, dt, integrator, snapshots, transportSnapshots, scaling,
                gridCells, kernelConcentration, false);
    }

    private static double[] sortedTimes(String setting, double[] times, double end) {
        if (times.length == 0) {
            throw new InvalidSettingException(setting, "needs at least one time");
        }
        TreeSet<Double> set = new TreeSet<>();
        for (double s : times) {
            if (!(s >= 0 && s <= end)) {
                throw new InvalidSettingException(setting, s + " lies outside [0, " + end + "]");
            }
            set.add(s);
        }
        return set.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public int[] experts() {
        return experts.clone();
    }

    @Override
    public double[] snapshots() {
        return snapshots.clone();
    }

    @Override
    public double[] transportSnapshots() {
        return transportSnapshots.clone();
    }

    /** The largest N of the sweep. */
    public int largestSize() {
        return experts[experts.length - 1];
    }

    /** A builder with the defaults of {@code qmoe analyze}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds an {@link AnalysisConfig}. Defaults: N = 16…1024, 8 seeds, reference 8192, T = 4, dt = 0.1, rk4,
     * 21 snapshots 0, T/20, …, T, transport times 0, T/4, T/2, T, mean-field scaling, no grid, κ = 1, no
     * tangent-linear section.
     */
    public static final class Builder {
        /** The default number of seeds per N. */
        public static final int DEFAULT_SEEDS = 8;
        /** The default number of snapshot intervals: snapshots at 0, T/20, …, T. */
        public static final int DEFAULT_SNAPSHOT_INTERVALS = 20;

        private int[] experts = {16, 32, 64, 128, 256, 512, 1024};
        private int seeds = DEFAULT_SEEDS;
        private int referenceSize = 8192;
        private long seed = 1;
        private double time = 4;
        private double dt = 0.1;
        private String integrator = "rk4";
        private double[] snapshots;
        private double[] transportSnapshots;
        private OutputScaling scaling = OutputScaling.MEAN_FIELD;
        private int gridCells = 0;
        private double kernelConcentration = 1;
        private boolean tangentLinear;

        /** Mixture sizes N. */
        public Builder experts(int... n) {
            this.experts = n.clone();
            return this;
        }

        /** Seeds per N. */
        public Builder seeds(int k) {
            this.seeds = k;
            return this;
        }

        /** Reference population size. */
        public Builder referenceSize(int n) {
            this.referenceSize = n;
            return this;
        }

        /** Base seed. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Final time T. */
        public Builder time(double t) {
            this.time = t;
            return this;
        }

        /** Step. */
        public Builder dt(double h) {
            this.dt = h;
            return this;
        }

        /** euler or rk4. */
        public Builder integrator(String name) {
            this.integrator = name;
            return this;
        }

        /** Snapshot times (default 0, T/20, …, T). */
        public Builder snapshots(double... t) {
            this.snapshots = t.clone();
            return this;
        }

        /** Times at which W₂ is measured (default 0, T/4, T/2, T; none for no transport distances). */
        public Builder transportSnapshots(double... t) {
            this.transportSnapshots = t.clone();
            return this;
        }

        /** Output scaling. */
        public Builder scaling(OutputScaling s) {
            this.scaling = s;
            return this;
        }

        /** Grid cells per axis for the finite-volume reference (d ≤ 2), 0 for none. */
        public Builder gridCells(int cells) {
            this.gridCells = cells;
            return this;
        }

        /** κ of the von Mises kernel distance. */
        public Builder kernelConcentration(double kappa) {
            this.kernelConcentration = kappa;
            return this;
        }

        /** Whether to integrate the tangent-linear fluctuations beside the twins (default off). */
        public Builder tangentLinear(boolean on) {
            this.tangentLinear = on;
            return this;
        }

        /** The config. */
        public AnalysisConfig build() {
            double[] snaps = snapshots;
            if (snaps == null) {
                snaps = new double[DEFAULT_SNAPSHOT_INTERVALS + 1];
                for (int i = 0; i <= DEFAULT_SNAPSHOT_INTERVALS; i++) {
                    snaps[i] = time * i / DEFAULT_SNAPSHOT_INTERVALS;
                }
            }
            double[] transport = transportSnapshots != null ? transportSnapshots
                    : new double[] {0, time / 4, time / 2, time};
            return new AnalysisConfig(experts, seeds, referenceSize, seed, time, dt, integrator, snaps, transport,
                    scaling, gridCells, kernelConcentration, tangentLinear);
        }
    }
}
