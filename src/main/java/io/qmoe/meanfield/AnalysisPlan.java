package io.qmoe.meanfield;

import io.qmoe.mixture.EulerIntegrator;
import io.qmoe.mixture.FlowIntegrator;
import io.qmoe.mixture.RungeKutta4Integrator;
import io.qmoe.mixture.TimeGrid;
import java.util.Arrays;

/**
 * An {@link AnalysisConfig} laid onto its time grid: the grid steps of the snapshots (each rounded to the nearest grid
 * time, duplicates merged), which of them are transport times, and the integrator. Derived once, shared by the
 * reference run and every sample.
 */
final class AnalysisPlan {
    private final AnalysisConfig config;
    private final TimeGrid grid;
    private final int[] snapshotSteps;
    private final boolean[] transport;

    AnalysisPlan(AnalysisConfig config) {
        this.config = config;
        this.grid = TimeGrid.of(config.time(), config.dt());
        this.snapshotSteps = Arrays.stream(config.snapshots()).mapToInt(grid::nearestStep).distinct().sorted()
                .toArray();
        this.transport = new boolean[snapshotSteps.length];
        for (double t : config.transportSnapshots()) {
            transport[Arrays.binarySearch(snapshotSteps, grid.nearestStep(t))] = true;
        }
    }

    AnalysisConfig config() {
        return config;
    }

    TimeGrid grid() {
        return grid;
    }

    /** The grid steps of the snapshots (a copy). */
    int[] snapshotSteps() {
        return snapshotSteps.clone();
    }

    int snapshotCount() {
        return snapshotSteps.length;
    }

    /** The snapshot index of grid step {@code step}, or −1. */
    int snapshotAt(int step) {
        int idx = Arrays.binarySearch(snapshotSteps, step);
        return idx >= 0 ? idx : -1;
    }

    boolean isTransport(int snapshot) {
        return transport[snapshot];
    }

    int transportCount() {
        int c = 0;
        for (boolean b : transport) {
            c += b ? 1 : 0;
        }
        return c;
    }

    double[] snapshotTimes() {
        return Arrays.stream(snapshotSteps).mapToDouble(grid::time).toArray();
    }

    double[] transportTimes() {
        double[] all = snapshotTimes();
        return java.util.stream.IntStream.range(0, all.length).filter(i -> transport[i]).mapToDouble(i -> all[i])
                .toArray();
    }

    double[] gridTimes() {
        double[] all = new double[grid.steps() + 1];
        for (int j = 0; j <= grid.steps(); j++) {
            all[j] = grid.time(j);
        }
        return all;
    }

    /**
     * Whether the kernel distances (and the reference's cloud) are measured at {@code snapshot} for experts of d
     * angles: at the transport times, and at every snapshot when the kernel's Fourier sums make a comparison cost
     * O(F) instead of O(N·M·d).
     */
    boolean measuresKernel(int snapshot, int d) {
        return transport[snapshot] || kernel().usesFourierSums(d);
    }

    /** Whether any snapshot measures the kernel distances. */
    boolean measuresKernel(int d) {
        return transportCount() > 0 || kernel().usesFourierSums(d);
    }

    /** The kernel of the kernel distance. */
    io.qmoe.stats.TorusMmd kernel() {
        return io.qmoe.stats.TorusMmd.vonMises(config.kernelConcentration());
    }

    FlowIntegrator integrator() {
        return config.integrator().equals("euler") ? new EulerIntegrator() : new RungeKutta4Integrator();
    }
}
