package io.qmoe.backend.statevector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.testing.DenseReference;
import io.qmoe.testing.RandomCircuits;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CompiledCircuitSegmentsTest {
    @Test
    void runningAGateRangeAtATimeGivesTheDenseReferenceState() {
        SplittableRandom rnd = new SplittableRandom(51);
        for (int trial = 0; trial < 20; trial++) {
            int n = 1 + rnd.nextInt(4);
            ParametricCircuit c = RandomCircuits.circuit(rnd, n, 14, false);
            double[] in = RandomCircuits.inputs(rnd, c);
            CompiledCircuit compiled = new CompiledCircuit(c);
            double[] re = new double[1 << n];
            double[] im = new double[1 << n];
            re[0] = 1;
            // gates in ranges of random length, the state carried over between calls
            for (int from = 0; from < c.gates().size(); ) {
                int to = Math.min(c.gates().size(), from + rnd.nextInt(4));
                compiled.apply(in, re, im, from, to);
                from = to;
            }
            double[][] ref = DenseReference.state(c, in);
            double[] whole = new double[1 << n];
            double[] wholeIm = new double[1 << n];
            compiled.run(in, whole, wholeIm);
            // gate by gate in one go (no fusion) is what the ranges do: the same bits
            double[] unfused = new double[1 << n];
            double[] unfusedIm = new double[1 << n];
            CompiledCircuit.Workspace w = compiled.newWorkspace();
            System.arraycopy(in, 0, w.inputs, 0, in.length);
            w.bind();
            compiled.runUnfused(unfused, unfusedIm, w);
            for (int i = 0; i < re.length; i++) {
                assertThat(re[i]).as("trial " + trial).isCloseTo(ref[0][i], within(1e-12));
                assertThat(im[i]).as("trial " + trial).isCloseTo(ref[1][i], within(1e-12));
                assertThat(re[i]).isEqualTo(unfused[i]);
                assertThat(im[i]).isEqualTo(unfusedIm[i]);
                // the fused forward plan agrees to rounding
                assertThat(re[i]).isCloseTo(whole[i], within(1e-14));
                assertThat(im[i]).isCloseTo(wholeIm[i], within(1e-14));
            }
        }
    }
}
