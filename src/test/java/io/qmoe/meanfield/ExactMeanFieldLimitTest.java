package io.qmoe.meanfield;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.RungeKutta4Integrator;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.testing.ClosedFormQubitExpert;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The mean-field limit of the one-qubit re-uploading expert f = cos t0 cos t1 cos x − sin t0 sin t1, solved by hand.
 *
 * <p>With u = t0 − t1 and v = t0 + t1, f = ½ cos u (cos x − 1) + ½ cos v (cos x + 1), so Ψ[μ](θ) = A cos u + B cos v
 * with A = (1/2M) Σ_a r_a (cos x_a − 1), B = (1/2M) Σ_a r_a (cos x_a + 1), and the flow dθ/dt = −∇Ψ decouples:
 * du/dt = 2A sin u, dv/dt = 2B sin v. Then tan(u/2) grows like e^{S_u(t)} with S_u = ∫ 2A dt (likewise v), and for
 * u(0) uniform tan(u(0)/2) is standard Cauchy, so E cos u(t) = (1 − e^{S_u})/(1 + e^{S_u}) = −tanh(S_u/2). The limit is
 * the two-dimensional ODE dS_u/dt = (1/M) Σ_a r_a (cos x_a − 1), dS_v/dt = (1/M) Σ_a r_a (cos x_a + 1) with
 * r_a = −½ tanh(S_u/2)(cos x_a − 1) − ½ tanh(S_v/2)(cos x_a + 1) − y_a, S(0) = 0; a particle of the nonlinear process
 * moves as u(t) = 2 atan(e^{S_u(t)} tan(u(0)/2)).
 */
class ExactMeanFieldLimitTest {
    private static final int M = 6;
    private static final double T = 2;
    private static final double DT = 0.05;

    private static Dataset data() {
        double[] x = new double[M];
        double[] y = new double[M];
        for (int a = 0; a < M; a++) {
            x[a] = -2.5 + a;
            y[a] = 0.45 * Math.cos(x[a]) - 0.2;
        }
        return new Dataset("exact", List.of("x0"), x, y);
    }

    /** S_u, S_v at times j·DT, by RK4 on a fine step (1e-4), written here independently of qmoe's integrators. */
    private static double[][] exactS(Dataset data) {
        int steps = (int) Math.round(T / DT);
        double[][] out = new double[steps + 1][];
        double[] s = {0, 0};
        out[0] = s.clone();
        int fine = 500;
        double h = DT / fine;
        for (int j = 1; j <= steps; j++) {
            for (int k = 0; k < fine; k++) {
                double[] k1 = rhs(data, s);
                double[] k2 = rhs(data, new double[] {s[0] + h / 2 * k1[0], s[1] + h / 2 * k1[1]});
                double[] k3 = rhs(data, new double[] {s[0] + h / 2 * k2[0], s[1] + h / 2 * k2[1]});
                double[] k4 = rhs(data, new double[] {s[0] + h * k3[0], s[1] + h * k3[1]});
                for (int i = 0; i < 2; i++) {
                    s[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
                }
            }
            out[j] = s.clone();
        }
        return out;
    }

    private static double[] residuals(Dataset data, double[] s) {
        double[] r = new double[M];
        for (int a = 0; a < M; a++) {
            double c = Math.cos(data.feature(a, 0));
            r[a] = -0.5 * Math.tanh(s[0] / 2) * (c - 1) - 0.5 * Math.tanh(s[1] / 2) * (c + 1) - data.target(a);
        }
        return r;
    }

    private static double[] rhs(Dataset data, double[] s) {
        double[] r = residuals(data, s);
        double du = 0;
        double dv = 0;
        for (int a = 0; a < M; a++) {
            double c = Math.cos(data.feature(a, 0));
            du += r[a] * (c - 1) / M;
            dv += r[a] * (c + 1) / M;
        }
        return new double[] {du, dv};
    }

    @Test
    void theReferenceResidualsAndTheTwinsFollowTheHandDerivedLimit() {
        Expert expert = ClosedFormQubitExpert.expert();
        Dataset data = data();
        int size = 1 << 16;
        AnalysisConfig config = AnalysisConfig.builder().experts(16).seeds(1).referenceSize(size).time(T).dt(DT)
                .snapshots(0, T).transportSnapshots().build();
        AnalysisPlan plan = new AnalysisPlan(config);
        ReferenceRun.Outcome ref = ReferenceRun.run(expert, data, plan, 7, units -> { });
        double[][] s = exactS(data);
        // the reference is N_ref i.i.d. particles: each E cos has a Monte-Carlo error of at most 1/sqrt(N_ref) = 0.004
        // (cos is bounded by 1), and r_a depends on two of them with weights |cos x - 1|/2 + |cos x + 1|/2 = 1
        double tolerance = 6.0 / Math.sqrt(size);
        double worst = 0;
        for (int j = 0; j <= plan.grid().steps(); j++) {
            double[] exact = residuals(data, s[j]);
            double[] predictions = ref.reference().predictions()[j];
            for (int a = 0; a < M; a++) {
                worst = Math.max(worst, Math.abs(predictions[a] - data.target(a) - exact[a]));
            }
        }
        assertThat(worst).isLessThan(tolerance);
        // and the residuals really move: the limit is not trivially close to its start
        assertThat(Math.abs(residuals(data, s[s.length - 1])[0] - residuals(data, s[0])[0])).isGreaterThan(0.05);

        // twins driven by the reference's stage residuals follow u(t) = 2 atan(e^{S_u} tan(u(0)/2)), likewise v
        MixtureOfExperts twins = new MixtureOfExperts(expert, 5);
        double[] start = {0.3, 1.1, 2.0, -0.7, -2.9, 0.4, 1.5, 1.4, -1.0, 2.5};
        double[] angles = start.clone();
        RungeKutta4Integrator rk4 = new RungeKutta4Integrator();
        for (int j = 0; j < plan.grid().steps(); j++) {
            rk4.advance(new ScheduledResidualFlow(twins, data, ref.schedule().stages(j)), plan.grid().time(j),
                    plan.grid().time(j + 1), angles);
        }
        double[] last = s[s.length - 1];
        for (int i = 0; i < 5; i++) {
            double u0 = start[2 * i] - start[2 * i + 1];
            double v0 = start[2 * i] + start[2 * i + 1];
            double du = 2 * Math.atan(Math.exp(last[0]) * Math.tan(u0 / 2)) - wrap(u0);
            double dv = 2 * Math.atan(Math.exp(last[1]) * Math.tan(v0 / 2)) - wrap(v0);
            double t0 = start[2 * i] + (du + dv) / 2;
            double t1 = start[2 * i + 1] + (dv - du) / 2;
            // the twins feel r_ref, not the exact r: their error is the time integral of the residual error
            assertThat(TorusGeometry.coordinateDistance(angles[2 * i] - t0)).isLessThan(T * tolerance * 2);
            assertThat(TorusGeometry.coordinateDistance(angles[2 * i + 1] - t1)).isLessThan(T * tolerance * 2);
        }
    }

    /** u in (−π, π]. */
    private static double wrap(double u) {
        return Math.atan2(Math.sin(u), Math.cos(u));
    }
}
