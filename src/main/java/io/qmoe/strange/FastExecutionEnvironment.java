package io.qmoe.strange;

import io.qmoe.backend.statevector.CompiledCircuit;
import java.util.List;
import java.util.function.Consumer;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.QuantumExecutionEnvironment;
import org.redfx.strange.Result;
import org.redfx.strange.Step;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/**
 * A Strange {@link QuantumExecutionEnvironment} backed by qmoe's double-precision state-vector engine: existing Strange
 * programs run unchanged, with {@link ParametricGate}s at their bound values. The program is translated by
 * {@link FromStrange} in its faithful mode (global phases, {@code initializeQubit} states and Strange 0.1.3's
 * RotationZ kept exactly), run on {@link CompiledCircuit}, and the amplitudes are returned as Strange's {@link Result}:
 * {@code getProbability()} holds the final amplitudes in Strange's layout (qubit q is bit q of the index), rounded to
 * float, and like Strange's environment it records the state after every step with gates
 * ({@code getIntermediateProbability(k)}, {@code getIntermediateQubits()}; {@link #finalStateOnly()} skips that); the
 * qubits' probabilities and measured values come from {@code Result.measureSystem}, exactly as
 * {@link SimpleQuantumExecutionEnvironment} sets them (one basis state drawn from the final probabilities, bit q to
 * qubit q); and the result is stored with {@code Program.setResult}.
 *
 * <p>Differences from Strange's own environment, all deliberate:
 * <ul>
 *   <li>Amplitudes are computed in double precision and rounded once, so they differ from Strange's float
 *   arithmetic by about 1e-6.</li>
 *   <li>Toffoli is the true controlled-controlled-X for every qubit order (Strange 0.1.3's is wrong for some).</li>
 *   <li>A program without steps returns |0…0⟩ instead of failing.</li>
 * </ul>
 *
 * <p>Gates without a qmoe form (oracles, arithmetic, blocks, Fourier, probability gates): the default environment
 * runs such a program on {@link SimpleQuantumExecutionEnvironment} (so every program still runs, at Strange's speed);
 * {@link #strict()} refuses it with an {@link UnsupportedGateException} naming the step and the gate class. Stateless
 * and thread-safe; a {@link Program} itself is not (Strange caches results in it).
 */
public final class FastExecutionEnvironment implements QuantumExecutionEnvironment {
    /** Runs of {@code measureSystem} retried when Strange's draw runs past the float-rounded total probability. */
    private static final int ATTEMPTS = 8;

    private final boolean fallBack;
    private final boolean everyStep;

    /**
     * The drop-in environment: records the state after every step, as Strange does, and falls back to Strange's own
     * environment for programs it cannot translate.
     */
    public FastExecutionEnvironment() {
        this(true, true);
    }

    private FastExecutionEnvironment(boolean fallBack, boolean everyStep) {
        this.fallBack = fallBack;
        this.everyStep = everyStep;
    }

    /** The same environment, refusing untranslatable programs with an {@link UnsupportedGateException}. */
    public FastExecutionEnvironment strict() {
        return new FastExecutionEnvironment(false, everyStep);
    }

    /**
     * The same environment, recording only the final state: {@code getIntermediateProbability(k)} is then null for
     * every step but the last, and a run costs one state-vector pass and one conversion to Strange's floats.
     */
    public FastExecutionEnvironment finalStateOnly() {
        return new FastExecutionEnvironment(fallBack, false);
    }

    /** Whether this environment hands untranslatable programs to {@link SimpleQuantumExecutionEnvironment}. */
    public boolean fallsBack() {
        return fallBack;
    }

    /** Whether this environment records the state after every step (otherwise only the final state). */
    public boolean recordsEveryStep() {
        return everyStep;
    }

    /**
     * Runs the program. Throws {@link IllegalStateException} when a parametric gate is not bound and
     * {@link IllegalArgumentException} for programs Strange cannot run either (a qubit out of range).
     */
    @Override
    public Result runProgram(Program p) {
        FromStrange.Translation t;
        try {
            t = FromStrange.faithful(p);
        } catch (UnsupportedGateException e) {
            if (!fallBack) {
                throw e;
            }
            return new SimpleQuantumExecutionEnvironment().runProgram(p);
        }
        int dim = 1 << p.getNumberQubits();
        double[] re = new double[dim];
        double[] im = new double[dim];
        CompiledCircuit compiled = new CompiledCircuit(t.circuit());
        List<Step> steps = p.getSteps();
        Result result = new Result(p.getNumberQubits(), Math.max(1, steps.size()));
        if (everyStep) {
            re[0] = 1;
            compiled.apply(t.inputs(), re, im, 0, t.prefix());
            result.setIntermediateProbability(0, toStrange(re, im));
            int from = t.prefix();
            for (int s = 0; s < steps.size(); s++) {
                if (!steps.get(s).getGates().isEmpty()) {
                    // Strange records a step with gates, even if they leave the state alone
                    compiled.apply(t.inputs(), re, im, from, t.stepEnds()[s]);
                    from = t.stepEnds()[s];
                    result.setIntermediateProbability(s, toStrange(re, im));
                }
            }
        } else {
            compiled.run(t.inputs(), re, im);
            result.setIntermediateProbability(Math.max(1, steps.size()) - 1, toStrange(re, im));
        }
        measure(result);
        p.setResult(result);
        return result;
    }

    private static Complex[] toStrange(double[] re, double[] im) {
        Complex[] out = new Complex[re.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = new Complex(re[i], im[i]);
        }
        return out;
    }

    /**
     * Strange's {@code Result.measureSystem}: when the float-rounded total probability is below its unseeded draw it
     * walks past the amplitude array, so the draw is repeated (it does not change the state).
     */
    private static void measure(Result result) {
        for (int attempt = 1; ; attempt++) {
            try {
                result.measureSystem();
                return;
            } catch (ArrayIndexOutOfBoundsException e) {
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException("Strange's measureSystem failed " + ATTEMPTS + " times", e);
                }
            }
        }
    }

    /** Runs the program on a new thread and hands the result to {@code result}, as Strange's environment does. */
    @Override
    public void runProgram(Program p, Consumer<Result> result) {
        Thread t = new Thread(() -> result.accept(runProgram(p)));
        t.start();
    }
}
