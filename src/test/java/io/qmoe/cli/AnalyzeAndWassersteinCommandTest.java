package io.qmoe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.qmoe.report.Json;
import io.qmoe.testing.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeAndWassersteinCommandTest {
    @TempDir
    Path dir;

    @Test
    void analyzeWritesSummaryTablesPlotsAndReport() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        Path out = dir.resolve("an");
        CliRunner.Result r = CliRunner.run("analyze", "--circuit", c.toString(), "--experts", "8,16,32", "--seeds",
                "2", "--reference-size", "256", "--time", "0.5", "--dt", "0.1", "--grid", "32", "--out",
                out.toString(), "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        for (String f : new String[] {"summary.json", "distances.csv", "fits.csv", "loss.csv", "report.html",
                "loss_vs_time.png", "rate_coupling.png", "rate_wasserstein.png", "densities.png"}) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode s = Json.read(out.resolve("summary.json"));
        assertThat(s.get("dimension").asInt()).isEqualTo(2);
        assertThat(s.get("per_n")).hasSize(3);
        assertThat(s.get("fits").findValuesAsText("quantity")).contains("coupling", "prediction_gap",
                "wasserstein", "twin_wasserstein", "mixture_twin_wasserstein");
        assertThat(s.get("grid_vs_particles").get("mass_error").asDouble()).isLessThan(1e-12);
        assertThat(Files.readString(out.resolve("report.html"))).contains("rate_coupling.png");
        CliRunner.Result again = CliRunner.run("analyze", "--circuit", c.toString(), "--out", out.toString());
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("--overwrite");
    }

    @Test
    void anExpertCountThatDoesNotDivideTheReferenceGetsOneWarningLine() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        // in a child JVM, as a user's shell runs it: the line is on standard error and the run still succeeds
        ChildCli.Result r = ChildCli.run("analyze", "--circuit", c.toString(), "--experts", "8,12", "--seeds", "2",
                "--reference-size", "128", "--time", "0.2", "--dt", "0.1", "--grid", "0", "--quiet", "--out",
                dir.resolve("warned").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("warned/distances.csv")).isRegularFile();
        assertThat(r.err().lines().filter(l -> l.startsWith("qmoe: warning:")))
                .containsExactly("qmoe: warning: --experts 12 does not divide --reference-size 128: its W2 solves take"
                        + " up to about 15 times as long as a divisor's (e.g. 8 with a power-of-two reference)");
    }

    @Test
    void analyzeResumesAnInterruptedSweepToTheSameNumbers() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        String[] common = {"analyze", "--circuit", c.toString(), "--experts", "8,16", "--seeds", "2",
            "--reference-size", "128", "--time", "0.4", "--dt", "0.1", "--grid", "0", "--quiet"};
        Path whole = dir.resolve("whole");
        assertThat(CliRunner.run(concat(common, "--out", whole.toString())).code()).isZero();
        // an interrupted run: only some samples were finished
        Path part = dir.resolve("part");
        assertThat(CliRunner.run(concat(common, "--out", part.toString())).code()).isZero();
        Files.delete(part.resolve("samples/N16-s1.json"));
        Files.delete(part.resolve("summary.json"));
        CliRunner.Result resumed = CliRunner.run(concat(common, "--out", part.toString(), "--resume"));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readString(part.resolve("distances.csv")))
                .isEqualTo(Files.readString(whole.resolve("distances.csv")));
        CliRunner.Result changed = CliRunner.run(concat(common, "--out", part.toString(), "--resume", "--seed", "9"));
        assertThat(changed.code()).isEqualTo(2);
        assertThat(changed.err()).contains("differ").hasLineCount(1);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void analyzeWithTangentLinearWritesTheAgreementAndZlinBesideZ() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        Path out = dir.resolve("tl");
        String[] common = {"analyze", "--circuit", c.toString(), "--experts", "8,16", "--seeds", "3",
            "--reference-size", "128", "--time", "0.4", "--dt", "0.1", "--snapshots", "0,0.2,0.4",
            "--transport-snapshots", "none", "--grid", "0", "--quiet", "--tangent-linear"};
        CliRunner.Result r = CliRunner.run(concat(common, "--out", out.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = Json.read(out.resolve("summary.json"));
        assertThat(s.get("config").get("tangent_linear").asBoolean()).isTrue();
        JsonNode rows = s.get("tangent_linear").get("per_n_and_time");
        assertThat(rows).hasSize(2 * 2);
        for (JsonNode row : rows) {
            assertThat(row.get("seeds").asInt()).isEqualTo(3);
            double corr = row.get("correlation").asDouble();
            assertThat(corr).isBetween(-1.0, 1.0);
            assertThat(row.get("correlation_ci_low").asDouble()).isLessThanOrEqualTo(row.get("correlation_ci_high")
                    .asDouble());
            assertThat(row.get("variance_ratio").asDouble()).isPositive();
        }
        java.util.List<String> csv = Files.readAllLines(out.resolve("fluctuations.csv"));
        assertThat(csv.get(0)).isEqualTo("experts,seed_index,time,point,z,z_linear");
        // 2 N x 3 seeds x 2 times t > 0 x 20 points, each row with both numbers
        assertThat(csv).hasSize(1 + 2 * 3 * 2 * 20);
        assertThat(csv.get(1).split(",")).hasSize(6);
        assertThat(out.resolve("tangent_linear.png")).exists();
        assertThat(out.resolve("tangent_linear.svg")).exists();
        assertThat(Files.readString(out.resolve("report.html"))).contains("Var Z / Var Zlin");
        // no transport times, but this d = 2 kernel has short Fourier sums: the kernel distance at every snapshot,
        // plotted, and no W2
        assertThat(out.resolve("rate_mmd.png")).exists();
        assertThat(out.resolve("rate_wasserstein.png")).doesNotExist();
        java.util.List<String> distances = Files.readAllLines(out.resolve("distances.csv"));
        int mmd = java.util.Arrays.asList(distances.get(0).split(",", -1)).indexOf("mmd");
        int w2 = java.util.Arrays.asList(distances.get(0).split(",", -1)).indexOf("wasserstein");
        for (String line : distances.subList(1, distances.size())) {
            assertThat(line.split(",", -1)[mmd]).as(line).isNotEmpty();
            assertThat(line.split(",", -1)[w2]).as(line).isEmpty();
        }
        // a resumed run reads Zlin back from the sample files: the same table
        Files.delete(out.resolve("samples/N16-s1.json"));
        CliRunner.Result resumed = CliRunner.run(concat(common, "--out", out.toString(), "--resume"));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Json.read(out.resolve("summary.json")).get("tangent_linear")).isEqualTo(s.get("tangent_linear"));
        // the lazy scaling has no twins to linearise around: one line naming the option
        CliRunner.Result lazy = CliRunner.run(concat(common, "--out", dir.resolve("lazy").toString(), "--scaling",
                "lazy"));
        assertThat(lazy.code()).isEqualTo(2);
        assertThat(lazy.err()).contains("--tangent-linear").hasLineCount(1);
    }

    @Test
    void analyzeRefusesNonPeriodicCircuits() throws Exception {
        Path c = dir.resolve("p.qasm");
        Files.writeString(c, "OPENQASM 3.0;\nqubit[1] q;\ninput float[64] t0;\ninput float[64] x0;\n"
                + "#pragma qmoe data x0\nry(t0*x0) q[0];\n");
        CliRunner.Result r = CliRunner.run("analyze", "--circuit", c.toString(), "--out",
                dir.resolve("x").toString(), "--quiet");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("periodic").hasLineCount(1);
    }

    @Test
    void wassersteinOfTwoFilesWrapsAroundTheTorus() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Files.writeString(a, "t0\n0.1\n3.0\n");
        Files.writeString(b, "t0\n" + (2 * Math.PI - 0.1) + "\n3.2\n");
        CliRunner.Result r = CliRunner.run("wasserstein", a.toString(), b.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode o = Json.MAPPER.readTree(r.out());
        // optimal matching: 0.1 <-> 2pi-0.1 (distance 0.2), 3.0 <-> 3.2 (0.2): W_2 = 0.2
        assertThat(o.get("distance").asDouble()).isCloseTo(0.2, within(1e-12));
        assertThat(o.get("p").asInt()).isEqualTo(2);
        assertThat(o.get("n_a").asInt()).isEqualTo(2);
        assertThat(o.get("dimension").asInt()).isEqualTo(1);
        Files.writeString(b, "t0\n0.5\nabc\n");
        CliRunner.Result bad = CliRunner.run("wasserstein", a.toString(), b.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("b.csv:3:1").hasLineCount(1);
    }
}
