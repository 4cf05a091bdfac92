package io.qmoe.mixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qmoe.testing.ClosedFormQubitExpert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.junit.jupiter.api.Test;

/**
 * {@link AdaptiveIntegrator} (qmoe's own Dormand–Prince with chunked norms) against Hipparchus's
 * {@code DormandPrince54Integrator}, the independent implementation whose step control it replicates: with at most one
 * chunk of coordinates the two evaluate the velocity at the same times and states and end on the same bits, rejected
 * steps included; with many chunks only the norms' last bits differ, so they agree to far below the tolerance.
 */
class DormandPrince54Test {
    /** Every velocity evaluation: its time and its state. */
    private record Call(double t, double[] y) {
    }

    private record Outcome(List<Call> calls, double[] end, int acceptedSteps) {
    }

    private static Outcome hipparchus(VelocityField field, double t0, double t1, double[] y0, double tol) {
        List<Call> calls = new ArrayList<>();
        DormandPrince54Integrator integrator = new DormandPrince54Integrator((t1 - t0) * 1e-9, t1 - t0, tol, tol);
        int[] steps = {0};
        integrator.addStepHandler(new ODEStepHandler() {
            @Override
            public void handleStep(ODEStateInterpolator interpolator) {
                steps[0]++;
            }
        });
        ODEStateAndDerivative end = integrator.integrate(new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return y0.length;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                calls.add(new Call(t, y.clone()));
                return field.velocity(t, y);
            }
        }, new ODEState(t0, y0.clone()), t1);
        return new Outcome(calls, end.getPrimaryState(), steps[0]);
    }

    private static Outcome qmoe(VelocityField field, double t0, double t1, double[] y0, double tol) {
        List<Call> calls = new ArrayList<>();
        double[] y = y0.clone();
        new AdaptiveIntegrator(tol).advance((t, state) -> {
            calls.add(new Call(t, state.clone()));
            return field.velocity(t, state);
        }, t0, t1, y);
        return new Outcome(calls, y, -1);
    }

    private static void assertSameRun(Outcome expected, Outcome actual) {
        assertThat(actual.calls()).hasSameSizeAs(expected.calls());
        for (int i = 0; i < expected.calls().size(); i++) {
            assertThat(actual.calls().get(i).t()).as("time of evaluation " + i).isEqualTo(expected.calls().get(i).t());
            assertThat(Arrays.equals(actual.calls().get(i).y(), expected.calls().get(i).y()))
                    .as("state of evaluation " + i).isTrue();
        }
        assertThat(Arrays.equals(actual.end(), expected.end())).as("end state").isTrue();
    }

    /** A nonlinear, time-dependent system with a fast component: the first step guesses are rejected. */
    private static final VelocityField FORCED = (t, y) -> new double[] {
        -40 * (y[0] - StrictMath.sin(5 * t)),
        y[2],
        -y[1] * (1 + y[0] * y[0]),
    };

    @Test
    void aSmallSystemFollowsHipparchusEvaluationByEvaluationRejectionsIncluded() {
        int rejected = 0;
        for (double tol : new double[] {1e-3, 1e-6, 1e-9, 1e-12}) {
            for (double[] span : new double[][] {{0, 1}, {0.3, 0.4}, {2, 7.5}}) {
                double[] y0 = {0.5, 1, -0.25};
                Outcome h = hipparchus(FORCED, span[0], span[1], y0, tol);
                assertSameRun(h, qmoe(FORCED, span[0], span[1], y0, tol));
                // 2 evaluations to start, 6 per attempted step
                assertThat((h.calls().size() - 2) % 6).isZero();
                rejected += (h.calls().size() - 2) / 6 - h.acceptedSteps();
            }
        }
        assertThat(rejected).as("rejected steps over all runs").isPositive();
    }

    @Test
    void aMixtureOfOneChunkFollowsHipparchusToTheBit() {
        // 400 experts of 2 angles: 800 coordinates, one chunk
        MixtureOfExperts mixture = new MixtureOfExperts(ClosedFormQubitExpert.expert(), 400);
        Dataset data = Tasks.sine(12);
        MixtureFlow flow = new MixtureFlow(mixture, data);
        double[] y0 = mixture.initialAngles(8);
        for (double tol : new double[] {1e-5, 1e-10}) {
            assertSameRun(hipparchus(flow, 0.5, 0.75, y0, tol), qmoe(flow, 0.5, 0.75, y0, tol));
        }
    }

    @Test
    void aMixtureOfManyChunksAgreesWithHipparchusFarBelowTheTolerance() {
        // 3000 experts of 2 angles: 6 chunks; the chunked norms differ from a sequential sum in their last bits only
        MixtureOfExperts mixture = new MixtureOfExperts(ClosedFormQubitExpert.expert(), 3000);
        MixtureFlow flow = new MixtureFlow(mixture, Tasks.sine(12));
        double[] y0 = mixture.initialAngles(4);
        double tol = 1e-8;
        double[] expected = hipparchus(flow, 0, 1, y0, tol).end();
        double[] actual = qmoe(flow, 0, 1, y0, tol).end();
        double worst = 0;
        for (int i = 0; i < y0.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).isLessThan(1e-3 * tol);
    }

    @Test
    void aBlowUpStopsWithAOneLineMessageWhereHipparchusStopsToo() {
        // y' = y², y(0) = 1: y = 1/(1 − t) leaves every bound before t = 1
        VelocityField blowUp = (t, y) -> new double[] {y[0] * y[0]};
        assertThatThrownBy(() -> hipparchus(blowUp, 0, 2, new double[] {1}, 1e-8))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> qmoe(blowUp, 0, 2, new double[] {1}, 1e-8))
                .isInstanceOfSatisfying(io.qmoe.InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo("tolerance"))
                .hasMessageContaining("adaptive integrator")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aToleranceWhoseErrorScaleOverflowsIsRefusedBeforeAnyStep() {
        // (y/tol)² = (0.5/1e-300)² overflows: Hipparchus would take a NaN first step
        List<Double> times = new ArrayList<>();
        VelocityField field = (t, y) -> {
            times.add(t);
            return FORCED.velocity(t, y);
        };
        assertThatThrownBy(() -> qmoe(field, 0, 1, new double[] {0.5, 1, -0.25}, 1e-300))
                .isInstanceOf(io.qmoe.InvalidSettingException.class)
                .hasMessageContaining("tolerance")
                .hasMessageContaining("overflows");
        // only the start's evaluation ran: no state with a NaN step was evaluated
        assertThat(times).containsExactly(0.0);
    }
}
