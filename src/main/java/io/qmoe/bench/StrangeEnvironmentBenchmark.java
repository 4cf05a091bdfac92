package io.qmoe.bench;

import io.qmoe.strange.FastExecutionEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.redfx.strange.Program;
import org.redfx.strange.QuantumExecutionEnvironment;
import org.redfx.strange.local.SimpleQuantumExecutionEnvironment;

/**
 * Time per {@code runProgram} of Strange's {@link SimpleQuantumExecutionEnvironment} against qmoe's
 * {@link FastExecutionEnvironment} (recording every step, as Strange does, and {@code finalStateOnly()}) on the
 * {@link StrangeExamplePrograms}, one thread, same run. Each environment
 * reruns its own instance of the program (so Strange keeps its cached decomposition, as a user's rerun does); the fast
 * environment translates the program on every run, and that cost is included.
 */
public final class StrangeEnvironmentBenchmark {
    private StrangeEnvironmentBenchmark() {
    }

    /**
     * The Markdown table (header, separator, one row per program) of median µs per run and the speed-up;
     * {@code quick} uses tiny time budgets (a smoke test, not figures to quote).
     */
    public static List<String> rows(boolean quick) {
        double budget = quick ? 0.02 : 0.6;
        List<String> out = new ArrayList<>();
        out.add("| Strange program | qubits | steps | Strange µs | fast µs | Strange / fast "
                + "| fast, final state only µs | Strange / that |");
        out.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        out.add(row("Bell", StrangeExamplePrograms::bell, budget));
        out.add(row("GHZ", () -> StrangeExamplePrograms.ghz(5), budget));
        out.add(row("GHZ", () -> StrangeExamplePrograms.ghz(10), budget));
        out.add(row("teleportation (measured)", () -> StrangeExamplePrograms.teleportation(1.1), budget));
        out.add(row("Grover, 2 rounds", () -> StrangeExamplePrograms.grover3(2), budget));
        out.add(row("Grover + work qubit, 2 rounds", () -> StrangeExamplePrograms.grover4(2), budget));
        out.add(row("layered ry/R/Cnot, 4 layers", () -> StrangeExamplePrograms.layered(10, 4, 7), budget));
        return out;
    }

    private static String row(String name, Supplier<Program> program, double budget) {
        Program forFast = program.get();
        double strange = seconds(new SimpleQuantumExecutionEnvironment(), program.get(), budget);
        double fast = seconds(new FastExecutionEnvironment(), forFast, budget);
        double last = seconds(new FastExecutionEnvironment().finalStateOnly(), program.get(), budget);
        return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.0f× | %.1f | %.0f× |", name,
                forFast.getNumberQubits(), forFast.getSteps().size(), strange * 1e6, fast * 1e6, strange / fast,
                last * 1e6, strange / last);
    }

    private static double seconds(QuantumExecutionEnvironment env, Program p, double budget) {
        return Stopwatch.median(() -> env.runProgram(p), 3, 5, budget);
    }
}
