package io.qmoe.meanfield;

import io.qmoe.mixture.OutputScaling;
import java.util.Arrays;

/**
 * What a mean-field analysis runs: the sweep of mixture sizes N with several seeds each, the reference population,
 * the time grid (fixed-step: {@code euler} or {@code rk4}), the snapshot times at which distances are measured, the
 * output scaling, and the optional grid solver resolution for d ≤ 2. Immutable; build with {@link #builder()}.
 */
public record AnalysisConfig(int[] experts, int seeds, int referenceSize, long seed, double time, double dt,
                             String integrator, double[] snapshots, int wassersteinCap, OutputScaling scaling,
                             int gridCells) {

    /** Checks every value and names the offending option. */
    public AnalysisConfig {
        if (experts.length == 0) {
            throw new IllegalArgumentException("--experts needs at least one size");
        }
        for (int n : experts) {
            if (n < 2) {
                throw new IllegalArgumentException("--experts: every size must be at least 2, got " + n);
            }
        }
        experts = experts.clone();
        Arrays.sort(experts);
        for (int i = 1; i < experts.length; i++) {
            if (experts[i] == experts[i - 1]) {
                throw new IllegalArgumentException("--experts lists " + experts[i] + " twice");
            }
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        }
        if (referenceSize < experts[experts.length - 1]) {
            throw new IllegalArgumentException("--reference-size " + referenceSize + " must be at least the largest N ("
                    + experts[experts.length - 1] + "), and should be well above it");
        }
        if (!(time > 0) || !Double.isFinite(time)) {
            throw new IllegalArgumentException("--time must be a positive number, got " + time);
        }
        if (!(dt > 0) || !Double.isFinite(dt) || dt > time) {
            throw new IllegalArgumentException("--dt must be positive and at most --time, got " + dt);
        }
        if (!integrator.equals("rk4") && !integrator.equals("euler")) {
            throw new IllegalArgumentException("--integrator must be rk4 or euler for the analysis (the coupling "
                    + "replays the reference's stages, which needs a fixed step), got " + integrator);
        }
        snapshots = snapshots.clone();
        for (double s : snapshots) {
            if (!(s >= 0 && s <= time)) {
                throw new IllegalArgumentException("--snapshots: " + s + " lies outside [0, " + time + "]");
            }
        }
        if (snapshots.length == 0) {
            throw new IllegalArgumentException("--snapshots needs at least one time");
        }
        if (wassersteinCap < 2) {
            throw new IllegalArgumentException("the Wasserstein size cap must be at least 2");
        }
        if (gridCells < 0) {
            throw new IllegalArgumentException("--grid must be 0 (off) or a positive number of cells per axis");
        }
    }

    @Override
    public int[] experts() {
        return experts.clone();
    }

    @Override
    public double[] snapshots() {
        return snapshots.clone();
    }

    /** A builder with the defaults of {@code qmoe analyze}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AnalysisConfig}; defaults: N = 16…1024, 3 seeds, reference 8192, T = 4, dt = 0.1, rk4. */
    public static final class Builder {
        private int[] experts = {16, 32, 64, 128, 256, 512, 1024};
        private int seeds = 3;
        private int referenceSize = 8192;
        private long seed = 1;
        private double time = 4;
        private double dt = 0.1;
        private String integrator = "rk4";
        private double[] snapshots;
        private int wassersteinCap = 2048;
        private OutputScaling scaling = OutputScaling.MEAN_FIELD;
        private int gridCells = 0;

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

        /** Snapshot times (default 0, T/4, T/2, T). */
        public Builder snapshots(double... t) {
            this.snapshots = t.clone();
            return this;
        }

        /** Largest assignment problem solved for W_2 (the reference cloud is subsampled to at most this). */
        public Builder wassersteinCap(int n) {
            this.wassersteinCap = n;
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

        /** The config. */
        public AnalysisConfig build() {
            double[] snaps = snapshots != null ? snapshots : new double[] {0, time / 4, time / 2, time};
            return new AnalysisConfig(experts, seeds, referenceSize, seed, time, dt, integrator, snaps,
                    wassersteinCap, scaling, gridCells);
        }
    }
}
