package io.qmoe.mixture;

/**
 * The times at which a run is integrated and recorded: {@code steps} equal intervals of [0, T], t_j = j·T/steps. For
 * fixed-step integrators each interval is one step; for the adaptive one it is an output interval. Times are
 * computed from the step index, never accumulated, so a resumed run sees exactly the same times.
 */
public record TimeGrid(double totalTime, int steps) {

    /** Checks the values. */
    public TimeGrid {
        if (!(totalTime > 0) || !Double.isFinite(totalTime)) {
            throw new io.qmoe.InvalidSettingException("time", "must be a positive number, got " + totalTime);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("a run needs at least one step, got " + steps);
        }
    }

    /** The grid whose step is as close to {@code dt} as divides T into equal steps. */
    public static TimeGrid of(double totalTime, double dt) {
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new io.qmoe.InvalidSettingException("dt", "must be a positive number, got " + dt);
        }
        if (!(totalTime > 0) || !Double.isFinite(totalTime)) {
            throw new io.qmoe.InvalidSettingException("time", "must be a positive number, got " + totalTime);
        }
        double n = Math.max(1, Math.rint(totalTime / dt));
        if (n > 100_000_000) {
            throw new io.qmoe.InvalidSettingException("dt", "time / dt gives " + (long) n + " steps; at most 100000000");
        }
        return new TimeGrid(totalTime, (int) n);
    }

    /** t_j. */
    public double time(int step) {
        return step == steps ? totalTime : step * totalTime / steps;
    }

    /** The step size T/steps. */
    public double dt() {
        return totalTime / steps;
    }

    /** The grid index nearest to time t (clamped to [0, steps]). */
    public int nearestStep(double t) {
        return (int) Math.max(0, Math.min(steps, Math.rint(t / dt())));
    }
}
