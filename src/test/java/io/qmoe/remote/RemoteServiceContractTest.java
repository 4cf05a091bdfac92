package io.qmoe.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.qasm.QasmReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against the loopback fake of IAM and Qiskit Runtime, one behaviour of the real service per test: input
 * renaming, IAM token life, duplicate-free submission, sessions, result formats, impossible results, bounded waits and
 * secrets. Expected values come from the state-vector engine run on the <em>original</em> circuit.
 */
class RemoteServiceContractTest {
    private FakeRuntimeServer server;
    private final StateVectorEstimator exact = new StateVectorEstimator(1);
    private final ParametricCircuit circuit = ParametricCircuit.builder(2).trainable("a", "b").data("x")
            .ry(0, "a").rx(1, "x + b").cx(0, 1).rz(1, "a*x").h(0).build();
    private final PauliObservable observable = PauliObservable.parse("0.5*Z0 + X0Y1 - 0.25*Z1");
    private final double[][] bindings = {{0.1, 0.2, 0.3}, {1.0, -2.0, 0.5}, {2.5, 0.7, -1.1}};
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    private final List<Duration> sleeps = new ArrayList<>();

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

    private IbmRuntimeConfig config(String session) {
        Map<String, String> env = new HashMap<>(Map.of("QMOE_IBM_URL", server.url().toString(), "QMOE_IBM_IAM_URL",
                server.iamUrl().toString(), "QMOE_IBM_INSECURE_LOOPBACK", "1", "QMOE_IBM_SESSION", session));
        return IbmRuntimeConfig.fromEnvironment("fake_backend", env).withTiming(Duration.ofMillis(1000),
                Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofMillis(2000), 4, Duration.ofMillis(2),
                Duration.ofMillis(20));
    }

    private IbmRuntimeEstimator estimator(String session, JobJournal journal) {
        return new IbmRuntimeEstimator(config(session), ApiToken.of(FakeRuntimeServer.TOKEN), journal, d -> {
            synchronized (sleeps) {
                sleeps.add(d);
            }
            Thread.sleep(d.toMillis());
        }, clock::get);
    }

    private IbmRuntimeEstimator estimator() {
        return estimator("batch", null);
    }

