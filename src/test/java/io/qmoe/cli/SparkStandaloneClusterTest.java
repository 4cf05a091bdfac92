package io.qmoe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.report.Json;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * qmoe on a real Spark standalone cluster on 127.0.0.1: a master and a worker, each its own JVM, started from the
 * jars the build copied to {@code target/spark-lib} (a Spark home of links to them, with a {@code RELEASE} file, so
 * the worker launches its executors as a Spark distribution does), and {@code SparkSubmit} of
 * {@code target/qmoe-cli.jar} in a third JVM. A tiny analysis (its reference population of five blocks partitioned on
 * the executors) and a training run of three blocks give the files of the thread path in this JVM. Slow (about a
 * minute; {@code mvn -B test -Pslow}) and needs {@code mvn package} first.
 */
@Tag("slow")
class SparkStandaloneClusterTest {
    private static final Path TARGET = Path.of("target").toAbsolutePath();

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * A Spark home: links to the jars of target/spark-lib and to the jars a Spark distribution has that Maven resolved
     * into qmoe's own scope (Jackson, commons-logging), so they are not in spark-lib.
     */
    private Path sparkHome() throws IOException {
        Path lib = TARGET.resolve("spark-lib");
        Path jar = TARGET.resolve("qmoe-cli.jar");
        assertThat(lib).as("target/spark-lib: run mvn -B package -DskipTests -Dmaven.javadoc.skip=true first")
                .isDirectory();
        assertThat(jar).as("target/qmoe-cli.jar: run mvn -B package -DskipTests -Dmaven.javadoc.skip=true first")
                .isRegularFile();
        try (Stream<Path> classes = Files.walk(TARGET.resolve("classes"))) {
            long newest = classes.mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
            assertThat(jar.toFile().lastModified()).as("target/qmoe-cli.jar is older than target/classes: run mvn "
                    + "-B package -DskipTests -Dmaven.javadoc.skip=true again").isGreaterThanOrEqualTo(newest - 2000);
        }
        Path home = dir.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        try (Stream<Path> list = Files.list(lib)) {
            for (Path p : list.toList()) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p);
            }
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String name = p.getFileName().toString();
            if ((name.startsWith("jackson-") || name.startsWith("commons-logging-")) && name.endsWith(".jar")
                    && !Files.exists(jars.resolve(name))) {
                Files.createSymbolicLink(jars.resolve(name), p.toAbsolutePath());
            }
        }
        Files.writeString(home.resolve("RELEASE"), "Spark 4.2.0 (the jars of qmoe's target/spark-lib)\n");
        return home;
    }

    private Process java(Path home, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", home.resolve("jars") + File.separator + "*"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return pb.start();
    }

    /** Waits until {@code log} has a line containing {@code text} (or the process ended, or a minute passed). */
    private static void await(Process p, Path log, String text) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no '" + text + "' in " + log + ":\n" + Files.readString(log));
    }

    /** Stops a JVM this test started, and what it started (the worker's executors), by PID. */
    private static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle c : children) {
            c.destroy();
        }
    }

    private static String[] with(String[] common, String... more) {
        String[] all = java.util.Arrays.copyOf(common, common.length + more.length);
        System.arraycopy(more, 0, all, common.length, more.length);
        return all;
    }

    @Test
    void analyzeAndTrainSubmittedToAStandaloneClusterWriteTheThreadPathsFiles() throws Exception {
        Path home = sparkHome();
        Path circuit = dir.resolve("q.qasm");
        Files.writeString(circuit, EvalAndCircuitsCommandTest.QUBIT);
        int port = freePort();
        Path work = Files.createDirectories(dir.resolve("work"));
        Process master = null;
        Process worker = null;
        try {
            Path masterLog = dir.resolve("master.log");
            master = java(home, masterLog, "-Dspark.master.rest.enabled=false",
                    "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port),
                    "--webui-port", String.valueOf(freePort()));
            await(master, masterLog, "I have been elected leader");
            Path workerLog = dir.resolve("worker.log");
            worker = java(home, workerLog, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                    "--webui-port", String.valueOf(freePort()), "--cores", "2", "--memory", "1g", "--work-dir",
                    work.toString(), "spark://127.0.0.1:" + port);
            await(worker, workerLog, "Successfully registered with master");

            // the analysis: reference of 4100 particles (five blocks: partitioned on the executors)
            String[] analyze = {"analyze", "--circuit", circuit.toString(), "--experts", "8,16", "--seeds", "2",
                "--reference-size", "4100", "--time", "0.2", "--dt", "0.1", "--grid", "8", "--quiet", "--out"};
            CliRunner.Result threads = CliRunner.run(with(analyze, dir.resolve("threads").toString()));
            assertThat(threads.code()).as(threads.err()).isZero();
            submit(home, port, "analyze", with(analyze, dir.resolve("cluster").toString()));
            for (String f : new String[] {"distances.csv", "fits.csv", "loss.csv", "fluctuations.csv", "data.csv",
                "samples/N8-s0.json", "samples/N8-s1.json", "samples/N16-s0.json", "samples/N16-s1.json",
                "samples/config.txt"}) {
                assertThat(Files.readString(dir.resolve("cluster").resolve(f))).as(f)
                        .isEqualTo(Files.readString(dir.resolve("threads").resolve(f)));
            }
            ObjectNode a = (ObjectNode) Json.read(dir.resolve("threads/summary.json"));
            ObjectNode b = (ObjectNode) Json.read(dir.resolve("cluster/summary.json"));
            a.remove("seconds");
            b.remove("seconds");
            assertThat(Json.text(b)).isEqualTo(Json.text(a));

            // training: 2500 experts in three blocks on the executors
            String[] train = {"train", "--circuit", circuit.toString(), "--experts", "2500", "--time", "0.2", "--dt",
                "0.1", "--seed", "3", "--quiet", "--out"};
            CliRunner.Result local = CliRunner.run(with(train, dir.resolve("train-threads").toString()));
            assertThat(local.code()).as(local.err()).isZero();
            submit(home, port, "train", with(train, dir.resolve("train-cluster").toString()));
            for (String f : new String[] {"run.json", "history.csv", "data.csv", "angles-final.csv",
                "angles-t0.0000.csv", "angles-t0.1000.csv", "angles-t0.2000.csv", "loss.png", "predictions.png"}) {
                assertThat(Files.readAllBytes(dir.resolve("train-cluster").resolve(f))).as(f)
                        .isEqualTo(Files.readAllBytes(dir.resolve("train-threads").resolve(f)));
            }
            // the work ran in executors the worker launched (one application folder per submit), not in the driver
            try (Stream<Path> apps = Files.list(work)) {
                assertThat(apps.filter(p -> p.getFileName().toString().startsWith("app-")).count()).isEqualTo(2);
            }
        } finally {
            stop(worker);
            stop(master);
        }
    }

    private void submit(Path home, int port, String name, String[] args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit", "--master",
                "spark://127.0.0.1:" + port, "--conf", "spark.driver.host=127.0.0.1", "--conf",
                "spark.executor.memory=512m", "--conf", "spark.ui.enabled=false", "--class", "io.qmoe.cli.QmoeCommand",
                TARGET.resolve("qmoe-cli.jar").toString()));
        cmd.addAll(List.of(args));
        Path log = dir.resolve("submit-" + name + ".log");
        Process p = java(home, log, cmd.toArray(String[]::new));
        try {
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("spark-submit " + name + " ended in 5 minutes").isTrue();
            assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            stop(p);
        }
    }
}
