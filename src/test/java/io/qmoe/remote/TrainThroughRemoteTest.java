package io.qmoe.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole {@code qmoe train} run in a child JVM, configured only through the environment as a user would, against the
 * loopback fake service: it matches the state-vector run, and the token appears in no output and no file.
 */
class TrainThroughRemoteTest {
    @TempDir
    Path dir;

    private static final String CIRCUIT = "OPENQASM 3.0;\nqubit[1] q;\ninput float[64] t0;\ninput float[64] t1;\n"
            + "input float[64] x0;\n#pragma qmoe data x0\nry(t0) q[0];\nrx(x0) q[0];\nry(t1) q[0];\n";

    private record Run(int code, String output) {
    }

    private Run qmoe(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.qmoe.cli.QmoeCommand"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void trainingThroughTheServiceMatchesTheStateVectorRun() throws Exception {
        Path circuit = dir.resolve("q.qasm");
        Files.writeString(circuit, CIRCUIT);
        try (FakeRuntimeServer server = new FakeRuntimeServer()) {
            server.pollsBeforeDone = 0;
            Map<String, String> env = Map.of("QMOE_IBM_URL", server.url().toString(), "QMOE_IBM_IAM_URL",
                    server.iamUrl().toString(), "QMOE_IBM_TOKEN", FakeRuntimeServer.TOKEN,
                    "QMOE_IBM_INSECURE_LOOPBACK", "1", "CI", "true");
            String[] common = {"train", "--circuit", circuit.toString(), "--experts", "4", "--task", "teacher:3",
                    "--time", "0.2", "--dt", "0.1", "--gradient", "parameter-shift", "--quiet"};
            Run remote = qmoe(env, concat(common, "--backend", "ibm-runtime:fake_device", "--out",
                    dir.resolve("remote").toString()));
            assertThat(remote.code()).as(remote.output()).isZero();
            Run local = qmoe(Map.of("CI", "true"), concat(common, "--backend", "statevector", "--out",
                    dir.resolve("local").toString()));
            assertThat(local.code()).as(local.output()).isZero();
            List<String> a = Files.readAllLines(dir.resolve("remote/angles-final.csv"));
            List<String> b = Files.readAllLines(dir.resolve("local/angles-final.csv"));
            for (int i = 1; i < a.size(); i++) {
                String[] x = a.get(i).split(",");
                String[] y = b.get(i).split(",");
                for (int k = 0; k < x.length; k++) {
                    assertThat(Double.parseDouble(x[k])).isCloseTo(Double.parseDouble(y[k]),
                            org.assertj.core.api.Assertions.within(1e-12));
                }
            }
            // 2 RK4 steps = 8 gradient jobs + 1 final evaluation (+ 1 job for the teacher task's targets)
            assertThat(server.posts.get()).isEqualTo(10);
            assertThat(dir.resolve("remote/jobs.json")).exists();
            assertThat(remote.output()).doesNotContain(FakeRuntimeServer.TOKEN);
            // one batch session for the whole run, closed when the command ended
            assertThat(server.sessionModes).containsOnlyKeys("session-1").containsValue("batch");
            assertThat(server.jobSessions.values()).containsOnly("session-1");
            assertThat(server.closedSessions).containsExactly("session-1");
            assertThat(Files.readString(dir.resolve("remote/jobs.json"))).contains("\"mode\" : \"batch\"")
                    .contains("\"session\" : \"session-1\"");
            try (Stream<Path> files = Files.walk(dir.resolve("remote"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1)).as(f.toString())
                            .doesNotContain(FakeRuntimeServer.TOKEN);
                }
            }
            Run insecure = qmoe(Map.of("QMOE_IBM_URL", server.url().toString(), "QMOE_IBM_IAM_URL",
                    server.iamUrl().toString(), "QMOE_IBM_TOKEN", "x", "CI", "true"),
                    concat(common, "--backend", "ibm-runtime:fake_device", "--out", dir.resolve("x").toString()));
            assertThat(insecure.code()).isEqualTo(2);
            assertThat(insecure.output()).contains("plain HTTP").doesNotContain("Exception");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
