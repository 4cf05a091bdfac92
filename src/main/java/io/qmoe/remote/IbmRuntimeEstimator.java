package io.qmoe.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.backend.Estimates;
import io.qmoe.backend.Estimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An {@link Estimator} backed by the IBM Quantum (Qiskit Runtime) REST API, Estimator V2 primitive. One
 * {@link #estimate} call is <b>one job</b> with one PUB: the circuit in native gates as OpenQASM 3 with
 * {@code input float[64]} parameters, the observable, and every binding of the batch as one parameter-value array
 * (job creation is rate-limited, so a training step must not be many jobs). A run's jobs share one session in
 * {@code batch} (or {@code dedicated}) mode, opened with the first job and closed by {@link #close()}.
 *
 * <p>Request and response shapes relied on (Qiskit Runtime REST API, Estimator V2):
 * <pre>
 * POST IAM_URL  grant_type=urn:ibm:params:oauth:grant-type:apikey&amp;apikey=KEY → {"access_token": T, "expires_in": S}
 * every request below: Authorization: Bearer T, Service-CRN: CRN, IBM-API-Version: DATE
 * GET  {base}/v1/backends/NAME/configuration → {"n_qubits": n, "basis_gates": [...], "coupling_map": [[a, b], …]}
 * POST {base}/v1/sessions  {"mode": "batch", "backend": NAME} → {"id": SESSION}
 * POST {base}/v1/jobs   {"program_id": "estimator", "backend": NAME, "session_id": SESSION, "tags": [TAG],
 *    "params": {"version": 2, "pubs": [[QASM3, {"IIZ": 1.0, …}, [[v…], …], PRECISION]]}}  → {"id": JOB}
 * GET  {base}/v1/jobs?tags=TAG&amp;exclude_params=true → {"jobs": [{"id": JOB, …}], "count": n}
 * GET  {base}/v1/jobs/JOB          → {"status": "Queued"|"Running"|"Completed"|"Failed"|"Cancelled",
 *                                      "state": {"status": …, "reason": …}}
 * GET  {base}/v1/jobs/JOB/results  → plain or typed-JSON result, see {@link EstimatorResultReader}
 * PATCH {base}/v1/sessions/SESSION {"accepting_jobs": false}
 * </pre>
 * The circuit is decomposed to the device's basis (rz, sx, x and cz, ecr or cx), placed on a connected set of its
 * qubits and routed with SWAPs over its coupling map ({@link CouplingRouter}); the observable follows the final
 * layout. A circuit that cannot be mapped is refused before anything is submitted.
 * Parameters are renamed {@code p0000, p0001, …} in the emitted program (structurally, so no two inputs can merge)
 * so that Qiskit's name-sorted parameter order equals the column order of the values array. Observable labels are
 * little-endian (qubit 0 rightmost).
 *
 * <p><b>No duplicate paid jobs.</b> Each job is created with a fresh client-generated tag, recorded in the journal
 * before the request goes out. When the creation request was sent but no answer came back (read timeout, dropped
 * connection), the job is looked up by its tag before it is submitted again; a resumed run does the same for a batch
 * whose submission was under way.
 *
 * <p><b>Failures.</b> A failed or cancelled job, a result that is missing, of the wrong length, not finite, beyond
 * the observable's bound or with negative standard errors, ends in one {@link RemoteJobException} line naming the job
 * id; every text taken from the service is scrubbed of the API key and bearer tokens first.
 *
 * <p><b>Another provider</b> (e.g. Amazon Braket program sets) is added by implementing {@link Estimator} the same
 * way: reuse {@link NativeGateDecomposer}, {@link #program}, the {@link JobJournal} and {@code RetryingHttp}'s policy;
 * only the request body, the job-status words and the result parsing differ.
 */
public final class IbmRuntimeEstimator implements Estimator, AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final IbmRuntimeConfig config;
    private final RetryingHttp http;
    private final IamTokenSource auth;
    private final Secrets secrets;
    private final JobJournal journal;
    private final RetryingHttp.Sleeper sleeper;
    private String session;
    private DeviceTarget device;

    /** An estimator for {@code config}, authenticating with the API key {@code token}; {@code journal} may be null. */
    public IbmRuntimeEstimator(IbmRuntimeConfig config, ApiToken token, JobJournal journal) {
        this(config, token, journal, d -> Thread.sleep(d.toMillis()), System::currentTimeMillis);
    }

    IbmRuntimeEstimator(IbmRuntimeConfig config, ApiToken token, JobJournal journal, RetryingHttp.Sleeper sleeper,
                        java.util.function.LongSupplier clockMillis) {
        this.config = config;
        this.secrets = new Secrets();
        this.http = new RetryingHttp(config, secrets, 1, sleeper);
        this.auth = new IamTokenSource(http, config.iamUrl(), token, secrets, clockMillis);
        this.journal = journal;
        this.sleeper = sleeper;
    }

    @Override
    public String name() {
        return "ibm-runtime:" + config.backend();
    }

    /** One job carries a whole batch, and jobs are rationed: send every binding of a step in one call. */
    @Override
    public int preferredBatchSize() {
        return Integer.MAX_VALUE;
    }

    /** The job journal is written in call order: one caller at a time. */
    @Override
    public boolean concurrentCalls() {
        return false;
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        observable.requireQubits(circuit.qubitCount());
        circuit.checkBindings(bindings);
        try {
            return run(circuit, observable, bindings);
        } catch (RemoteJobException e) {
            // the last guard: whatever was put together above, no secret and no second line leaves this class
            throw new RemoteJobException(secrets.scrub(e.getMessage(), 400));
        }
    }

    private Estimates run(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        RuntimeProgram t = RuntimeProgram.transpile(circuit, target());
        String qasm = t.qasm();
        ObjectNode obs = t.observable(observable, circuit.qubitCount());
        String fingerprint = fingerprint(qasm, obs, bindings);
        JobJournal.Entry known = journal == null ? null : journal.entryFor(fingerprint).orElse(null);
        if (known != null && "failed".equals(known.state())) {
            known = null; // a failed or cancelled job gives no result however often it is asked: submit anew
        }
        String job = known == null ? null : known.job();
        if (job == null && known != null && known.tag() != null) {
            job = findByTag(known.tag());
        }
        JobJournal.Entry entry;
        if (job == null) {
            entry = submit(fingerprint, qasm, obs, bindings);
            job = entry.job();
        } else {
            entry = new JobJournal.Entry(job, "submitted", known.tag(), known.mode(), known.session());
        }
        try {
            waitFor(job);
        } catch (JobFailedException e) {
            record(fingerprint, entry, "failed");
            throw e;
        }
        Estimates result = EstimatorResultReader.read(parse(http.get("/v1/jobs/" + job + "/results", auth,
                "fetching the results of job " + job), "results of job " + job), bindings.length,
                observable.normBound(), job);
        record(fingerprint, entry, "completed");
        return result;
    }

    /** A job the service reports as failed or cancelled. */
    private static final class JobFailedException extends RemoteJobException {
        private static final long serialVersionUID = 1L;

        JobFailedException(String message) {
            super(message);
        }
    }

    private void record(String fingerprint, JobJournal.Entry entry, String state) {
        if (journal != null) {
            journal.record(fingerprint, new JobJournal.Entry(entry.job(), state, entry.tag(), entry.mode(),
                    entry.session()));
        }
    }

    /** Creates the job (once, see the class comment) and returns its journal entry. */
    private JobJournal.Entry submit(String fingerprint, String qasm, ObjectNode obs, double[][] bindings) {
        String tag = "qmoe-" + UUID.randomUUID();
        ObjectNode body = MAPPER.createObjectNode();
        body.put("program_id", "estimator");
        body.put("backend", config.backend());
        String s = session();
        if (s != null) {
            body.put("session_id", s);
        }
        body.putArray("tags").add(tag);
        ObjectNode params = body.putObject("params");
        params.put("version", 2);
        ArrayNode pub = params.putArray("pubs").addArray();
        pub.add(qasm);
        pub.add(obs);
        ArrayNode values = pub.addArray();
        for (double[] b : bindings) {
            ArrayNode row = values.addArray();
            for (double v : b) {
                row.add(v);
            }
        }
        pub.add(config.precision());
        JobJournal.Entry entry = new JobJournal.Entry(null, "submitting", tag, s == null ? "job" : config.sessionMode(),
                s);
        record(fingerprint, entry, "submitting");
        String job = null;
        for (int attempt = 1; job == null; attempt++) {
            try {
                JsonNode created = parse(http.post("/v1/jobs", body.toString(), auth, "submitting the job"),
                        "job creation");
                job = id(created, "the service accepted the job but returned no job id");
            } catch (RetryingHttp.OutcomeUnknownException e) {
                job = findByTag(tag);
                if (job == null && attempt >= config.maxAttempts()) {
                    throw new RemoteJobException(e.getMessage() + "; no job with tag " + tag + " exists, gave up "
                            + "after " + attempt + " attempts");
                }
            }
        }
        entry = new JobJournal.Entry(job, "submitted", tag, entry.mode(), entry.session());
        record(fingerprint, entry, "submitted");
        return entry;
    }

    /** The id of the job created with {@code tag}, or null when the service has none. */
    private String findByTag(String tag) {
        JsonNode list = parse(http.get("/v1/jobs?tags=" + URLEncoder.encode(tag, StandardCharsets.UTF_8)
                + "&exclude_params=true", auth, "looking up the job tagged " + tag), "job list");
        JsonNode jobs = list.path("jobs");
        if (!jobs.isArray() || jobs.isEmpty()) {
            return null;
        }
        return id(jobs.get(0), "the job tagged " + tag + " has no id");
    }

    /**
     * The checked id field of a service answer (letters, digits, '_', '.', '-'; at most 128; no secret in it, since
     * ids go into messages and the journal).
     */
    private String id(JsonNode node, String missing) {
        JsonNode id = node.get("id");
        if (id == null || !id.isTextual()) {
            throw new RemoteJobException(missing);
        }
        if (!ID.matcher(id.asText()).matches() || !secrets.scrub(id.asText(), 200).equals(id.asText())) {
            throw new RemoteJobException("the service returned an id that is not of letters, digits, '_', '.' "
                    + "and '-', or that holds a credential");
        }
        return id.asText();
    }

    /**
     * The device's native gates and coupling map, read once from its configuration; a service without a
     * configuration for the device (404) is taken as all-to-all with the configured entangler.
     */
    private synchronized DeviceTarget target() {
        if (device == null) {
            try {
                device = DeviceTarget.fromConfiguration(config.backend(), parse(http.get("/v1/backends/"
                        + URLEncoder.encode(config.backend(), StandardCharsets.UTF_8) + "/configuration", auth,
                        "reading the configuration of " + config.backend()), "device configuration"));
            } catch (RetryingHttp.StatusException e) {
                if (e.status() != 404) {
                    throw e;
                }
                device = DeviceTarget.allToAll(config.backend(), CouplingRouter.MAX_QUBITS,
                        config.entangler() == NativeGateDecomposer.Entangler.CZ ? DeviceTarget.TwoQubitGate.CZ
                                : DeviceTarget.TwoQubitGate.CX);
            }
        }
        return device;
    }

    /** The run's session, opened on first use (null when the configuration asks for none). */
    private synchronized String session() {
        if (session == null && !config.sessionMode().equals("none")) {
            ObjectNode body = MAPPER.createObjectNode();
            body.put("mode", config.sessionMode());
            body.put("backend", config.backend());
            JsonNode created = null;
            // an unanswered session request may be repeated: a session without jobs costs nothing and expires
            for (int attempt = 1; created == null; attempt++) {
                try {
                    created = parse(http.post("/v1/sessions", body.toString(), auth, "opening a "
                            + config.sessionMode() + " session"), "session creation");
                } catch (RetryingHttp.OutcomeUnknownException e) {
                    if (attempt >= config.maxAttempts()) {
                        throw new RemoteJobException(e.getMessage() + " (no job was submitted)");
                    }
                }
            }
            session = id(created, "the service opened a session but returned no session id");
        }
        return session;
    }

    /** The session's id, or null when none is open. */
    public synchronized String sessionId() {
        return session;
    }

    /**
     * Closes the session (it accepts no more jobs; queued jobs still run). Idempotent; a failure to close is not an
     * error of the run (the service closes idle sessions itself) and is swallowed.
     */
    @Override
    public synchronized void close() {
        if (session == null) {
            return;
        }
        String s = session;
        session = null;
        try {
            http.patch("/v1/sessions/" + s, "{\"accepting_jobs\":false}", auth, "closing session " + s);
        } catch (RemoteJobException e) {
            // the service times idle sessions out; nothing to do
        }
    }

    private void waitFor(String job) {
        long deadline = System.nanoTime() + config.jobDeadline().toNanos();
        Duration wait = config.pollInitial();
        while (true) {
            JsonNode s = parse(http.get("/v1/jobs/" + job, auth, "polling job " + job), "job " + job + " status");
            String status = s.path("status").asText(s.path("state").path("status").asText(""))
                    .toLowerCase(Locale.ROOT);
            switch (status) {
                case "completed":
                    return;
                case "failed":
                case "cancelled":
                case "canceled":
                    String reason = s.path("state").path("reason").asText("");
                    String code = s.path("state").path("reason_code").asText(
                            s.path("state").path("reasonCode").asText(""));
                    throw new JobFailedException("job " + job + " " + status + (code.isBlank() ? "" : " (code "
                            + secrets.scrub(code, 20) + ")") + (reason.isBlank() ? "" : ": "
                            + secrets.scrub(reason)));
                case "queued":
                case "running":
                    break;
                case "":
                    throw new RemoteJobException("job " + job + ": the status answer has no status");
                default:
                    throw new RemoteJobException("job " + job + ": unknown status '" + secrets.scrub(status, 40)
                            + "'");
            }
            if (System.nanoTime() > deadline) {
                throw new RemoteJobException("job " + job + " did not finish within "
                        + config.jobDeadline().toSeconds() + " s; its result can still be fetched later (the run "
                        + "folder's job journal keeps the id)");
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteJobException("interrupted while waiting for job " + job);
            }
            wait = wait.multipliedBy(2).compareTo(config.pollMax()) > 0 ? config.pollMax() : wait.multipliedBy(2);
        }
    }

    private static JsonNode parse(String body, String what) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw new RemoteJobException(what + ": the answer is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new RemoteJobException(what + ": the answer is not valid JSON");
        }
    }

    /**
     * The OpenQASM 3 program sent for a circuit on a device without connectivity limits: native gates, inputs renamed
     * {@code p0000…} in input-vector order (structurally, so inputs already named {@code pNNNN} cannot collide), no
     * pragmas. See {@link RuntimeProgram}.
     */
    public static String program(ParametricCircuit circuit, NativeGateDecomposer.Entangler entangler) {
        return RuntimeProgram.program(circuit, entangler);
    }

    private static String fingerprint(String qasm, ObjectNode obs, double[][] bindings) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(qasm.getBytes(StandardCharsets.UTF_8));
            sha.update(obs.toString().getBytes(StandardCharsets.UTF_8));
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8);
            for (double[] row : bindings) {
                for (double v : row) {
                    buf.clear();
                    buf.putLong(Double.doubleToLongBits(v));
                    sha.update(buf.array());
                }
                sha.update((byte) ';');
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
