package io.qmoe.bench;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.Ansatz;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.AdjointGradient;
import io.qmoe.gradient.ParameterShiftGradient;
import io.qmoe.meanfield.TorusPoints;
import io.qmoe.meanfield.Wasserstein;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.Tasks;
import io.qmoe.qasm.BundledCircuits;
import io.qmoe.qasm.LoadedCircuit;
import io.qmoe.strange.StrangeEstimator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The measurements behind docs/BENCHMARKS.md, printed as Markdown tables: the state-vector engine against Strange in
 * the same run, ns per amplitude per gate, the fixed cost per circuit, adjoint against parameter-shift gradients, one
 * velocity-field evaluation of a 1000-expert mixture, exact W_2 at 5000 points, and the one-binding kernels against a
 * plain C loop of the same gates. {@code quick} shrinks every size
 * so the whole run takes seconds (a smoke test, not figures to quote).
 */
public final class Benchmarks {
    private final PrintWriter out;
    private final boolean quick;
    private final int threads;

    /** Prints to {@code out}; {@code threads} for the multi-threaded rows. */
    public Benchmarks(PrintWriter out, boolean quick, int threads) {
        this.out = out;
        this.quick = quick;
        this.threads = threads;
    }

    private static double[][] bindings(ParametricCircuit c, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] b = new double[n][c.inputCount()];
        for (double[] row : b) {
            for (int i = 0; i < row.length; i++) {
                row[i] = rnd.nextDouble() * 2 * Math.PI;
            }
        }
        return b;
    }

    private void printf(String format, Object... args) {
        out.printf(Locale.ROOT, format, args);
        out.flush();
    }

    /** Engine against Strange, per circuit, single thread each, same run. */
    public void engineVersusStrange() {
        printf("%n### Time per circuit evaluation: fast engine vs Strange (1 thread each, same run)%n%n");
        printf("| circuit | qubits | gates | engine µs | Strange µs | Strange / engine |%n");
        printf("| --- | ---: | ---: | ---: | ---: | ---: |%n");
        StateVectorEstimator sv = new StateVectorEstimator(1);
        StrangeEstimator strange = new StrangeEstimator(1);
        for (String file : new String[] {"reupload-1q.qasm", "hea-2q.qasm", "hea-4q.qasm"}) {
            LoadedCircuit lc = BundledCircuits.load(file);
            row(file, lc.circuit(), lc.observable(), sv, strange);
        }
        int maxQubits = quick ? 6 : 12;
        for (int n = 2; n <= maxQubits; n += 2) {
            ParametricCircuit c = Ansatz.hardwareEfficient(n, 3, 0);
            row("hardware-efficient, 3 layers", c, PauliObservable.z(0), sv, strange);
        }
    }

    private void row(String name, ParametricCircuit c, PauliObservable o, StateVectorEstimator sv,
                     StrangeEstimator strange) {
        int batch = quick ? 200 : 2000;
        double[][] b = bindings(c, batch, 1);
        double engine = Stopwatch.median(() -> sv.values(c, o, b), 3, 5, quick ? 0.2 : 1.0) / batch;
        int sb = Math.max(2, (int) Math.min(200, 0.3 / Math.max(1e-6, 4e-6 * (1 << c.qubitCount())
                * c.gates().size())));
        double[][] s = bindings(c, quick ? 2 : sb, 2);
        double st = Stopwatch.median(() -> strange.values(c, o, s), 1, 3, quick ? 0.2 : 2.0) / s.length;
        printf("| %s | %d | %d | %.3f | %.1f | %.0f |%n", name, c.qubitCount(), c.gates().size(), engine * 1e6,
                st * 1e6, st / engine);
    }

    /** ns per amplitude per gate and the fixed per-circuit cost. */
    public void throughput() {
        printf("%n### Engine throughput (1 thread)%n%n| qubits | gates | µs per circuit | ns per amplitude per gate |%n");
        printf("| ---: | ---: | ---: | ---: |%n");
        StateVectorEstimator sv = new StateVectorEstimator(1);
        int[] sizes = quick ? new int[] {10} : new int[] {10, 12, 14, 16};
        for (int n : sizes) {
            ParametricCircuit c = Ansatz.hardwareEfficient(n, 2, 0);
            int batch = Math.max(2, (quick ? 1 << 13 : 1 << 18) >> n);
            double[][] b = bindings(c, batch, 3);
            double t = Stopwatch.median(() -> sv.values(c, PauliObservable.z(0), b), 2, 5, quick ? 0.2 : 1.0) / batch;
            // the gates plus one pass for the observable
            printf("| %d | %d | %.1f | %.3f |%n", n, c.gates().size(), t * 1e6,
                    t * 1e9 / ((double) (1 << n) * (c.gates().size() + 1)));
        }
        ParametricCircuit tiny = ParametricCircuit.builder(4).trainable("t").ry(0, "t").build();
        int batch = quick ? 10_000 : 200_000;
        double[][] b = bindings(tiny, batch, 4);
        double t = Stopwatch.median(() -> sv.values(tiny, PauliObservable.z(0), b), 3, 5, quick ? 0.2 : 1.0) / batch;
        printf("%nFixed cost per circuit in a batch (4 qubits, one gate, ⟨Z0⟩): %.3f µs%n", t * 1e6);
    }

    /**
     * The one-binding kernels against a plain C loop of the same gate sequence (src/bench/c/statevector.c, compiled
     * here with {@code cc -O3 -march=native} into a temporary directory when a compiler is on the PATH), in the same
     * run: ns per amplitude per gate of the hardware-efficient ansatz (2 layers) from |0…0⟩, one thread each; then one
     * register split over all the workers.
     */
    public void kernels() {
        printf("%n### Kernels against a plain C loop (hardware-efficient ansatz, 2 layers, one binding)%n%n");
        Path c = Path.of("src", "bench", "c", "statevector.c");
        Path binary = compileC(c);
        printf("Java kernels: %s.%n%n", StateVectorEstimator.kernelPath());
        printf("| qubits | gates | Java ns/amp/gate (1 thread) | C ns/amp/gate (-O3 -march=native) | Java / C "
                + "| Java, %d threads on one register | speed-up |%n| ---: | ---: | ---: | ---: | ---: | ---: | ---: |%n",
                threads);
        StateVectorEstimator one = new StateVectorEstimator(1);
        StateVectorEstimator all = new StateVectorEstimator(threads);
        int[] sizes = quick ? new int[] {12, 16} : new int[] {12, 14, 16, 18, 20};
        double budget = quick ? 0.2 : 1.0;
        for (int n : sizes) {
            ParametricCircuit circuit = Ansatz.hardwareEfficient(n, 2, 0);
            double[][] b = bindings(circuit, 1, 5);
            double amplitudeGates = (double) (1 << n) * circuit.gates().size();
            double java = Stopwatch.median(() -> one.forEachFinalState(circuit, b, (r, re, im) -> { }), 2, 5, budget)
                    * 1e9 / amplitudeGates;
            double split = Stopwatch.median(() -> all.forEachFinalState(circuit, b, (r, re, im) -> { }), 2, 5,
                    budget) * 1e9 / amplitudeGates;
            double cLoop = binary == null ? Double.NaN : runC(binary, n, budget);
            printf("| %d | %d | %.3f | %s | %s | %.3f | %.2f× |%n", n, circuit.gates().size(), java,
                    Double.isNaN(cLoop) ? "–" : String.format(Locale.ROOT, "%.3f", cLoop),
                    Double.isNaN(cLoop) ? "–" : String.format(Locale.ROOT, "%.2f", java / cLoop), split, java / split);
        }
        one.close();
        all.close();
    }

    /** Compiles the C benchmark into a temporary directory, or prints why not and returns null. */
    private Path compileC(Path source) {
        if (!Files.exists(source)) {
            printf("(no C comparison: %s not found; run from the repository root)%n%n", source);
            return null;
        }
        try {
            Path dir = Files.createTempDirectory("qmoe-bench");
            Path binary = dir.resolve("statevector");
            Process p = new ProcessBuilder("cc", "-O3", "-march=native", source.toString(), "-o", binary.toString(),
                    "-lm").redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                printf("(no C comparison: cc failed: %s)%n%n", log.strip().lines().findFirst().orElse(""));
                return null;
            }
            binary.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return binary;
        } catch (java.io.IOException e) {
            printf("(no C comparison: no C compiler 'cc' on the PATH)%n%n");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** ns per amplitude per gate of the C loop at n qubits (its own median over about {@code seconds}). */
    private static double runC(Path binary, int n, double seconds) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "2", Double.toString(seconds), Integer.toString(n))
                    .redirectErrorStream(true).start();
            String line = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .strip();
            return p.waitFor() == 0 ? Double.parseDouble(line.split(" ")[2]) : Double.NaN;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** Gradient time per expert: adjoint against parameter-shift, as multiples of one forward pass. */
    public void gradients() {
        printf("%n### Gradient per expert, 1 thread (4-qubit hardware-efficient circuits; d = 8 × layers)%n%n");
        printf("| d | forward µs | adjoint µs | adjoint / forward | parameter-shift µs | shift / forward |%n");
        printf("| ---: | ---: | ---: | ---: | ---: | ---: |%n");
        StateVectorEstimator sv = new StateVectorEstimator(1);
        AdjointGradient adjoint = new AdjointGradient(sv);
        ParameterShiftGradient shift = new ParameterShiftGradient(sv);
        int[][] shapes = quick ? new int[][] {{2, 1}, {4, 1}} : new int[][] {{2, 1}, {4, 1}, {4, 2}, {4, 4}, {4, 8},
            {4, 16}};
        for (int[] shape : shapes) {
            ParametricCircuit c = Ansatz.hardwareEfficient(shape[0], shape[1], 1);
            int batch = quick ? 50 : 500;
            double[][] b = bindings(c, batch, 5);
            PauliObservable z = PauliObservable.z(0);
            double budget = quick ? 0.1 : 0.5;
            double fwd = Stopwatch.median(() -> sv.values(c, z, b), 2, 5, budget) / batch;
            double adj = Stopwatch.median(() -> adjoint.evaluate(c, z, b), 2, 5, budget) / batch;
            double ps = Stopwatch.median(() -> shift.evaluate(c, z, b), 1, 3, budget) / batch;
            printf("| %d | %.2f | %.2f | %.1f | %.1f | %.1f |%n", c.trainableCount(), fwd * 1e6, adj * 1e6,
                    adj / fwd, ps * 1e6, ps / fwd);
        }
    }

    /** One velocity-field evaluation: N = 1000, M = 50, the 4-qubit 16-angle expert; Strange extrapolated. */
    public void velocityField() {
        LoadedCircuit lc = BundledCircuits.load("hea-4q");
        int n = quick ? 100 : 1000;
        int m = quick ? 10 : 50;
        Expert fast = Expert.on(lc.circuit(), lc.observable(), new StateVectorEstimator(threads));
        Dataset data = Tasks.teacher(fast, m, 0);
        MixtureOfExperts mix = new MixtureOfExperts(fast, n);
        double[] angles = mix.initialAngles(1);
        double t = Stopwatch.median(() -> mix.evaluateWithVelocity(angles, data), 2, 5, quick ? 0.2 : 2.0);
        printf("%n### Velocity field, N = %d experts, M = %d points, %s (%d angles)%n%n", n, m, "circuits/hea-4q.qasm",
                lc.circuit().trainableCount());
        printf("| method | experts timed | seconds | per full evaluation |%n| --- | ---: | ---: | ---: |%n");
        printf("| state vector + adjoint, %d threads | %d | %.4f | %.4f s |%n", threads, n, t, t);
        StrangeEstimator strange = new StrangeEstimator(threads);
        Expert slow = new Expert(lc.circuit(), lc.observable(), strange, new ParameterShiftGradient(strange));
        // a few experts, warmed like the engine (Strange gets faster once compiled), timed as a median of 3
        int small = quick ? 1 : 4;
        MixtureOfExperts few = new MixtureOfExperts(slow, small);
        double[] a2 = few.initialAngles(1);
        double ts = Stopwatch.median(() -> few.evaluateWithVelocity(a2, data), 1, 3, 0);
        double full = ts * n / small;
        printf("| Strange + parameter-shift, %d threads | %d | %.2f | %.0f s (extrapolated, %.0f× slower) |%n",
                threads, small, ts, full, full / t);
    }

    /**
     * One RK4 step (four velocity evaluations) of a mixture of the 1-qubit re-uploading expert (circuits/reupload-1q.qasm)
     * on the built-in teacher task of {@link Tasks#DEFAULT_POINTS} points, as {@code qmoe train} runs it, at N = 10^4,
     * 10^5 and 10^6, on 1 thread and on all of them, with the velocities compared bit for bit between the two.
     */
    public void mixtureStep() {
        LoadedCircuit lc = BundledCircuits.load("reupload-1q");
        printf("%n### 1-qubit mixture, one RK4 step (%s, M = %d teacher points)%n%n", "circuits/reupload-1q.qasm",
                Tasks.DEFAULT_POINTS);
        printf("| N | s per step, 1 thread | s per step, %d threads | speed-up | ns per expert per step (%d threads) "
                + "| same bits |%n| ---: | ---: | ---: | ---: | ---: | --- |%n", threads, threads);
        int[] sizes = quick ? new int[] {10_000} : new int[] {10_000, 100_000, 1_000_000};
        StateVectorEstimator one = new StateVectorEstimator(1);
        StateVectorEstimator all = new StateVectorEstimator(threads);
        for (int n : sizes) {
            double[] times = new double[2];
            double[][] after = new double[2][];
            StateVectorEstimator[] engines = {one, all};
            for (int e = 0; e < 2; e++) {
                Expert expert = Expert.on(lc.circuit(), lc.observable(), engines[e]);
                Dataset data = Tasks.teacher(expert, Tasks.DEFAULT_POINTS, 0);
                MixtureOfExperts mix = new MixtureOfExperts(expert, n);
                io.qmoe.mixture.MixtureFlow flow = new io.qmoe.mixture.MixtureFlow(mix, data);
                io.qmoe.mixture.RungeKutta4Integrator rk4 = new io.qmoe.mixture.RungeKutta4Integrator();
                double[] start = mix.initialAngles(1);
                double[] angles = start.clone();
                rk4.advance(flow, 0, 0.1, angles);
                after[e] = angles;
                double budget = quick ? 0.2 : n >= 1_000_000 ? 4.0 : 1.5;
                times[e] = Stopwatch.median(() -> rk4.advance(flow, 0, 0.1, start.clone()), 1, 3, budget);
            }
            printf("| %d | %.4f | %.4f | %.2f× | %.0f | %s |%n", n, times[0], times[1], times[0] / times[1],
                    times[1] * 1e9 / n, java.util.Arrays.equals(after[0], after[1]) ? "yes" : "NO");
        }
        one.close();
        all.close();
    }

    /**
     * One {@code estimate} call of 20 bindings on a 4-qubit circuit (circuits/hea-4q.qasm), µs per row, 1 thread: the
     * per-call cost (cached compiled programs, binding, checks) over a small batch, as a library user pays it.
     */
    public void estimateCall() {
        printf("%n### One estimate call of 20 rows (1 thread)%n%n| circuit | qubits | gates | rows per call | µs per call "
                + "| µs per row |%n| --- | ---: | ---: | ---: | ---: | ---: |%n");
        StateVectorEstimator sv = new StateVectorEstimator(1);
        for (String file : new String[] {"hea-4q.qasm"}) {
            LoadedCircuit lc = BundledCircuits.load(file);
            double[][] b = bindings(lc.circuit(), 20, 7);
            // many calls per timing so the clock's resolution does not matter
            int calls = 1000;
            double t = Stopwatch.median(() -> {
                for (int i = 0; i < calls; i++) {
                    sv.estimate(lc.circuit(), lc.observable(), b);
                }
            }, 3, 5, quick ? 0.2 : 1.5) / calls;
            printf("| %s | %d | %d | %d | %.2f | %.3f |%n", file, lc.circuit().qubitCount(), lc.circuit().gates().size(),
                    b.length, t * 1e6, t * 1e6 / b.length);
        }
        sv.close();
    }

    /** Exact W_2 between two uniform clouds on T^4. */
    public void wasserstein() {
        printf("%n### Exact W_2 (optimal assignment, torus cost), first call in the process%n%n");
        printf("| points | d | seconds | W_2 |%n| ---: | ---: | ---: | ---: |%n");
        int[] sizes = quick ? new int[] {500} : new int[] {1000, 2000, 5000};
        for (int d : new int[] {2, 4}) {
            for (int n : sizes) {
                TorusPoints a = TorusPoints.of(d, MixtureOfExperts.uniformAngles(n, d, 1));
                TorusPoints b = TorusPoints.of(d, MixtureOfExperts.uniformAngles(n, d, 2));
                long t0 = System.nanoTime();
                double w = Wasserstein.w2(a, b);
                printf("| %d | %d | %.2f | %.5f |%n", n, d, (System.nanoTime() - t0) / 1e9, w);
            }
        }
    }
}
