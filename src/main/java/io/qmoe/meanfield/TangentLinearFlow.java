package io.qmoe.meanfield;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.VelocityField;
import java.util.Arrays;
import java.util.List;

/**
 * The twins and, beside them, the tangent-linear fluctuations of the mixture around them, as one velocity field over
 * the concatenated state {@code [θ̄ (N·d) | η (N·d)]}, so one integrator advances both with the same stages.
 *
 * <p><b>The equations</b> (mean-field scaling, velocity factor 1). The twins move by
 * dθ̄_i/dt = −(1/M) Σ_a r̄_a ∇f(θ̄_i, x_a) with the reference residuals r̄ replayed stage by stage (as in
 * {@link ScheduledResidualFlow}; the twin half of the velocity is computed by the very same call, so it has the same
 * bits). Put η_i = √N (θ_i − θ̄_i), η_i(0) = 0. Linearising the mixture's flow around the twins gives
 * <pre>
 *   dη_i/dt = −(1/M) Σ_a [ Zlin_a ∇f(θ̄_i, x_a) + r̄_a ∇²f(θ̄_i, x_a) η_i ],
 *   Zlin_a  = S_a + (1/N) Σ_j ∇f(θ̄_j, x_a)·η_j,      S_a = √N ( (1/N) Σ_j f(θ̄_j, x_a) − F_a ),
 * </pre>
 * with F = r̄ + y the reference predictions at the stage; Zlin is the linear prediction of the fluctuation
 * Z_a = √N (f_N(x_a) − F_a).
 *
 * <p><b>How the derivatives are taken.</b> Both directional derivatives are central differences of the existing
 * O(N·d)-memory functions, so nothing of size N·M·d is ever held:
 * <ul>
 *   <li>the η velocity is the derivative in h of V(h) = v(θ̄ + hη, r̄ + h·Zlin), where v(θ, r) is
 *   {@link MixtureOfExperts#residualVelocities}: v is linear in its residuals, so
 *   V'(0) = −(1/M) Σ_a [ r̄_a ∇²f η_i + Zlin_a ∇f ] exactly, and (V(δ) − V(−δ))/(2δ) gives it from two velocity
 *   passes;</li>
 *   <li>the output's derivative (1/N) Σ_j ∇f(θ̄_j, x_a)·η_j is (f_N(θ̄ + δη) − f_N(θ̄ − δη))/(2δ), two value passes; S
 *   takes a third.</li>
 * </ul>
 * The step is δ = {@link #STEP} / max(1, ‖η‖_∞), so no angle moves by more than 2^-17 ≈ 7.6·10^-6 rad. The truncation
 * error of a central difference is δ²/6 times the third derivative in h. Every f here is a trigonometric polynomial in
 * each angle with bound B = Σ|observable coefficients| and largest frequency ω_k in angle k (1 for a plain rotation),
 * so with E = ‖η‖_∞ and Ω = Σ_k ω_k: |∂³_h V_ik| ≤ B ω_k (max|r̄| (ΩE)³ + 3 max|Zlin| (ΩE)²), and since δE ≤ STEP
 * the error is at most (STEP²/6)·B ω_k (max|r̄| Ω³ E + 3 max|Zlin| Ω²) ≈ 10^-11 × that bracket; the output derivative
 * likewise within (STEP²/6)·B Ω³ E. Rounding adds about ε_machine/δ ≈ 3·10^-11 relative. For the bundled 1-qubit
 * expert (B = 1, Ω = 2) both stay below 10^-9 for |η|, |Zlin| of order ten: far below the statistical error of any
 * fluctuation measurement.
 *
 * <p>Cost per stage: three velocity passes (the twins' own and two for η) and three value passes, against one velocity
 * pass for the twins alone: five more passes, measured at about four times the twins' cost on top of it (1-qubit
 * expert, N = 1024; docs/BENCHMARKS.md).
 */
final class TangentLinearFlow implements VelocityField {
    /** The largest angle perturbation of the central differences, 2^-17 rad. */
    static final double STEP = 0x1p-17;

