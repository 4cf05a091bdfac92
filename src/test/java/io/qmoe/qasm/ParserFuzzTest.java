package io.qmoe.qasm;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.ExpressionException;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.mixture.DatasetCsv;
import io.qmoe.mixture.DatasetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutation of valid inputs (the bundled circuits, observables, angle expressions, CSV files): byte
 * flips, insertions of hostile tokens, deletions, truncation, duplication. Whatever the text, the parsers either
 * succeed or throw their located user-input exception with a one-line message; nothing else escapes. A failure
 * names the seed and the iteration, so it replays.
 */
class ParserFuzzTest {
    private static final String[] TOKENS = {"(", ")", "@", "gate", "ctrl @", "inv @", "negctrl(2) @", "pow(3) @",
        "θ", "_θ_0_", "𝔮", "{", "}", ";", "[", "]", "measure", "reset", "-", "+", "*", "/", "pi", "π", "1e999", "0x1p-2",
        "\0", "$0", "\"", "/*", "*/", "//", "\n", "#pragma qmoe observable ", "#pragma qmoe data ", ",", "->", "=",
        "qubit[40] r;", "input float x;", "gate g a { g a; }", "if", "for", "U", "gphase", "ccx", "cu", ".", "e",
        "X", "Z", "I", "9999999999", "(".repeat(300), "-".repeat(300), "\uFEFF", "\uD800", "NaN", "inf", "0.5d"};

    private static String mutate(String text, SplittableRandom rnd) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = s.length() == 0 ? 0 : rnd.nextInt(s.length() + 1);
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, (char) (s.charAt(at) ^ (1 << rnd.nextInt(8))));
                    }
                }
                case 1, 2 -> s.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                case 3 -> s.delete(at, Math.min(s.length(), at + 1 + rnd.nextInt(8)));
                case 4 -> s.setLength(at);
                default -> {
                    int end = Math.min(s.length(), at + rnd.nextInt(40));
                    s.insert(at, s.substring(at, end));
                }
            }
        }
        return s.toString();
    }

    private static void fuzz(List<String> seeds, long seed, long millis, Consumer<String> parse) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long end = System.nanoTime() + millis * 1_000_000;
        int n = 0;
        while (System.nanoTime() < end || n < 200) {
            String text = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            try {
                parse.accept(text);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("seed " + seed + ", iteration " + n + ": " + e + "\n--- input:\n" + text,
                        e);
            }
            n++;
        }
    }

    private static void qasm(String text) {
        try {
            QasmReader.parse(text, "f.qasm");
        } catch (QasmException e) {
            assertThat(e.getMessage()).matches("f\\.qasm:[0-9]+:[0-9]+: [^\\n\\r]+").hasSizeLessThan(2_000);
        }
    }

    private static void angle(String text) {
        try {
            AngleExpression.parse(text);
        } catch (ExpressionException e) {
            assertThat(e.offset()).isBetween(0, text.length());
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }

    private static void observable(String text) {
        try {
            PauliObservable.parse(text);
        } catch (ExpressionException e) {
            assertThat(e.offset()).isBetween(0, text.length());
        }
    }

    private static void csv(String text) {
        try {
            DatasetCsv.parse(text, "d.csv");
        } catch (DatasetException e) {
            assertThat(e.getMessage()).matches("d\\.csv(:[0-9]+:[0-9]+)?: [^\\n]+");
        }
    }

    private static List<String> circuits() throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("circuits"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".qasm")).sorted().toList()) {
                out.add(Files.readString(f));
            }
        }
        out.add("OPENQASM 3.0;\ninclude \"stdgates.inc\";\ngate zz(t) a, b { cx a, b; rz(t) b; cx a, b; }\n"
                + "qubit[3] q;\nbit[3] c;\ninput float[64] θ;\nctrl @ zz(θ/2) q[0], q[1], q[2];\ninv @ ccx q[2], q[0], "
                + "q[1];\ncu(θ, 0.1, 0.2, pi) q[1], q[0];\nc = measure q;\n");
        return out;
    }

    private static final List<String> ANGLES = List.of("2*theta + pi/4", "-(x - 0.5)*3e-2", "θ*τ/2", "((a))",
        "1e300*1e300*a", "9e307 + 9e307");
    private static final List<String> OBSERVABLES = List.of("0.5*Z0 + X0X1 - 2e-3*Y1", "Z0", "-I + 1.5 Z2Z3",
        "1e308*Z0 + 1e308*Z0");
    private static final List<String> CSVS = List.of("x0,x1,y\n0.5,1,2\n-1,2e-3,.25\n", "# c\nx,y\n\n1,2\n");

    @Test
    void mutatedInputsFailOnlyWithLocatedMessages() throws Exception {
        fuzz(circuits(), 1, 2_000, ParserFuzzTest::qasm);
        fuzz(ANGLES, 2, 500, ParserFuzzTest::angle);
        fuzz(OBSERVABLES, 3, 500, ParserFuzzTest::observable);
        fuzz(CSVS, 4, 500, ParserFuzzTest::csv);
    }

    @Test
    @Tag("slow")
    void longFuzzing() throws Exception {
        for (long seed = 100; seed < 102; seed++) {
            fuzz(circuits(), seed, 25_000, ParserFuzzTest::qasm);
            fuzz(ANGLES, seed, 5_000, ParserFuzzTest::angle);
            fuzz(OBSERVABLES, seed, 5_000, ParserFuzzTest::observable);
            fuzz(CSVS, seed, 5_000, ParserFuzzTest::csv);
        }
    }
}
