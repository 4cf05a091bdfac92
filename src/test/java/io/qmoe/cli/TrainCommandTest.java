package io.qmoe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qmoe.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    Path dir;

    private Path circuit() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        return c;
    }

    private String[] args(Path out, String... extra) throws Exception {
        // defaults, each replaced when {@code extra} gives the same option
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--circuit", circuit().toString());
        options.put("--experts", "40");
        options.put("--time", "1");
        options.put("--dt", "0.1");
        options.put("--seed", "5");
        options.put("--out", out.toString());
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < extra.length; i++) {
            if (i + 1 < extra.length && !extra[i + 1].startsWith("--")) {
                options.put(extra[i], extra[++i]);
            } else {
                flags.add(extra[i]);
            }
        }
        List<String> all = new ArrayList<>(List.of("train", "--quiet"));
        options.forEach((k, v) -> {
            all.add(k);
            all.add(v);
        });
        all.addAll(flags);
        return all.toArray(new String[0]);
    }

    @Test
    void writesARunFolder() throws Exception {
        Path out = dir.resolve("run");
        CliRunner.Result r = CliRunner.run(args(out));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("trained N=40");
        for (String f : new String[] {"run.json", "history.csv", "angles-final.csv", "angles-t0.0000.csv",
                "angles-t1.0000.csv", "loss.png", "predictions.png", "data.csv"}) {
            assertThat(out.resolve(f)).exists();
        }
        assertThat(out.resolve("checkpoint.bin")).doesNotExist();
        JsonNode run = Json.read(out.resolve("run.json"));
        assertThat(run.get("status").asText()).isEqualTo("complete");
        assertThat(run.get("config").get("experts").asInt()).isEqualTo(40);
        assertThat(run.get("history").get("loss")).hasSize(11);
        assertThat(run.get("versions").get("strange").asText()).isEqualTo("0.1.3");
        assertThat(Files.readAllLines(out.resolve("angles-final.csv"))).hasSize(41).first().isEqualTo("t0,t1");
    }

    @Test
    void resumeEqualsAnUninterruptedRunAndThreadsDoNotChangeBits() throws Exception {
        Path whole = dir.resolve("whole");
        assertThat(CliRunner.run(args(whole, "--threads", "1")).code()).isZero();
        Path parts = dir.resolve("parts");
        CliRunner.Result first = CliRunner.run(args(parts, "--threads", "2", "--stop-after-steps", "4"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("--resume");
        assertThat(Json.read(parts.resolve("run.json")).get("status").asText()).isEqualTo("interrupted");
        CliRunner.Result second = CliRunner.run(args(parts, "--threads", "2", "--resume"));
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(Files.readString(parts.resolve("angles-final.csv")))
                .isEqualTo(Files.readString(whole.resolve("angles-final.csv")));
        assertThat(Files.readString(parts.resolve("history.csv")))
                .isEqualTo(Files.readString(whole.resolve("history.csv")));
    }

    @Test
    void refusesToOverwriteAndResumeChecksOptions() throws Exception {
        Path out = dir.resolve("run");
        assertThat(CliRunner.run(args(out)).code()).isZero();
        CliRunner.Result again = CliRunner.run(args(out));
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("already holds a run").hasLineCount(1);
        Path half = dir.resolve("half");
        assertThat(CliRunner.run(args(half, "--stop-after-steps", "2")).code()).isZero();
        CliRunner.Result differ = CliRunner.run(args(half, "--experts", "41", "--resume"));
        assertThat(differ.code()).isEqualTo(2);
        assertThat(differ.err()).contains("experts (run: 40, now: 41)");
    }

    @Test
    void badDataAndOptionsGiveOneLineErrors() throws Exception {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "x0,y\n0.1,0.2\n0.3,nan\n");
        CliRunner.Result nan = CliRunner.run(args(dir.resolve("a"), "--data", csv.toString()));
        assertThat(nan.code()).isEqualTo(2);
        assertThat(nan.err()).contains("d.csv:3:5").hasLineCount(1);

        Files.writeString(csv, "x0,x1,y\n0.1,0.2,0.3\n");
        CliRunner.Result features = CliRunner.run(args(dir.resolve("b"), "--data", csv.toString()));
        assertThat(features.code()).isEqualTo(2);
        assertThat(features.err()).contains("2 feature column(s)").hasLineCount(1);

        CliRunner.Result negative = CliRunner.run(args(dir.resolve("c"), "--experts", "-3"));
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("--experts must be at least 1, got -3").hasLineCount(1);

        // just enough experts that one evaluation's N x 2 velocities exceed this JVM's heap: refused before anything of
        // that size is allocated
        long experts = Runtime.getRuntime().maxMemory() / (8 * 2) + 1;
        CliRunner.Result huge = CliRunner.run(args(dir.resolve("h"), "--experts", String.valueOf(experts)));
        assertThat(huge.code()).isEqualTo(2);
        assertThat(huge.err()).contains("--experts " + experts, "heap limit").hasLineCount(1);

        // a circuit without trainable angles: nothing to train, for train and analyze alike
        Path fixed = dir.resolve("fixed.qasm");
        Files.writeString(fixed, "OPENQASM 3.0;\nqubit[1] q;\ninput float[64] x0;\n#pragma qmoe data x0\nrx(x0) q[0];\n");
        CliRunner.Result untrainable = CliRunner.run(args(dir.resolve("f"), "--circuit", fixed.toString()));
        assertThat(untrainable.code()).isEqualTo(2);
        assertThat(untrainable.err()).contains("fixed.qasm", "no trainable angles").hasLineCount(1);
        CliRunner.Result analyze = CliRunner.run("analyze", "--circuit", fixed.toString(), "--out",
                dir.resolve("g").toString(), "--quiet");
        assertThat(analyze.code()).isEqualTo(2);
        assertThat(analyze.err()).contains("fixed.qasm", "no trainable angles").hasLineCount(1);

        CliRunner.Result missing = CliRunner.run(args(dir.resolve("m"), "--data", dir.resolve("none.csv").toString()));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("none.csv: no such data file").hasLineCount(1);
        CliRunner.Result folder = CliRunner.run(args(dir.resolve("n"), "--data", dir.toString()));
        assertThat(folder.code()).isEqualTo(2);
        assertThat(folder.err()).contains("is a directory, not a data file").hasLineCount(1);

        CliRunner.Result tolerance = CliRunner.run(args(dir.resolve("t"), "--tolerance", "-1"));
        assertThat(tolerance.code()).isEqualTo(2);
        assertThat(tolerance.err()).contains("--tolerance must be a positive number").hasLineCount(1);

        CliRunner.Result integrator = CliRunner.run(args(dir.resolve("d"), "--integrator", "leapfrog"));
        assertThat(integrator.code()).isEqualTo(2);
        assertThat(integrator.err()).contains("leapfrog").hasLineCount(1);

        CliRunner.Result task = CliRunner.run(args(dir.resolve("e"), "--task", "spiral"));
        assertThat(task.code()).isEqualTo(2);
        assertThat(task.err()).contains("unknown task 'spiral'").hasLineCount(1);
    }
}
