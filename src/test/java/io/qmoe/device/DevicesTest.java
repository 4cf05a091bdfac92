package io.qmoe.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qmoe.backend.Estimates;
import io.qmoe.backend.Estimator;
import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.AdjointGradient;
import io.qmoe.gradient.GradientMethod;
import io.qmoe.gradient.ParameterShiftGradient;
import io.qmoe.mixture.Expert;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The library's backend factory and the capabilities backends declare instead of being recognised by type. */
class DevicesTest {
    private static final ParametricCircuit RY = ParametricCircuit.builder(1).trainable("t").ry(0, "t").build();

    @Test
    void specificationsOpenTheBackendsTheyName() {
        Devices.Settings s = Devices.Settings.local(1, 7);
        try (Estimator sv = Devices.open("statevector", s);
             Estimator strange = Devices.open(" Strange ", s);
             Estimator shots = Devices.open("shots:100:strange", s)) {
            assertThat(sv.name()).isEqualTo("statevector");
            assertThat(strange.name()).isEqualTo("strange");
            assertThat(shots.name()).isEqualTo("shots:100:strange");
            assertThat(sv.differentiation()).isPresent();
            assertThat(strange.differentiation()).isEmpty();
            assertThat(shots.exact()).isFalse();
            assertThat(shots.concurrentCalls()).isFalse();
        }
    }

    @Test
    void malformedSpecificationsAreRefusedByName() {
        Devices.Settings s = Devices.Settings.local(1, 7);
        assertThatThrownBy(() -> Devices.open("qpu", s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'qpu' is not known");
        assertThatThrownBy(() -> Devices.open("shots:x", s)).hasMessageContaining("'x' is not a whole number");
        assertThatThrownBy(() -> Devices.open("shots:0", s)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Devices.open("shots:5:shots:5", s)).hasMessageContaining("nested");
        assertThatThrownBy(() -> new Devices.Settings(0, 1, null, java.util.Map.of()))
                .hasMessageContaining("threads");
    }

    @Test
    void adjointIsRefusedInTheLibraryOnABackendThatCannotReadItsState() {
        try (Estimator shots = Devices.open("shots:10", Devices.Settings.local(1, 1))) {
            assertThatThrownBy(() -> new AdjointGradient(shots)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exact state").hasMessageContaining("shots:10:statevector");
            assertThat(GradientMethod.named(null, shots).name()).isEqualTo("parameter-shift");
        }
    }

    @Test
    void anExpertRefusesGradientsFromAnotherBackend() {
        try (StateVectorEstimator a = new StateVectorEstimator(1); StateVectorEstimator b = new StateVectorEstimator(1)) {
            assertThatThrownBy(() -> new Expert(RY, PauliObservable.z(0), a, new ParameterShiftGradient(b)))
                    .hasMessageContaining("same backend");
            assertThat(Expert.on(RY, PauliObservable.z(0), a).gradientMethod().name()).isEqualTo("adjoint");
        }
    }

    @Test
    void closingEstimatorsLeavesNoWorkerThreads() {
        long before = workerThreads();
        double[][] batch = new double[4096][];
        for (int r = 0; r < batch.length; r++) {
            batch[r] = new double[] {r * 1e-3};
        }
        for (int i = 0; i < 50; i++) {
            try (Estimator e = Devices.open(i % 2 == 0 ? "statevector" : "strange", Devices.Settings.local(2, 1))) {
                e.values(RY, PauliObservable.z(0), i % 2 == 0 ? batch : new double[][] {{0.1}, {0.2}, {0.3}});
            }
        }
        // shutdownNow interrupts idle workers at once; give them a moment to leave run()
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (workerThreads() > before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(workerThreads()).isLessThanOrEqualTo(before);
    }

    @Test
    void severalObservablesInOneCallEqualOneCallEach() {
        ParametricCircuit c = ParametricCircuit.builder(2).trainable("a", "b").ry(0, "a").cx(0, 1).rx(1, "b").build();
        PauliObservable[] obs = {PauliObservable.z(0), PauliObservable.parse("0.5*X0*Y1 - Z1"),
            PauliObservable.parse("Y0")};
        double[][] batch = {{0.3, -1.2}, {2.0, 0.7}, {-0.4, 3.1}};
        try (StateVectorEstimator sv = new StateVectorEstimator(1)) {
            Estimates[] all = sv.estimateAll(c, obs, batch);
            for (int j = 0; j < obs.length; j++) {
                assertThat(all[j].values()).containsExactly(sv.values(c, obs[j], batch));
            }
        }
    }

    @Test
    void perCallPrecisionBoundsTheShotNoise() {
        // ⟨Z⟩ after RY(t) is cos t; one group with bound 1 needs ⌈1/precision²⌉ shots, whose standard error is at most
        // sqrt(1 - cos² t)/sqrt(shots) <= precision
        try (Estimator shots = Devices.open("shots:1", Devices.Settings.local(1, 3));
             StateVectorEstimator sv = new StateVectorEstimator(1)) {
            double[][] batch = {{0.4}, {1.3}, {2.2}};
            Estimates e = shots.estimate(RY, PauliObservable.z(0), batch, 0.01);
            for (int r = 0; r < batch.length; r++) {
                assertThat(e.standardErrors()[r]).isLessThanOrEqualTo(0.01 * 1.02);
                assertThat(Math.abs(e.values()[r] - Math.cos(batch[r][0]))).isLessThan(5 * 0.01);
            }
            assertThat(sv.estimate(RY, PauliObservable.z(0), batch, 0.01).values())
                    .containsExactly(sv.values(RY, PauliObservable.z(0), batch));
            assertThatThrownBy(() -> shots.estimate(RY, PauliObservable.z(0), batch, 0))
                    .hasMessageContaining("precision");
        }
    }

    private static long workerThreads() {
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        return threads.stream().filter(t -> t.getName().startsWith("qmoe-worker") && t.isAlive()).count();
    }
}
