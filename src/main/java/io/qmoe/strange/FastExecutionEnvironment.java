package io.qmoe.strange;

import io.qmoe.backend.CompiledCircuit;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.QuantumExecutionEnvironment;
import org.redfx.strange.Result;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;
import java.util.function.Consumer;

/**
 * A Strange {@link QuantumExecutionEnvironment} backed by qmoe's double-precision state-vector engine: existing Strange
 * programs run unchanged, with {@link ParametricGate}s at their bound values. The program is translated by
 * {@link FromStrange} in its faithful mode (global phases, {@code initializeQubit} states and Strange 0.1.3's
 * RotationZ kept exactly), run on {@link CompiledCircuit}, and the amplitudes are returned as Strange's {@link Result}:
 * {@code getProbability()} holds the final amplitudes in Strange's layout (qubit q is bit q of the index), rounded to
 * float; the qubits' probabilities and measured values come from {@code Result.measureSystem}, exactly as
 * {@link SimpleQuantumExecutionEnvironment} sets them (one basis state drawn from the final probabilities, bit q to
 * qubit q); and the result is stored with {@code Program.setResult}.
 *
 * <p>Differences from Strange's own environment, all deliberate:
 * <ul>
 *   <li>Amplitudes are computed in double precision and rounded once, so they differ from Strange's float
 *   arithmetic by about 1e-6.</li>
 *   <li>Toffoli is the true controlled-controlled-X for every qubit order (Strange 0.1.3's is wrong for some).</li>
 *   <li>Only the final state is recorded: {@code getIntermediateProbability(k)} is the final state for the last step
 *   and null before it. A program without steps returns |0…0⟩ instead of failing.</li>
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

    /** The environment that falls back to Strange's own for programs it cannot translate. */
    public FastExecutionEnvironment() {
        this(true);
    }

    private FastExecutionEnvironment(boolean fallBack) {
        this.fallBack = fallBack;
    }

    /** The environment that refuses untranslatable programs with an {@link UnsupportedGateException}. */
    public static FastExecutionEnvironment strict() {
        return new FastExecutionEnvironment(false);
    }

    /** Whether this environment hands untranslatable programs to {@link SimpleQuantumExecutionEnvironment}. */
    public boolean fallsBack() {
        return fallBack;
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
        int n = p.getNumberQubits();
        int dim = 1 << n;
        double[] re = new double[dim];
        double[] im = new double[dim];
        new CompiledCircuit(t.circuit()).run(t.inputs(), re, im);
        Complex[] amplitudes = new Complex[dim];
        for (int i = 0; i < dim; i++) {
            amplitudes[i] = new Complex(re[i], im[i]);
        }
        int steps = Math.max(1, p.getSteps().size());
        Result result = new Result(n, steps);
        result.setIntermediateProbability(steps - 1, amplitudes);
        measure(result);
        p.setResult(result);
        return result;
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
