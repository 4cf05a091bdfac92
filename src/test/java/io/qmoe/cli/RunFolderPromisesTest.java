package io.qmoe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qmoe.testing.ChildCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promises about output folders, through the command in a child process: nothing the user wrote is
 * overwritten or deleted, one writer per folder, resume checks contents, damaged run files are one line.
 */
class RunFolderPromisesTest {
    @TempDir
    Path dir;

    private String[] train(Path out, String... extra) throws Exception {
        Path c = dir.resolve("q.qasm");
        if (!Files.exists(c)) {
            Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        }
        String[] base = {"train", "--circuit", c.toString(), "--experts", "8", "--time", "0.4", "--dt", "0.1",
            "--quiet", "--out", out.toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    private static void oneLineError(ChildCli.Result r, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).hasLineCount(1).contains(fragments).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aUsersFilesAreNeitherOverwrittenNorDeleted() throws Exception {
        Path out = dir.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("data.csv"), "my own data\n");
        Files.writeString(out.resolve("notes.txt"), "keep me\n");
        oneLineError(ChildCli.run(train(out)), "data.csv", "--overwrite");
        assertThat(Files.readString(out.resolve("data.csv"))).isEqualTo("my own data\n");

        ChildCli.Result replaced = ChildCli.run(train(out, "--overwrite"));
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(out.resolve("run.json")).exists();
        assertThat(Files.readString(out.resolve("notes.txt"))).isEqualTo("keep me\n");
        assertThat(out.resolve(".qmoe.lock")).doesNotExist();
        oneLineError(ChildCli.run(train(out)), "already holds a run", "--resume");
    }

    @Test
    void resumeNamesAChangedCircuitOrDataFile() throws Exception {
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "x0,y\n0.1,0.2\n0.5,-0.1\n");
        Path out = dir.resolve("half");
        assertThat(ChildCli.run(train(out, "--data", csv.toString(), "--stop-after-steps", "1")).code()).isZero();
        Files.writeString(csv, "x0,y\n0.1,0.2\n0.5,-0.3\n");
        oneLineError(ChildCli.run(train(out, "--data", csv.toString(), "--resume")), "the data", "changed");
        Files.writeString(csv, "x0,y\n0.1,0.2\n0.5,-0.1\n");
        Files.writeString(dir.resolve("q.qasm"), EvalAndCircuitsCommandTest.QUBIT.replace("ry(t1)", "rx(t1)"));
        oneLineError(ChildCli.run(train(out, "--data", csv.toString(), "--resume")), "the circuit", "changed");
    }

    @Test
    void damagedRunFilesAreOneLineNamingFileAndField() throws Exception {
        Path out = dir.resolve("half");
        assertThat(ChildCli.run(train(out, "--stop-after-steps", "1")).code()).isZero();
        for (String content : new String[] {"{}", "[1, 2]", "{\"config\": {\"circuit\": \"x\"}}", "not json"}) {
            Files.writeString(out.resolve("run.json"), content);
            oneLineError(ChildCli.run(train(out, "--resume")), out.resolve("run.json").toString());
        }
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstHoldsTheFolder() throws Exception {
        Path out = dir.resolve("busy");
        Files.writeString(dir.resolve("q.qasm"), EvalAndCircuitsCommandTest.QUBIT);
        // a run long enough to still hold the folder when the second one starts
        Process first = ChildCli.start(Map.of(), "train", "--circuit", dir.resolve("q.qasm").toString(),
                "--experts", "2000", "--time", "400", "--dt", "0.01", "--quiet", "--out", out.toString());
        try {
            Path lock = out.resolve(".qmoe.lock");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!(Files.exists(lock) && Files.size(lock) > 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(lock).exists();
            ChildCli.Result second = ChildCli.run(train(out, "--overwrite"));
            oneLineError(second, "in use by another qmoe run", "pid " + first.pid());
        } finally {
            first.destroyForcibly().waitFor();
        }
        // the operating system released the dead run's lock: the folder can be taken again at once
        ChildCli.Result after = ChildCli.run(train(out, "--overwrite"));
        assertThat(after.code()).as(after.err()).isZero();
    }

    @Test
    void analyzeKeepsUserFilesAndResumeNamesTheChangedOption() throws Exception {
        Path c = dir.resolve("q.qasm");
        Files.writeString(c, EvalAndCircuitsCommandTest.QUBIT);
        Path out = dir.resolve("an");
        Files.createDirectories(out.resolve("samples"));
        Files.writeString(out.resolve("samples/my-notes.txt"), "mine\n");
        String[] base = {"analyze", "--circuit", c.toString(), "--experts", "4,8", "--seeds", "2", "--reference-size",
            "64", "--time", "0.2", "--dt", "0.1", "--grid", "0", "--quiet", "--out", out.toString()};
        ChildCli.Result first = ChildCli.run(base);
        assertThat(first.code()).as(first.err()).isZero();
        ChildCli.Result again = ChildCli.run(base);
        oneLineError(again, "already holds", "--resume");
        String[] changed = java.util.Arrays.copyOf(base, base.length + 1);
        changed[base.length] = "--resume";
        changed[6] = "3";
        oneLineError(ChildCli.run(changed), "--resume", "--seeds");
        String[] overwrite = java.util.Arrays.copyOf(base, base.length + 1);
        overwrite[base.length] = "--overwrite";
        ChildCli.Result replaced = ChildCli.run(overwrite);
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(Files.readString(out.resolve("samples/my-notes.txt"))).isEqualTo("mine\n");
    }
}
