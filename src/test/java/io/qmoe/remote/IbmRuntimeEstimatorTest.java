package io.qmoe.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.gradient.ParameterShiftGradient;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.GradientFlowTrainer;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.RungeKutta4Integrator;
import io.qmoe.mixture.Tasks;
import io.qmoe.mixture.TimeGrid;
import io.qmoe.mixture.TrainingObserver;
import io.qmoe.testing.RandomCircuits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IbmRuntimeEstimatorTest {
    private FakeRuntimeServer server;
    private final StateVectorEstimator exact = new StateVectorEstimator(1);
    private final ParametricCircuit circuit = ParametricCircuit.builder(2).trainable("t0", "t1", "t10").data("x0")
            .ry(0, "t0").rx(1, "x0 + t10").cx(0, 1).gate(GateKind.CRZ, "2*t1", 1, 0).h(1).build();
    private final PauliObservable observable = PauliObservable.parse("0.5*Z0 + X0Y1 - 0.25");
    private final double[][] bindings = {{0.1, 0.2, 0.3, 0.4}, {1.0, -2.0, 0.5, 3.0}, {2.5, 0.7, -1.1, 0.0}};

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        server = new FakeRuntimeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private IbmRuntimeConfig config() {
        return IbmRuntimeConfig.fromEnvironment("fake_backend", Map.of("QMOE_IBM_URL", server.url().toString(),
                "QMOE_IBM_IAM_URL", server.iamUrl().toString(), "QMOE_IBM_INSTANCE", "crn:test",
                "QMOE_IBM_PRECISION", "0.01", "QMOE_IBM_INSECURE_LOOPBACK", "1"))
                .withTiming(Duration.ofMillis(1000), Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMillis(400),
                        4, Duration.ofMillis(2), Duration.ofMillis(20));
    }

    private IbmRuntimeEstimator estimator(JobJournal journal) {
        return new IbmRuntimeEstimator(config(), ApiToken.of(FakeRuntimeServer.TOKEN), journal,
                d -> Thread.sleep(d.toMillis()), System::currentTimeMillis);
    }

    private void matchesExact(double[] values) {
        double[] expected = exact.values(circuit, observable, bindings);
        for (int i = 0; i < expected.length; i++) {
            assertThat(values[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    @Test
    void nativeDecompositionIsExactUpToGlobalPhaseForEveryGate() {
        SplittableRandom rnd = new SplittableRandom(31);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rnd.nextInt(3);
            ParametricCircuit c = RandomCircuits.circuit(rnd, n, 12, false);
            PauliObservable o = RandomCircuits.observable(rnd, n);
            double[] in = RandomCircuits.inputs(rnd, c);
            for (NativeGateDecomposer.Entangler e : NativeGateDecomposer.Entangler.values()) {
                GateKind two = e == NativeGateDecomposer.Entangler.CZ ? GateKind.CZ : GateKind.CX;
                ParametricCircuit nat = NativeGateDecomposer.decompose(c, e);
                assertThat(nat.gates()).allMatch(g -> g.kind() == GateKind.RZ || g.kind() == GateKind.SX
                        || g.kind() == GateKind.X || g.kind() == two);
                assertThat(exact.value(nat, o, in)).isCloseTo(exact.value(c, o, in), within(1e-12));
            }
        }
    }

    @Test
    void oneBatchIsOneJobAndMatchesTheSimulator() {
        IbmRuntimeEstimator est = estimator(null);
        matchesExact(est.values(circuit, observable, bindings));
        assertThat(server.posts.get()).isEqualTo(1);
        assertThat(IbmRuntimeEstimator.program(circuit, NativeGateDecomposer.Entangler.CZ))
                .contains("input float[64] p0002;").contains("cz q[").doesNotContain("cx ").doesNotContain("t10");
    }

    @Test
    void retriesRateLimitsServerErrorsDropsAndSlowAnswers() {
        for (FakeRuntimeServer.Fault f : new FakeRuntimeServer.Fault[] {FakeRuntimeServer.Fault.RATE_LIMIT,
            FakeRuntimeServer.Fault.SERVER_ERRORS, FakeRuntimeServer.Fault.DROP, FakeRuntimeServer.Fault.SLOW}) {
            server.fault = f;
            server.faultsLeft = 2;
            matchesExact(estimator(null).values(circuit, observable, bindings));
        }
    }

    @Test
    void persistentServerErrorsEndInAClearError() {
        server.fault = FakeRuntimeServer.Fault.SERVER_ERRORS;
        server.faultsLeft = 100;
        assertThatThrownBy(() -> estimator(null).values(circuit, observable, bindings))
                .isInstanceOf(RemoteJobException.class)
                .hasMessageContaining("failed after 4 attempts: HTTP 503");
    }

    @Test
    void badAnswersAreRejectedNeverTurnedIntoNumbers() {
        Map<FakeRuntimeServer.Fault, String> expected = Map.of(
                FakeRuntimeServer.Fault.MALFORMED, "not valid JSON",
                FakeRuntimeServer.Fault.PARTIAL, "2 'evs' values for 3 bindings",
                FakeRuntimeServer.Fault.NOT_A_NUMBER, "'evs'[0] is not a finite number",
                FakeRuntimeServer.Fault.FAILED, "failed: calibration drift",
                FakeRuntimeServer.Fault.CANCELLED, "cancelled",
                FakeRuntimeServer.Fault.NEVER_FINISHES, "did not finish within",
                FakeRuntimeServer.Fault.NO_ID, "no job id");
        for (var e : expected.entrySet()) {
            server.fault = e.getKey();
            server.faultsLeft = 100;
            Throwable t = catchThrowable(() -> estimator(null).values(circuit, observable, bindings));
            assertThat(t).as(e.getKey().name()).isInstanceOf(RemoteJobException.class)
                    .hasMessageContaining(e.getValue());
            if (e.getKey() != FakeRuntimeServer.Fault.NO_ID) {
                assertThat(t.getMessage()).containsPattern("job-\\d+");
            }
            assertThat(t.getMessage()).doesNotContain(FakeRuntimeServer.TOKEN).doesNotContain("\n");
        }
    }

    @Test
    void wrongTokenIsAClearErrorWithoutTheToken() {
        IbmRuntimeEstimator est = new IbmRuntimeEstimator(config(), ApiToken.of("wrong-token-123"), null,
                d -> { }, System::currentTimeMillis);
        assertThatThrownBy(() -> est.values(circuit, observable, bindings))
                .hasMessageContaining("exchanging the API key for an IAM token").hasMessageContaining("HTTP 400")
                .hasMessageNotContaining("wrong-token-123");
    }

    @Test
    void anInterruptedRunFetchesItsJobInsteadOfPayingAgain() throws Exception {
        Path journalFile = dir.resolve("jobs.json");
        double[] first = estimator(new JobJournal(journalFile)).values(circuit, observable, bindings);
        assertThat(server.posts.get()).isEqualTo(1);
        double[] again = estimator(new JobJournal(journalFile)).values(circuit, observable, bindings);
        assertThat(server.posts.get()).isEqualTo(1);
        assertThat(again).isEqualTo(first);
        String journal = Files.readString(journalFile);
        assertThat(journal).contains("job-1").doesNotContain(FakeRuntimeServer.TOKEN);
    }

    @Test
    void aFailedJobIsJournalledAsFailedAndSubmittedAnewWhenTheRunIsRepeated() throws Exception {
        Path journalFile = dir.resolve("jobs.json");
        server.fault = FakeRuntimeServer.Fault.FAILED;
        assertThatThrownBy(() -> estimator(new JobJournal(journalFile)).values(circuit, observable, bindings))
                .hasMessageContaining("job job-1 failed");
        assertThat(Files.readString(journalFile)).contains("\"state\" : \"failed\"");
        server.fault = FakeRuntimeServer.Fault.NONE;
        matchesExact(estimator(new JobJournal(journalFile)).values(circuit, observable, bindings));
        assertThat(server.posts.get()).isEqualTo(2);
        assertThat(Files.readString(journalFile)).contains("job-2").contains("\"state\" : \"completed\"");
    }

    @Test
    void aTrainingRunThroughTheServiceMatchesTheSimulator() {
        IbmRuntimeEstimator remote = estimator(null);
        Expert viaRemote = new Expert(circuit, observable, remote, new ParameterShiftGradient(remote));
        Expert local = new Expert(circuit, observable, exact, new ParameterShiftGradient(exact));
        Dataset data = Tasks.teacher(local, 4, 0);
        double[] a = new MixtureOfExperts(local, 3).initialAngles(5);
        double[] b = a.clone();
        TimeGrid grid = new TimeGrid(0.2, 2);
        new GradientFlowTrainer(new MixtureOfExperts(local, 3), data, new RungeKutta4Integrator(), grid)
                .run(a, 0, 2, TrainingObserver.NONE);
        int before = server.posts.get();
        new GradientFlowTrainer(new MixtureOfExperts(viaRemote, 3, Integer.MAX_VALUE), data,
                new RungeKutta4Integrator(), grid).run(b, 0, 2, TrainingObserver.NONE);
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).isCloseTo(a[i], within(1e-12));
        }
        // two RK4 steps: 4 gradient evaluations each, one job apiece, plus one value-only job for the final loss
        assertThat(server.posts.get() - before).isEqualTo(9);
    }

    @Test
    void tokensComeFromTheEnvironmentOrAPrivateFileAndPlainHttpOnlyToLoopback() throws Exception {
        assertThat(ApiToken.fromEnvironment(Map.of("T", "abc"), "T", "F").toString()).doesNotContain("abc");
        Path file = dir.resolve("token");
        Files.writeString(file, "from-file\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ApiToken.fromFile(file)).hasMessageContaining("chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ApiToken.fromFile(file).value()).isEqualTo("from-file");
        assertThatThrownBy(() -> ApiToken.fromEnvironment(Map.of(), "T", "F")).hasMessageContaining("set T or F");
        assertThatThrownBy(() -> IbmRuntimeConfig.fromEnvironment("b", Map.of("QMOE_IBM_URL",
                "http://example.com/api", "QMOE_IBM_INSECURE_LOOPBACK", "1"))).hasMessageContaining("plain HTTP");
        assertThatThrownBy(() -> IbmRuntimeConfig.fromEnvironment("b", Map.of("QMOE_IBM_URL",
                server.url().toString()))).hasMessageContaining("plain HTTP");
        assertThatThrownBy(() -> IbmRuntimeConfig.fromEnvironment("b", Map.of("QMOE_IBM_URL",
                server.url().toString(), "QMOE_IBM_IAM_URL", "http://example.com/identity/token",
                "QMOE_IBM_INSECURE_LOOPBACK", "1"))).hasMessageContaining("plain HTTP");
    }
}
