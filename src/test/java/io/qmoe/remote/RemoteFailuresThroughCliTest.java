package io.qmoe.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code qmoe train} in a child JVM against a misbehaving loopback service, configured only through the environment:
 * every remote failure ends with exit code 2 and one line on standard error, and neither the API key nor any bearer
 * token appears on either stream or in any file of the run folder.
 */
class RemoteFailuresThroughCliTest {
    private static final String CIRCUIT = "OPENQASM 3.0;\nqubit[1] q;\ninput float[64] t0;\ninput float[64] x0;\n"
            + "#pragma qmoe data x0\nry(t0) q[0];\nrx(x0) q[0];\n";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run qmoe(Map<String, String> env, Path runFolder) throws IOException, InterruptedException {
        Path circuit = dir.resolve("q.qasm");
        Files.writeString(circuit, CIRCUIT);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.qmoe.cli.QmoeCommand", "train", "--circuit",
                circuit.toString(), "--experts", "2", "--task", "teacher:2", "--time", "0.1", "--dt", "0.1",
                "--gradient", "parameter-shift", "--quiet", "--backend", "ibm-runtime:fake_device", "--out",
                runFolder.toString()));
        Path out = dir.resolve(runFolder.getFileName() + ".out");
        Path err = dir.resolve(runFolder.getFileName() + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("QMOE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Map<String, String> env(FakeRuntimeServer server) {
        Map<String, String> env = new HashMap<>(Map.of("QMOE_IBM_URL", server.url().toString(), "QMOE_IBM_IAM_URL",
                server.iamUrl().toString(), "QMOE_IBM_TOKEN", FakeRuntimeServer.TOKEN, "QMOE_IBM_INSECURE_LOOPBACK",
                "1", "CI", "true", "QMOE_IBM_TIMEOUT_SECONDS", "0.5", "QMOE_IBM_RETRY_AFTER_CAP_SECONDS", "0.05",
                "QMOE_IBM_RETRY_BASE_SECONDS", "0.01", "QMOE_IBM_POLL_SECONDS", "0.01"));
        return env;
    }

    /** Exit code 2, one line on stderr containing {@code expected}, and no secret on either stream or in a file. */
    private void failsCleanly(Run r, Path runFolder, FakeRuntimeServer server, String expected) throws IOException {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("qmoe: ").contains(expected).doesNotContain("Exception");
        List<String> secrets = new ArrayList<>(server.issuedTokens());
        secrets.add(FakeRuntimeServer.TOKEN);
        List<String> texts = new ArrayList<>(List.of(r.out(), r.err()));
        if (Files.exists(runFolder)) {
            try (Stream<Path> files = Files.walk(runFolder)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    texts.add(Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
        }
        for (String text : texts) {
            for (String s : secrets) {
                assertThat(text).doesNotContain(s);
            }
        }
    }

    /** Four child JVMs, about 4 s each on a shared 2-core machine: run with {@code -Pslow}. */
    @Test
    @Tag("slow")
    void remoteFailuresEndWithExitCode2OneLineAndNoSecretAnywhere() throws Exception {
        Map<FakeRuntimeServer.Fault, String> cases = new java.util.LinkedHashMap<>();
        cases.put(FakeRuntimeServer.Fault.HUGE_RETRY_AFTER, "failed after 6 attempts: HTTP 503");
        cases.put(FakeRuntimeServer.Fault.NEGATIVE_RETRY_AFTER, "failed after 6 attempts: HTTP 503");
        cases.put(FakeRuntimeServer.Fault.TRICKLE, "no whole answer within 500 ms");
        cases.put(FakeRuntimeServer.Fault.ECHO_TOKEN_FAILED, "failed: bad credentials key=****");
        for (var c : cases.entrySet()) {
            try (FakeRuntimeServer server = new FakeRuntimeServer()) {
                server.fault = c.getKey();
                server.faultsLeft = 1000;
                Path runFolder = dir.resolve("run-" + c.getKey().name());
                long t0 = System.nanoTime();
                Run r = qmoe(env(server), runFolder);
                failsCleanly(r, runFolder, server, c.getValue());
                // a 86400 s Retry-After is capped: the run ends in seconds, not a day
                assertThat((System.nanoTime() - t0) / 1e9).as(c.getKey().name()).isLessThan(30);
                if (c.getKey() == FakeRuntimeServer.Fault.ECHO_TOKEN_FAILED) {
                    assertThat(r.err()).containsPattern("job job-\\d+ failed");
                }
            }
        }
    }

    @Test
    void badConfigurationAndTokensAreOneLineNamingTheVariable() throws Exception {
        try (FakeRuntimeServer server = new FakeRuntimeServer()) {
            Map<String, String> e = env(server);
            e.put("QMOE_IBM_PRECISION", "abc");
            Path run = dir.resolve("run-precision");
            failsCleanly(qmoe(e, run), run, server, "QMOE_IBM_PRECISION: 'abc' is not a number");
            e = env(server);
            e.put("QMOE_IBM_TOKEN", FakeRuntimeServer.TOKEN + "\ncrn:v1:x");
            run = dir.resolve("run-token");
            Run r = qmoe(e, run);
            failsCleanly(r, run, server, "QMOE_IBM_TOKEN has a line break at position 18");
            assertThat(r.err()).doesNotContain("crn:v1:x");
            assertThat(server.requests.get() + server.iamRequests.get()).isZero();
        }
    }
}
