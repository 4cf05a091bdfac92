package io.qmoe.backend.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.backend.Estimates;
import io.qmoe.backend.Estimator;
import io.qmoe.circuit.Gate;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An {@link Estimator} backed by the IBM Quantum (Qiskit Runtime) REST API, Estimator V2 primitive. One
 * {@link #estimate} call is <b>one job</b> with one PUB: the circuit in native gates as OpenQASM 3 with
 * {@code input float[64]} parameters, the observable, and every binding of the batch as one parameter-value array
 * (job creation is rate-limited, so a training step must not be many jobs).
 *
 * <p>Request and response shapes relied on (Qiskit Runtime REST API, Estimator V2):
 * <pre>
 * POST {base}/v1/jobs   headers: Authorization: Bearer TOKEN, Service-CRN, IBM-API-Version
 *   {"program_id": "estimator", "backend": NAME,
 *    "params": {"version": 2, "pubs": [[QASM3, {"IIZ": 1.0, …}, [[v…], …], PRECISION]]}}
 *   → {"id": JOB}
 * GET  {base}/v1/jobs/JOB          → {"status": "Queued"|"Running"|"Completed"|"Failed"|"Cancelled",
 *                                      "state": {"reason": …}}
 * GET  {base}/v1/jobs/JOB/results  → {"results": [{"data": {"evs": [n numbers], "stds": [n numbers]}}]}
 * </pre>
 * Parameters are renamed {@code p0000, p0001, …} in the emitted program so that Qiskit's name-sorted parameter order
 * equals the column order of the values array. Observable labels are little-endian (qubit 0 rightmost). Results
 * that are missing, of the wrong length or not finite numbers are rejected, never turned into values.
 *
 * <p><b>Another provider</b> (e.g. Amazon Braket program sets: one OpenQASM 3 program with list-valued inputs and an
 * observable per program) is added by implementing {@link Estimator} the same way: reuse
 * {@link NativeGateDecomposer} (with that device's gate set) and {@link #program}, the
 * {@link JobJournal} for resumability and {@code RetryingHttp}'s policy; only the request body, the job-status words
 * and the result parsing differ.
 */
public final class IbmRuntimeEstimator implements Estimator {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final IbmRuntimeConfig config;
    private final RetryingHttp http;
    private final JobJournal journal;
    private final RetryingHttp.Sleeper sleeper;

    /** An estimator for {@code config}, authenticating with {@code token}; {@code journal} may be null. */
    public IbmRuntimeEstimator(IbmRuntimeConfig config, ApiToken token, JobJournal journal) {
        this(config, token, journal, d -> Thread.sleep(d.toMillis()));
    }

    IbmRuntimeEstimator(IbmRuntimeConfig config, ApiToken token, JobJournal journal, RetryingHttp.Sleeper sleeper) {
        this.config = config;
        this.http = new RetryingHttp(config, token, 1, sleeper);
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
        String qasm = program(circuit, config.entangler());
        ObjectNode obs = observableJson(observable, circuit.qubitCount());
        ArrayNode values = MAPPER.createArrayNode();
        for (double[] b : bindings) {
            ArrayNode row = values.addArray();
            for (double v : b) {
                row.add(v);
            }
        }
        String fingerprint = fingerprint(qasm, obs, bindings);
        String job = journal == null ? null : journal.jobFor(fingerprint).orElse(null);
        if (job == null) {
            ObjectNode body = MAPPER.createObjectNode();
            body.put("program_id", "estimator");
            body.put("backend", config.backend());
            ObjectNode params = body.putObject("params");
            params.put("version", 2);
            ArrayNode pub = params.putArray("pubs").addArray();
            pub.add(qasm);
            pub.add(obs);
            pub.add(values);
            pub.add(config.precision());
            JsonNode created = parse(http.post("/v1/jobs", body.toString(), "submitting the job"), "job creation");
            if (!created.hasNonNull("id") || !created.get("id").isTextual()) {
                throw new RemoteJobException("the service accepted the job but returned no job id");
            }
            job = created.get("id").asText();
            if (journal != null) {
                journal.record(fingerprint, job, "submitted");
            }
        }
        waitFor(job);
        Estimates result = results(job, bindings.length);
        if (journal != null) {
            journal.record(fingerprint, job, "completed");
        }
        return result;
    }

    private void waitFor(String job) {
        long deadline = System.nanoTime() + config.jobDeadline().toNanos();
        Duration wait = config.pollInitial();
        while (true) {
            JsonNode s = parse(http.get("/v1/jobs/" + job, "polling job " + job), "job " + job + " status");
            String status = s.path("status").asText(s.path("state").path("status").asText("")).toLowerCase(
                    Locale.ROOT);
            switch (status) {
                case "completed":
                    return;
                case "failed":
                case "cancelled":
                case "canceled":
                    String reason = s.path("state").path("reason").asText("");
                    throw new RemoteJobException("job " + job + " " + status
                            + (reason.isBlank() ? "" : ": " + reason.replaceAll("\\s+", " ")));
                case "queued":
                case "running":
                case "":
                    break;
                default:
                    throw new RemoteJobException("job " + job + ": unknown status '" + status + "'");
            }
            if (status.isEmpty()) {
                throw new RemoteJobException("job " + job + ": the status answer has no status");
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

    private Estimates results(String job, int expected) {
        JsonNode r = parse(http.get("/v1/jobs/" + job + "/results", "fetching the results of job " + job),
                "results of job " + job);
        JsonNode data = r.path("results").path(0).path("data");
        double[] evs = numbers(data.get("evs"), expected, job, "evs");
        double[] stds = data.has("stds") ? numbers(data.get("stds"), expected, job, "stds") : new double[expected];
        return new Estimates(evs, stds);
    }

    private static double[] numbers(JsonNode array, int expected, String job, String field) {
        if (array == null || !array.isArray()) {
            throw new RemoteJobException("results of job " + job + " have no '" + field + "' array");
        }
        if (array.size() != expected) {
            throw new RemoteJobException("results of job " + job + " have " + array.size() + " '" + field
                    + "' values for " + expected + " bindings");
        }
        double[] v = new double[expected];
        for (int i = 0; i < expected; i++) {
            JsonNode x = array.get(i);
            if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                throw new RemoteJobException("results of job " + job + ": '" + field + "'[" + i
                        + "] is not a finite number");
            }
            v[i] = x.asDouble();
        }
        return v;
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
     * The OpenQASM 3 program sent for a circuit: native gates, inputs renamed p0000… in input-vector order, no
     * pragmas.
     */
    public static String program(ParametricCircuit circuit, NativeGateDecomposer.Entangler entangler) {
        ParametricCircuit nat = NativeGateDecomposer.decompose(circuit, entangler);
        StringBuilder sb = new StringBuilder("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n");
        java.util.List<String> names = nat.allNames();
        for (int i = 0; i < names.size(); i++) {
            sb.append("input float[64] ").append(String.format(Locale.ROOT, "p%04d", i)).append(";\n");
        }
        sb.append("qubit[").append(nat.qubitCount()).append("] q;\n");
        for (Gate g : nat.gates()) {
            String line = g.toString();
            if (g.angle() != null) {
                String angle = g.angle().toString();
                String renamed = angle;
                // rename longest names first so that t1 does not clobber t10
                java.util.List<String> sorted = new java.util.ArrayList<>(names);
                sorted.sort((a, b) -> b.length() - a.length());
                for (String n : sorted) {
                    renamed = renamed.replaceAll("\\b" + java.util.regex.Pattern.quote(n) + "\\b",
                            String.format(Locale.ROOT, "p%04d", names.indexOf(n)));
                }
                line = line.replace("(" + angle + ")", "(" + renamed + ")");
            }
            sb.append(line).append(";\n");
        }
        return sb.toString();
    }

    private static ObjectNode observableJson(PauliObservable o, int qubits) {
        ObjectNode obs = MAPPER.createObjectNode();
        for (PauliObservable.Term t : o.terms()) {
            String label = t.pauli().toLabel(qubits);
            obs.put(label, obs.path(label).asDouble(0) + t.coefficient());
        }
        return obs;
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