    private void matchesExact(ParametricCircuit c, double[] values) {
        double[] expected = exact.values(c, observable, bindings);
        assertThat(values).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(values[i]).isCloseTo(expected[i], within(1e-12));
        }
    }

    private String failure(Runnable r) {
        Throwable t = catchThrowable(r::run);
        assertThat(t).isInstanceOf(RemoteJobException.class);
        String m = t.getMessage();
        assertThat(m).doesNotContain("\n").doesNotContain("\r").doesNotContain(FakeRuntimeServer.TOKEN);
        for (String bearer : server.issuedTokens()) {
            assertThat(m).doesNotContain(bearer);
        }
        return m;
    }

    @Test
    void inputsAlreadyNamedLikeTheRenamingTargetsKeepTheirOwnValues() {
        // p0001 is input 0 and p0000 input 1: renaming by text turned both into p0001
        ParametricCircuit c = ParametricCircuit.builder(2).trainable("p0001", "p0000").data("p00001")
                .ry(0, "p0001").rx(1, "p0000 + 2*p00001").cx(0, 1).rz(1, "p0001*p0000").build();
        String qasm = IbmRuntimeEstimator.program(c, NativeGateDecomposer.Entangler.CZ);
        ParametricCircuit back = QasmReader.parse(qasm, "sent.qasm").circuit();
        assertThat(back.allNames()).containsExactly("p0000", "p0001", "p0002");
        for (double[] b : bindings) {
            assertThat(exact.value(back, observable, b)).isCloseTo(exact.value(c, observable, b), within(1e-12));
        }
        matchesExact(c, estimator().values(c, observable, bindings));
    }

    @Test
    void theBearerIsCachedRefreshedAfterFourFifthsOfItsLifeAndOnceAfterA401() {
        server.tokenLifeSeconds = 100;
        IbmRuntimeEstimator est = estimator();
        matchesExact(circuit, est.values(circuit, observable, bindings));
        matchesExact(circuit, est.values(circuit, observable, bindings));
        assertThat(server.iamRequests.get()).isEqualTo(1);
        clock.addAndGet(79_000); // 79 s of 100: still fresh
        est.values(circuit, observable, bindings);
        assertThat(server.iamRequests.get()).isEqualTo(1);
        clock.addAndGet(2_000); // 81 s: past 80 %, fetched again before it expires
        est.values(circuit, observable, bindings);
        assertThat(server.iamRequests.get()).isEqualTo(2);
        server.revokeTokens(); // the service no longer takes it: one 401, one new token, success
        matchesExact(circuit, est.values(circuit, observable, bindings));
        assertThat(server.iamRequests.get()).isEqualTo(3);
    }

    @Test
    void aTokenAnswerWithOnlyAnExpirationTimeIsRefreshedBeforeThatTime() {
        server.tokenLifeSeconds = 100;
        server.expirationOnly = true;
        IbmRuntimeEstimator est = estimator();
        est.values(circuit, observable, bindings);
        // expiration is whole seconds, so the life is 99 to 100 s and the refresh due after 79.2 to 80 s
        clock.addAndGet(79_000);
        est.values(circuit, observable, bindings);
        assertThat(server.iamRequests.get()).isEqualTo(1);
        clock.addAndGet(2_000);
        matchesExact(circuit, est.values(circuit, observable, bindings));
        assertThat(server.iamRequests.get()).isEqualTo(2);
    }

    @Test
    void aServiceThatRefusesEveryTokenEndsAfterOneRefreshWithoutShowingIt() {
        server.fault = FakeRuntimeServer.Fault.REJECT_TOKENS;
        String m = failure(() -> estimator().values(circuit, observable, bindings));
        assertThat(m).contains("HTTP 401").contains("refused the credentials");
        assertThat(server.iamRequests.get()).isEqualTo(2);
    }

    @Test
    void aConnectionDroppedAfterTheJobWasAcceptedLeavesExactlyOneJob() {
        server.fault = FakeRuntimeServer.Fault.DROP_AFTER_ACCEPT;
        server.faultsLeft = 1;
        matchesExact(circuit, estimator("none", null).values(circuit, observable, bindings));
        assertThat(server.jobs).hasSize(1);
        assertThat(server.posts.get()).isEqualTo(1);
    }

    @Test
    void aConnectionDroppedBeforeTheJobWasAcceptedIsSubmittedOnceMore() {
        server.fault = FakeRuntimeServer.Fault.DROP;
        server.faultsLeft = 1;
        matchesExact(circuit, estimator("none", null).values(circuit, observable, bindings));
        assertThat(server.jobs).hasSize(1);
        assertThat(server.jobTags).hasSize(1);
    }

    @Test
    void aRunStoppedWhileItsJobWasBeingCreatedFindsTheJobByTagWhenResumed() {
        Path journal = dir.resolve("jobs.json");
        server.fault = FakeRuntimeServer.Fault.DROP_AFTER_ACCEPT;
        server.listFails = true; // the first run cannot find out whether its job exists, and stops
        failure(() -> estimator("none", new JobJournal(journal)).values(circuit, observable, bindings));
        assertThat(server.jobs).hasSize(1);
        server.fault = FakeRuntimeServer.Fault.NONE;
        server.listFails = false;
        matchesExact(circuit, estimator("none", new JobJournal(journal)).values(circuit, observable, bindings));
        assertThat(server.jobs).hasSize(1);
        assertThat(server.posts.get()).isEqualTo(1);
    }

    @Test
    void aRateLimitedJobCreationIsNotRepeatedAsTheOfficialClientDoesNot() {
        server.fault = FakeRuntimeServer.Fault.RATE_LIMIT_POST;
        server.faultsLeft = 100;
        String m = failure(() -> estimator("none", null).values(circuit, observable, bindings));
        assertThat(m).isEqualTo("submitting the job failed: HTTP 429: {\"errors\":[{\"message\":\"too many jobs\"}]}");
        assertThat(server.faultsLeft).isEqualTo(99);
    }

    @Test
    void aRunsJobsShareOneSessionThatIsClosedAndJournalled() throws Exception {
        for (String mode : new String[] {"batch", "dedicated"}) {
            Path journal = dir.resolve(mode + ".json");
            try (IbmRuntimeEstimator est = estimator(mode, new JobJournal(journal))) {
                est.values(circuit, observable, bindings);
                est.values(circuit, observable, new double[][] {bindings[0]});
                String id = est.sessionId();
                assertThat(server.sessionModes).containsEntry(id, mode);
                assertThat(server.jobSessions.values().stream().filter(id::equals)).hasSize(2);
                String text = Files.readString(journal);
                assertThat(text).contains("\"mode\" : \"" + mode + "\"").contains("\"session\" : \"" + id + "\"")
                        .contains("\"tag\" : \"qmoe-");
            }
        }
        assertThat(server.closedSessions).containsExactlyInAnyOrder("session-1", "session-2");
    }

    @Test
    void theTypedResultFormatsOfTheCurrentServiceAreRead() {
        for (FakeRuntimeServer.ResultFormat f : FakeRuntimeServer.ResultFormat.values()) {
            server.format = f;
            matchesExact(circuit, estimator().values(circuit, observable, bindings));
        }
        assertThat(server.apiVersions).containsOnly(IbmRuntimeConfig.DEFAULT_API_VERSION);
    }

    @Test
    void impossibleResultsAreRefusedNamingTheJob() {
        Map<FakeRuntimeServer.Fault, String> expected = Map.of(
                FakeRuntimeServer.Fault.OUT_OF_BOUND, "'evs'[0] = 1000.0 is impossible",
                FakeRuntimeServer.Fault.NEGATIVE_STD, "'stds'[0] = -0.01 is a negative standard error",
                FakeRuntimeServer.Fault.NAN_STD, "'stds'[0] is not a finite number",
                FakeRuntimeServer.Fault.NO_STDS, "no 'stds'");
        for (FakeRuntimeServer.ResultFormat f : new FakeRuntimeServer.ResultFormat[] {
            FakeRuntimeServer.ResultFormat.PLAIN, FakeRuntimeServer.ResultFormat.WRAPPED_NPY}) {
            server.format = f;
            for (var e : expected.entrySet()) {
                server.fault = e.getKey();
                String m = failure(() -> estimator().values(circuit, observable, bindings));
                assertThat(m).as(f + " " + e.getKey()).containsPattern("job job-\\d+").contains(e.getValue());
            }
        }
    }

    @Test
    void tokensEchoedByTheServiceAreScrubbedFromFailureReasonsAndErrorBodies() throws Exception {
        server.fault = FakeRuntimeServer.Fault.ECHO_TOKEN_FAILED;
        Path journal = dir.resolve("jobs.json");
        String m = failure(() -> estimator("batch", new JobJournal(journal)).values(circuit, observable, bindings));
        assertThat(m).containsPattern("job job-\\d+ failed: bad credentials key=\\*\\*\\*\\* header=Bearer \\*\\*\\*\\*");
        server.fault = FakeRuntimeServer.Fault.ECHO_TOKEN_ERROR;
        m = failure(() -> estimator().values(circuit, observable, bindings));
        assertThat(m).contains("HTTP 400");
        String text = Files.readString(journal);
        assertThat(text).doesNotContain(FakeRuntimeServer.TOKEN);
        for (String bearer : server.issuedTokens()) {
            assertThat(text).doesNotContain(bearer);
        }
    }

    @Test
    void retryAfterIsCappedAndNegativeOrGarbageCountsAsAbsent() {
        for (FakeRuntimeServer.Fault f : new FakeRuntimeServer.Fault[] {FakeRuntimeServer.Fault.HUGE_RETRY_AFTER,
            FakeRuntimeServer.Fault.NEGATIVE_RETRY_AFTER, FakeRuntimeServer.Fault.GARBAGE_RETRY_AFTER}) {
            server.fault = f;
            server.faultsLeft = 2;
            sleeps.clear();
            matchesExact(circuit, estimator().values(circuit, observable, bindings));
            // cap 20 ms; the back-off without Retry-After is 2 ms doubled per attempt, ±50 %
            assertThat(sleeps).as(f.name()).allMatch(d -> d.toMillis() <= 20);
            if (f != FakeRuntimeServer.Fault.HUGE_RETRY_AFTER) {
                assertThat(sleeps).as(f.name()).allMatch(d -> d.toMillis() < 6);
            } else {
                assertThat(sleeps).anyMatch(d -> d.toMillis() == 20);
            }
        }
    }

    @Test
    void aBodyThatTricklesInTimesOutAndIsAskedForAgain() {
        server.fault = FakeRuntimeServer.Fault.TRICKLE;
        server.faultsLeft = 1;
        long t0 = System.nanoTime();
        matchesExact(circuit, estimator().values(circuit, observable, bindings));
        // the trickling answer would take 3 s; the whole-answer deadline is 1000 ms
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.5);
        server.faultsLeft = 100;
        String m = failure(() -> estimator().values(circuit, observable, bindings));
        assertThat(m).contains("no whole answer within 1000 ms");
    }
}
