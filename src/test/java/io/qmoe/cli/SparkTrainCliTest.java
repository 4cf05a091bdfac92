package io.qmoe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.testing.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qmoe train --master local[2]}: the mixture in partitioned blocks on Spark writes the very files of the thread
 * path, byte for byte, for a mixture of several blocks, with RK4, Euler and the adaptive integrator, and when stopped
 * and resumed on Spark; a malformed master or a backend Spark does not have is one line before anything runs.
 */
class SparkTrainCliTest {
    /** Every file a complete training run leaves (the checkpoint is removed at the end). */
    private static final String[] FILES = {"run.json", "history.csv", "data.csv", "angles-t0.0000.csv",
        "angles-t0.1000.csv", "angles-t0.3000.csv", "angles-final.csv", "loss.png", "predictions.png"};

    @TempDir
    Path dir;

    private String[] command(Path circuit, Path out, String... more) {
        // 2500 experts: three blocks of SUM_BLOCK, the last one partly filled
        String[] common = {"train", "--circuit", circuit.toString(), "--experts", "2500", "--time", "0.3", "--dt",
            "0.1", "--snapshots", "0,0.1,0.3", "--task", "teacher:7", "--seed", "11", "--quiet", "--out",
            out.toString()};
        String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return all;
    }

    private Path circuit() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        return c;
    }

    private void assertSameFiles(Path expected, Path actual) throws Exception {
        for (String f : FILES) {
            assertThat(Files.readAllBytes(actual.resolve(f))).as(f).isEqualTo(Files.readAllBytes(expected.resolve(f)));
        }
        assertThat(actual.resolve("checkpoint.bin")).doesNotExist();
    }

    @Test
    void trainOnLocalSparkWritesTheThreadPathsFilesByteForByte() throws Exception {
        Path c = circuit();
        CliRunner.Result threads = CliRunner.run(command(c, dir.resolve("threads")));
        assertThat(threads.code()).as(threads.err()).isZero();
        // the run moved: the loss at the end is not the loss at the start (equal files are not two idle runs)
        String history = Files.readString(dir.resolve("threads/history.csv"));
        assertThat(history.lines().skip(1).map(l -> l.split(",")[1]).distinct().count()).isEqualTo(4);
        // the Spark run in a child JVM, as a user starts it
        ChildCli.Result spark = ChildCli.run(command(c, dir.resolve("spark"), "--master", "local[2]"));
        assertThat(spark.code()).as(spark.err()).isZero();
        assertThat(spark.err()).doesNotContain("INFO");
        assertThat(spark.out()).contains("trained N=2500");
        assertSameFiles(dir.resolve("threads"), dir.resolve("spark"));
    }

    @Test
    void eulerAndAResumeOnSparkGiveTheThreadPathsFiles() throws Exception {
        Path c = circuit();
        CliRunner.Result threads = CliRunner.run(command(c, dir.resolve("threads"), "--integrator", "euler"));
        assertThat(threads.code()).as(threads.err()).isZero();
        Path spark = dir.resolve("spark");
        CliRunner.Result first = CliRunner.run(command(c, spark, "--integrator", "euler", "--master", "local[2]",
                "--stop-after-steps", "1"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("--resume");
        assertThat(spark.resolve("checkpoint.bin")).exists();
        // the resumed part ships the checkpoint's angles (not drawn from the seed again)
        CliRunner.Result rest = CliRunner.run(command(c, spark, "--integrator", "euler", "--master", "local[1]",
                "--resume"));
        assertThat(rest.code()).as(rest.err()).isZero();
        assertSameFiles(dir.resolve("threads"), spark);
    }

    @Test
    void theAdaptiveIntegratorOnSparkGivesTheThreadPathsFiles() throws Exception {
        Path c = circuit();
        // a tolerance that makes each output interval take several steps, with rejections among them
        CliRunner.Result threads = CliRunner.run(command(c, dir.resolve("threads"), "--integrator", "adaptive",
                "--tolerance", "1e-9"));
        assertThat(threads.code()).as(threads.err()).isZero();
        CliRunner.Result spark = CliRunner.run(command(c, dir.resolve("spark"), "--integrator", "adaptive",
                "--tolerance", "1e-9", "--master", "local[2]"));
        assertThat(spark.code()).as(spark.err()).isZero();
        assertSameFiles(dir.resolve("threads"), dir.resolve("spark"));
        // a tolerance whose error scale overflows: one line naming the option, on threads (a child JVM, as a user
        // runs it) and on Spark alike, not a NaN step reported as a bad angle or a Spark stack trace
        ChildCli.Result tiny = ChildCli.run(command(c, dir.resolve("tiny"), "--integrator", "adaptive",
                "--tolerance", "1e-300"));
        assertThat(tiny.code()).isEqualTo(2);
        assertThat(tiny.err()).hasLineCount(1).contains("--tolerance", "too small");
        CliRunner.Result tinySpark = CliRunner.run(command(c, dir.resolve("tiny-spark"), "--integrator", "adaptive",
                "--tolerance", "1e-300", "--master", "local[2]"));
        assertThat(tinySpark.code()).isEqualTo(2);
        assertThat(tinySpark.err()).hasLineCount(1).contains("--tolerance", "too small");
        // a tolerance the error estimate cannot meet (near rounding): the step falls below its minimum, which is a
        // refusal of the tolerance too, not an internal error
        ChildCli.Result unmet = ChildCli.run(command(c, dir.resolve("unmet"), "--integrator", "adaptive",
                "--tolerance", "1e-30"));
        assertThat(unmet.code()).isEqualTo(2);
        assertThat(unmet.err()).hasLineCount(1).contains("--tolerance", "below its minimum")
                .doesNotContain("internal error");
        CliRunner.Result unmetSpark = CliRunner.run(command(c, dir.resolve("unmet-spark"), "--integrator",
                "adaptive", "--tolerance", "1e-30", "--master", "local[2]"));
        assertThat(unmetSpark.code()).isEqualTo(2);
        assertThat(unmetSpark.err()).hasLineCount(1).contains("--tolerance", "below its minimum");
    }

    @Test
    void aMalformedMasterOrAShotBackendIsOneLineAndNothingRuns() throws Exception {
        Path c = circuit();
        ChildCli.Result r = ChildCli.run(command(c, dir.resolve("bad"), "--master", "spork://x"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains("--master", "'spork://x'").doesNotContain("Exception");
        assertThat(dir.resolve("bad")).doesNotExist();
        CliRunner.Result shots = CliRunner.run(command(c, dir.resolve("bad"), "--master", "local[2]", "--backend",
                "shots:100"));
        assertThat(shots.code()).isEqualTo(2);
        assertThat(shots.err()).hasLineCount(1).contains("--master", "statevector");
        assertThat(dir.resolve("bad")).doesNotExist();
    }
}
