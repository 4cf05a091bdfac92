package io.qmoe.meanfield;

import java.util.ArrayList;
import java.util.List;

/**
 * The residuals r_ref of a reference solution at every velocity evaluation of a fixed-step integration, grouped by
 * step: {@code stages(j)} are the residual vectors the integrator used, in call order, to go from t_j to t_{j+1}.
 * Replaying them drives the nonlinear process with exactly the same discretisation as the reference.
 */
public final class ResidualSchedule implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final ArrayList<ArrayList<double[]>> steps = new ArrayList<>();

    /** Starts recording the stages of a new step. */
    void beginStep() {
        steps.add(new ArrayList<>());
    }

    /** Records one stage's residual vector in the current step. */
    void record(double[] residuals) {
        steps.get(steps.size() - 1).add(residuals.clone());
    }

    /** Number of recorded steps. */
    public int stepCount() {
        return steps.size();
    }

    /** The stage residuals of step j, in call order (not to be modified). */
    public List<double[]> stages(int step) {
        return steps.get(step);
    }
}
