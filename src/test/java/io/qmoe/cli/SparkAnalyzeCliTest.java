package io.qmoe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.report.Json;
import io.qmoe.testing.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qmoe analyze --master local[2]} in a child JVM, as a user runs it: the same files as without {@code --master}
 * (summary.json apart from its wall-clock seconds), Spark's log kept out of the way, and a malformed master refused in
 * one line before anything runs.
 */
class SparkAnalyzeCliTest {
    @TempDir
    Path dir;

    private String[] command(Path circuit, Path out, String... more) {
        String[] common = {"analyze", "--circuit", circuit.toString(), "--experts", "8,16", "--seeds", "2",
            "--reference-size", "64", "--time", "0.2", "--dt", "0.1", "--grid", "8", "--quiet", "--out",
            out.toString()};
        String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return all;
    }

    @Test
    void analyzeOnLocalSparkWritesTheSameFilesAsOnThreads() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        // the thread path in this JVM (one child JVM less); the Spark run in a child, as a user starts it
        CliRunner.Result threads = CliRunner.run(command(c, dir.resolve("threads")));
        assertThat(threads.code()).as(threads.err()).isZero();
        ChildCli.Result spark = ChildCli.run(command(c, dir.resolve("spark"), "--master", "local[2]"));
        assertThat(spark.code()).as(spark.err()).isZero();
        // Spark's start-up log (INFO, dozens of lines) does not reach the user
        assertThat(spark.err()).doesNotContain("INFO");
        assertThat(spark.err().lines().count()).as(spark.err()).isLessThan(3);
        for (String f : new String[] {"distances.csv", "fits.csv", "loss.csv", "fluctuations.csv", "data.csv",
            "samples/N8-s0.json", "samples/N16-s1.json", "samples/config.txt"}) {
            assertThat(Files.readString(dir.resolve("spark").resolve(f))).as(f)
                    .isEqualTo(Files.readString(dir.resolve("threads").resolve(f)));
        }
        ObjectNode a = (ObjectNode) Json.read(dir.resolve("threads/summary.json"));
        ObjectNode b = (ObjectNode) Json.read(dir.resolve("spark/summary.json"));
        a.remove("seconds");
        b.remove("seconds");
        assertThat(Json.text(b)).isEqualTo(Json.text(a));
    }

    @Test
    void aMalformedMasterIsOneLineAndNothingRuns() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        ChildCli.Result r = ChildCli.run(command(c, dir.resolve("bad"), "--master", "locl[2]"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains("--master", "'locl[2]'").doesNotContain("Exception");
        assertThat(dir.resolve("bad")).doesNotExist();
        CliRunner.Result store = CliRunner.run(command(c, dir.resolve("bad"), "--sample-store", "file:/tmp/x"));
        assertThat(store.code()).isEqualTo(2);
        assertThat(store.err()).hasLineCount(1).contains("--sample-store");
        CliRunner.Result shots = CliRunner.run(command(c, dir.resolve("bad"), "--master", "local[2]", "--backend",
                "shots:100"));
        assertThat(shots.code()).isEqualTo(2);
        assertThat(shots.err()).hasLineCount(1).contains("--master", "statevector");
    }
}
