package io.qmoe.backend.statevector;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.circuit.Ansatz;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounded program cache: hits by identity and by equality, one entry per (key, int), oldest entries replaced. */
class ProgramCacheTest {

    @Test
    void equalCircuitsShareOneCompiledProgramPerLaneCount() {
        StateVectorEstimator sv = new StateVectorEstimator(1);
        ParametricCircuit a = Ansatz.hardwareEfficient(3, 2, 1);
        ParametricCircuit b = Ansatz.hardwareEfficient(3, 2, 1);
        assertThat(b).isNotSameAs(a).isEqualTo(a);
        assertThat(sv.laneProgram(b, 500)).isSameAs(sv.laneProgram(a, 500));
        assertThat(sv.laneProgram(a, 5)).isNotSameAs(sv.laneProgram(a, 500));
        assertThat(sv.compiled(b)).isSameAs(sv.compiled(a));
        PauliObservable o = PauliObservable.parse("Z0 + 0.5*X1");
        assertThat(sv.laneObservable(PauliObservable.parse("Z0 + 0.5*X1"), 8)).isSameAs(sv.laneObservable(o, 8));
    }

    @Test
    void holdsSixteenEntriesAndCompilesOnlyOnAMiss() {
        ProgramCache<String> cache = new ProgramCache<>();
        AtomicInteger compilations = new AtomicInteger();
        for (int round = 0; round < 2; round++) {
            for (int k = 0; k < 16; k++) {
                int key = k;
                assertThat(cache.get("c" + k, 1, () -> {
                    compilations.incrementAndGet();
                    return "program " + key;
                })).isEqualTo("program " + k);
            }
        }
        assertThat(compilations).hasValue(16);
        // a 17th key replaces the oldest entry, which is then compiled again
        cache.get("c16", 1, () -> "program 16");
        cache.get("c0", 1, () -> {
            compilations.incrementAndGet();
            return "program 0";
        });
        assertThat(compilations).hasValue(17);
    }
}
