package io.qmoe.strange;

import io.qmoe.backend.ParallelBatch;
import io.qmoe.backend.StateSimulator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import org.redfx.strange.Complex;
import org.redfx.strange.Program;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/**
 * The Strange-backed {@link io.qmoe.backend.Estimator}: for each binding it builds a fresh {@link Program}
 * ({@link StrangePrograms}), runs it with Strange's {@link SimpleQuantumExecutionEnvironment}, and computes ⟨O⟩ from
 * the returned amplitudes (X and Y terms included). Strange keeps amplitudes in single precision, so values agree with
 * the double-precision engine to about 1e-6; it is also ~200× slower, the reference and interop target rather than the
 * engine for large runs. Bindings run in parallel, each worker with its own execution environment and programs.
 */
public final class StrangeEstimator implements StateSimulator {
    private final ParallelBatch parallel;

    /** Uses all processors. */
    public StrangeEstimator() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** Uses {@code threads} workers. */
    public StrangeEstimator(int threads) {
        this.parallel = new ParallelBatch(threads);
    }

    @Override
    public String name() {
        return "strange";
    }

    /** Runs every binding through Strange, each worker with its own environment and programs. */
    @Override
    public void forEachFinalState(ParametricCircuit circuit, double[][] bindings, StateConsumer consumer) {
        if (circuit.qubitCount() > 14) {
            throw new IllegalArgumentException("the Strange backend is limited here to 14 qubits (it builds dense "
                    + "matrices); the circuit has " + circuit.qubitCount());
        }
        int dim = 1 << circuit.qubitCount();
        parallel.run(bindings.length, 1_000_000L, (from, to) -> {
            SimpleQuantumExecutionEnvironment env = new SimpleQuantumExecutionEnvironment();
            double[] re = new double[dim];
            double[] im = new double[dim];
            for (int r = from; r < to; r++) {
                amplitudes(env, StrangePrograms.toProgram(circuit, bindings[r]), re, im);
                consumer.accept(r, re, im);
            }
        });
    }

    /** Runs of a program retried when Strange's random measurement runs past the amplitude array. */
    private static final int ATTEMPTS = 8;

    /**
     * The final amplitudes of a Strange program, widened to double. Strange 0.1.3 always draws a random measurement
     * after running ({@code Result.measureSystem}, unseeded); when the float-rounded norm of the state is below the
     * drawn number it walks past the end of the amplitude array. The amplitudes do not depend on that draw, so the
     * run is repeated.
     */
    static void amplitudes(SimpleQuantumExecutionEnvironment env, Program program, double[] re, double[] im) {
        Complex[] a = null;
        for (int attempt = 0; a == null; attempt++) {
            try {
                a = env.runProgram(program).getProbability();
            } catch (ArrayIndexOutOfBoundsException e) {
                boolean inMeasurement = java.util.Arrays.stream(e.getStackTrace())
                        .anyMatch(f -> f.getMethodName().equals("measureSystem"));
                if (!inMeasurement || attempt + 1 >= ATTEMPTS) {
                    throw new IllegalStateException("Strange failed to run the program: " + e, e);
                }
            }
        }
        for (int i = 0; i < re.length; i++) {
            re[i] = a[i].r;
            im[i] = a[i].i;
        }
    }

    /** The final state {re, im} Strange computes for one binding (single precision widened to double). */
    public static double[][] state(ParametricCircuit circuit, double[] inputs) {
        int dim = 1 << circuit.qubitCount();
        double[] re = new double[dim];
        double[] im = new double[dim];
        amplitudes(new SimpleQuantumExecutionEnvironment(), StrangePrograms.toProgram(circuit, inputs), re, im);
        return new double[][] {re, im};
    }
}