    private final MixtureOfExperts particles;
    private final Dataset data;
    private final List<double[]> stages;
    private int next;

    /**
     * The augmented flow of {@code particles} (mean-field scaling) driven by the reference residuals {@code stages} of
     * one integrator step, in call order.
     */
    TangentLinearFlow(MixtureOfExperts particles, Dataset data, List<double[]> stages) {
        if (particles.scaling() != io.qmoe.mixture.OutputScaling.MEAN_FIELD) {
            throw new IllegalArgumentException("the tangent-linear fluctuations are those of the mean-field scaling");
        }
        this.particles = particles;
        this.data = data;
        this.stages = stages;
    }

    @Override
    public double[] velocity(double t, double[] state) {
        if (next >= stages.size()) {
            throw new IllegalStateException("the integrator asked for more stages than the reference recorded");
        }
        double[] residuals = stages.get(next++);
        int nd = state.length / 2;
        double[] twins = Arrays.copyOfRange(state, 0, nd);
        double[] eta = Arrays.copyOfRange(state, nd, 2 * nd);
        double[] out = new double[2 * nd];
        // the twin half: the very call ScheduledResidualFlow makes, so the twins keep their bits
        System.arraycopy(particles.residualVelocities(twins, data, residuals), 0, out, 0, nd);

        int m = data.size();
        double[] limit = new double[m];
        for (int a = 0; a < m; a++) {
            limit[a] = residuals[a] + data.target(a);
        }
        double[] z = linearPrediction(particles, data, twins, eta, limit);
        double delta = step(eta);
        double[] plus = shifted(twins, eta, delta);
        double[] minus = shifted(twins, eta, -delta);
        double[] rPlus = new double[m];
        double[] rMinus = new double[m];
        for (int a = 0; a < m; a++) {
            rPlus[a] = residuals[a] + delta * z[a];
            rMinus[a] = residuals[a] - delta * z[a];
        }
        double[] vPlus = particles.residualVelocities(plus, data, rPlus);
        double[] vMinus = particles.residualVelocities(minus, data, rMinus);
        for (int i = 0; i < nd; i++) {
            out[nd + i] = (vPlus[i] - vMinus[i]) / (2 * delta);
        }
        return out;
    }

    /**
     * Zlin_a = √N ((1/N) Σ_j f(θ̄_j, x_a) − F_a) + (1/N) Σ_j ∇f(θ̄_j, x_a)·η_j, the linear prediction of the fluctuation
     * at the twins {@code twins} with fluctuations {@code eta} (flat N·d each) against the limit predictions
     * {@code limit} (F_a, one per data point). None of the arrays is modified. At η = 0 the derivative term is exactly
     * 0 (both difference points are the twins), so Zlin = S.
     */
    static double[] linearPrediction(MixtureOfExperts particles, Dataset data, double[] twins, double[] eta,
                                     double[] limit) {
        int nd = twins.length;
        int m = data.size();
        double delta = step(eta);
        double[] plus = shifted(twins, eta, delta);
        double[] minus = shifted(twins, eta, -delta);
        double[] centre = particles.evaluate(twins, data).predictions();
        double[] up = particles.evaluate(plus, data).predictions();
        double[] down = particles.evaluate(minus, data).predictions();
        double root = Math.sqrt(particles.size());
        double[] z = new double[m];
        for (int a = 0; a < m; a++) {
            z[a] = root * (centre[a] - limit[a]) + (up[a] - down[a]) / (2 * delta);
        }
        return z;
    }

    /** θ̄ + h·η, a new array. */
    private static double[] shifted(double[] twins, double[] eta, double h) {
        double[] out = new double[twins.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = twins[i] + h * eta[i];
        }
        return out;
    }

    /** δ = STEP / max(1, ‖η‖_∞). */
    static double step(double[] eta) {
        double max = 0;
        for (double e : eta) {
            max = Math.max(max, Math.abs(e));
        }
        return STEP / Math.max(1, max);
    }
}
