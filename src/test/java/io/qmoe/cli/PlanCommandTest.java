package io.qmoe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qmoe plan}: the predictions follow from the measured per-expert costs by the documented model (recomputed
 * here from the printed costs), the verdict follows the two predictions, and a thousand 1-qubit experts are not
 * worth 256 cores: one block of 1024 experts leaves 255 cores idle, and four 50 ms round trips a step outweigh
 * microseconds of work.
 */
class PlanCommandTest {
    @TempDir
    Path dir;

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void thePredictionsFollowTheMeasuredCostsAndTheVerdictFollowsThePredictions() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        for (int n : new int[] {1000, 40_000}) {
            CliRunner.Result r = CliRunner.run("plan", "--circuit", c.toString(), "--experts", String.valueOf(n),
                    "--cores", "256", "--threads", "2", "--round-trip", "50");
            assertThat(r.code()).as(r.err()).isZero();
            double one = number(r.out(), "([0-9.e+-]+) us on 1 thread") * 1e-6;
            double many = number(r.out(), "([0-9.e+-]+) us per expert on 2 threads") * 1e-6;
            double here = number(r.out(), "this machine \\(2 threads\\): ([0-9.e+-]+) s per step");
            double cluster = number(r.out(), "round trip per job\\): ([0-9.e+-]+) s per step");
            int blocks = (n + 1023) / 1024;
            int perCore = (blocks + 255) / 256;
            // costs and times are printed with four significant digits (relative rounding below 5e-4 each)
            assertThat(here).isCloseTo(4.0 * n * many, within(4.0 * n * many * 1.5e-3));
            double expected = 4 * (perCore * Math.min(n, 1024) * one + 0.050);
            assertThat(cluster).isCloseTo(expected, within(expected * 1.5e-3));
            assertThat(r.out()).contains(cluster < here ? "distribution pays off" : "distribution does not pay off");
            if (n == 1000) {
                // 4 round trips of 50 ms a step against 4 x 1000 evaluations on two threads of a 1-qubit expert
                assertThat(r.out()).contains("does not pay off", "only 1 of the cores have work");
            }
        }
    }

    @Test
    void anAdaptiveStepIsSixEvaluationsAndSevenRoundTrips() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        CliRunner.Result r = CliRunner.run("plan", "--circuit", c.toString(), "--experts", "5000", "--cores", "4",
                "--threads", "1", "--round-trip", "50", "--integrator", "adaptive");
        assertThat(r.code()).as(r.err()).isZero();
        double one = number(r.out(), "([0-9.e+-]+) us on 1 thread") * 1e-6;
        double here = number(r.out(), "this machine \\(1 threads\\): ([0-9.e+-]+) s per attempted step");
        double cluster = number(r.out(), "round trip per job\\): ([0-9.e+-]+) s per attempted step");
        assertThat(here).isCloseTo(6.0 * 5000 * one, within(6.0 * 5000 * one * 1.5e-3));
        // 5 blocks on 4 cores: 2 blocks on the busiest core
        double expected = 6 * 2 * 1024 * one + 7 * 0.050;
        assertThat(cluster).isCloseTo(expected, within(expected * 1.5e-3));
    }

    @Test
    void badNumbersAreOneLine() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        CliRunner.Result r = CliRunner.run("plan", "--circuit", c.toString(), "--experts", "100", "--cores", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains("--cores");
    }
}
