package io.qmoe.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import io.qmoe.testing.ClosedFormQubitExpert;
import org.junit.jupiter.api.Test;

class GradientFlowTrainerTest {
    private static final Dataset DATA = new Dataset("test", List.of("x0"),
            new double[] {-2.0, -0.7, 0.3, 1.1, 2.6}, new double[] {0.2, -0.4, 0.5, 0.1, -0.3});

    private static double[] integrate(FlowIntegrator integrator, int n, double[] start, double time, int steps) {
        MixtureOfExperts mix = new MixtureOfExperts(ClosedFormQubitExpert.expert(), n);
        double[] a = start.clone();
        new GradientFlowTrainer(mix, DATA, integrator, new TimeGrid(time, steps)).run(a, 0, steps,
                TrainingObserver.NONE);
        return a;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }

    @Test
    void lossNeverIncreasesAlongAnRk4Trajectory() {
        MixtureOfExperts mix = new MixtureOfExperts(ClosedFormQubitExpert.expert(), 16);
        double[] a = mix.initialAngles(11);
        List<Double> losses = new ArrayList<>();
        new GradientFlowTrainer(mix, DATA, new RungeKutta4Integrator(), new TimeGrid(4, 200)).run(a, 0, 200,
                (step, t, e) -> losses.add(e.loss()));
        assertThat(losses).hasSize(201);
        for (int i = 1; i < losses.size(); i++) {
            assertThat(losses.get(i)).isLessThanOrEqualTo(losses.get(i - 1));
        }
        assertThat(losses.get(200)).isLessThan(losses.get(0));
    }

    @Test
    void eulerIsFirstOrderAndRk4FourthOrder() {
        double[] start = MixtureOfExperts.uniformAngles(5, 2, 5);
        double time = 1.0;
        double[] exact = integrate(new RungeKutta4Integrator(), 5, start, time, 4096);
        double e1 = distance(integrate(new EulerIntegrator(), 5, start, time, 40), exact);
        double e2 = distance(integrate(new EulerIntegrator(), 5, start, time, 80), exact);
        assertThat(e1 / e2).isBetween(1.8, 2.2);
        double r1 = distance(integrate(new RungeKutta4Integrator(), 5, start, time, 10), exact);
        double r2 = distance(integrate(new RungeKutta4Integrator(), 5, start, time, 20), exact);
        assertThat(r1 / r2).isBetween(13.0, 19.0);
    }

    @Test
    void adaptiveMatchesAFineRk4Solution() {
        double[] start = MixtureOfExperts.uniformAngles(5, 2, 6);
        double[] exact = integrate(new RungeKutta4Integrator(), 5, start, 2.0, 2000);
        double[] adaptive = integrate(new AdaptiveIntegrator(1e-10), 5, start, 2.0, 4);
        assertThat(distance(adaptive, exact)).isLessThan(1e-7);
    }

    @Test
    void oneExpertFollowsPlainSingleExpertGradientFlow() {
        double[] start = {0.9, 2.1};
        double[] mixture = integrate(new EulerIntegrator(), 1, start, 1.0, 100);
        // Independent loop: theta <- theta - h * (1/M) sum_a (f(theta, x_a) - y_a) grad f(theta, x_a).
        double t0 = start[0];
        double t1 = start[1];
        double h = 0.01;
        for (int s = 0; s < 100; s++) {
            double g0 = 0;
            double g1 = 0;
            for (int a = 0; a < DATA.size(); a++) {
                double x = DATA.feature(a, 0);
                double r = ClosedFormQubitExpert.f(t0, t1, x) - DATA.target(a);
                g0 += r * (-Math.sin(t0) * Math.cos(t1) * Math.cos(x) - Math.cos(t0) * Math.sin(t1));
                g1 += r * (-Math.cos(t0) * Math.sin(t1) * Math.cos(x) - Math.sin(t0) * Math.cos(t1));
            }
            t0 -= h * g0 / DATA.size();
            t1 -= h * g1 / DATA.size();
        }
        assertThat(mixture[0]).isCloseTo(t0, within(1e-13));
        assertThat(mixture[1]).isCloseTo(t1, within(1e-13));
    }

    @Test
    void resumingAfterAnyStepGivesTheSameBits() {
        MixtureOfExperts mix = new MixtureOfExperts(ClosedFormQubitExpert.expert(), 8);
        TimeGrid grid = new TimeGrid(1.5, 30);
        for (FlowIntegrator integrator : List.of(new RungeKutta4Integrator(), new AdaptiveIntegrator(1e-8))) {
            GradientFlowTrainer trainer = new GradientFlowTrainer(mix, DATA, integrator, grid);
            double[] whole = mix.initialAngles(3);
            trainer.run(whole, 0, 30, TrainingObserver.NONE);
            double[] parts = mix.initialAngles(3);
            trainer.run(parts, 0, 13, TrainingObserver.NONE);
            double[] copy = parts.clone();
            trainer.run(copy, 13, 30, TrainingObserver.NONE);
            assertThat(copy).isEqualTo(whole);
        }
    }

    @Test
    void aWideMixtureFitsTheTeacherTaskByOrdersOfMagnitude() {
        Expert expert = ClosedFormQubitExpert.expert();
        Dataset teacher = Tasks.teacher(expert, 20, 0);
        MixtureOfExperts mix = new MixtureOfExperts(expert, 256);
        double[] a = mix.initialAngles(1);
        List<Double> losses = new ArrayList<>();
        new GradientFlowTrainer(mix, teacher, new RungeKutta4Integrator(), new TimeGrid(40, 200))
                .run(a, 0, 200, (step, t, e) -> losses.add(e.loss()));
        assertThat(losses.get(losses.size() - 1)).isLessThan(1e-3 * losses.get(0));
    }

    @Test
    void timeGridHitsTheEndExactly() {
        TimeGrid g = TimeGrid.of(1.0, 0.3);
        assertThat(g.steps()).isEqualTo(3);
        assertThat(g.time(3)).isEqualTo(1.0);
        assertThat(g.nearestStep(0.5)).isEqualTo(2);
    }
}
