package io.qmoe.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.qasm.QasmReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;

/**
 * A local stand-in for IBM Cloud IAM and the Qiskit Runtime endpoints on 127.0.0.1: it issues bearer tokens for the
 * API key {@link #TOKEN}, opens sessions, reads each submitted OpenQASM 3 program with qmoe's own reader, evaluates
 * every parameter row with the state-vector engine, lists jobs by tag, and can inject faults.
 */
final class FakeRuntimeServer implements AutoCloseable {
    enum Fault { NONE, RATE_LIMIT, SERVER_ERRORS, DROP, SLOW, MALFORMED, PARTIAL, NOT_A_NUMBER, FAILED, CANCELLED,
        NEVER_FINISHES, NO_ID, DROP_AFTER_ACCEPT, HUGE_RETRY_AFTER, NEGATIVE_RETRY_AFTER, GARBAGE_RETRY_AFTER,
        TRICKLE, ECHO_TOKEN_FAILED, ECHO_TOKEN_ERROR, OUT_OF_BOUND, NEGATIVE_STD, NO_STDS, NAN_STD, REJECT_TOKENS,
        RATE_LIMIT_POST }

    /** How results are encoded. */
    enum ResultFormat { PLAIN, WRAPPED_LIST, WRAPPED_NPY }

    static final String TOKEN = "tok-SECRET-5f2c9a";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    final Map<String, double[]> jobs = new ConcurrentHashMap<>();
    final Map<String, String> jobTags = new ConcurrentHashMap<>();
    final Map<String, String> jobSessions = new ConcurrentHashMap<>();
    final Map<String, String> sessionModes = new ConcurrentHashMap<>();
    final Set<String> closedSessions = ConcurrentHashMap.newKeySet();
    final List<String> programs = new CopyOnWriteArrayList<>();
    private final Set<String> validBearers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger jobCounter = new AtomicInteger();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger iamRequests = new AtomicInteger();
    final List<String> apiVersions = new CopyOnWriteArrayList<>();
    volatile Fault fault = Fault.NONE;
    volatile int faultsLeft = 1;
    volatile int pollsBeforeDone = 2;
    volatile long tokenLifeSeconds = 3600;
    /** Answer the IAM exchange with {@code expiration} (epoch seconds) only, without {@code expires_in}. */
    volatile boolean expirationOnly;
    volatile ResultFormat format = ResultFormat.PLAIN;
    /** While set, listing jobs by tag answers 500 (whatever the fault). */
    volatile boolean listFails;
    /** Device configuration answered at /v1/backends/NAME/configuration (null: 404). */
    volatile String configuration;
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

    static {
        // answers are written as headers then body; without TCP_NODELAY each waits ~40 ms for a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeRuntimeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::handle);
        server.createContext("/identity/token", this::iam);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-runtime");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI iamUrl() {
        return URI.create(url() + "/identity/token");
    }

    /** Makes every bearer issued so far invalid (as after the tokens expired on the server's side). */
    void revokeTokens() {
        validBearers.clear();
    }

    private boolean inject(Fault f) {
        if (fault == f && faultsLeft > 0) {
            faultsLeft--;
            return true;
        }
        return false;
    }

    private void iam(HttpExchange ex) throws IOException {
        iamRequests.incrementAndGet();
        String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = new java.util.HashMap<>();
        for (String kv : form.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (!"POST".equals(ex.getRequestMethod())
                || !"urn:ibm:params:oauth:grant-type:apikey".equals(fields.get("grant_type"))
                || !TOKEN.equals(fields.get("apikey"))) {
            send(ex, 400, "{\"errorCode\":\"BXNIM0415E\",\"errorMessage\":\"Provided API key could not be found.\"}");
            return;
        }
        String bearer = "iam-" + tokenCounter.incrementAndGet() + "-eyJhbGciOi.SIGNATURE";
        validBearers.add(bearer);
        long now = System.currentTimeMillis() / 1000;
        send(ex, 200, "{\"access_token\":\"" + bearer + "\",\"refresh_token\":\"not_supported\",\"token_type\":"
                + "\"Bearer\"," + (expirationOnly ? "" : "\"expires_in\":" + tokenLifeSeconds + ",")
                + "\"expiration\":" + (now + tokenLifeSeconds) + "}");
    }

    /** The bearer tokens issued so far (for checks that none of them leaks). */
    List<String> issuedTokens() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= tokenCounter.get(); i++) {
            out.add("iam-" + i + "-eyJhbGciOi.SIGNATURE");
        }
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !validBearers.contains(auth.substring(7))
                    || fault == Fault.REJECT_TOKENS) {
                send(ex, 401, "{\"errors\":[{\"message\":\"unauthorized\"}]}");
                return;
            }
            apiVersions.add(String.valueOf(ex.getRequestHeaders().getFirst("IBM-API-Version")));
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getPath();
            if (method.equals("GET") && inject(Fault.RATE_LIMIT)) {
                ex.getResponseHeaders().add("Retry-After", "0.01");
                send(ex, 429, "{\"errors\":[{\"message\":\"too many requests\"}]}");
                return;
            }
            if (method.equals("POST") && inject(Fault.RATE_LIMIT_POST)) {
                ex.getResponseHeaders().add("Retry-After", "0.01");
                send(ex, 429, "{\"errors\":[{\"message\":\"too many jobs\"}]}");
                return;
            }
            if (inject(Fault.SERVER_ERRORS)) {
                send(ex, 503, "{\"errors\":[{\"message\":\"busy\"}]}");
                return;
            }
            if (inject(Fault.HUGE_RETRY_AFTER) || inject(Fault.NEGATIVE_RETRY_AFTER)
                    || inject(Fault.GARBAGE_RETRY_AFTER)) {
                ex.getResponseHeaders().add("Retry-After", fault == Fault.HUGE_RETRY_AFTER ? "86400"
                        : fault == Fault.NEGATIVE_RETRY_AFTER ? "-5" : "soon, maybe");
                send(ex, 503, "{\"errors\":[{\"message\":\"busy\"}]}");
                return;
            }
            if (inject(Fault.ECHO_TOKEN_ERROR)) {
                send(ex, 400, "{\"errors\":[{\"message\":\"bad header\",\"got\":\"" + auth + "\",\"key\":\""
                        + TOKEN + "\"}]}");
                return;
            }
            if (inject(Fault.DROP)) {
                ex.close();
                return;
            }
            if (method.equals("GET") && inject(Fault.TRICKLE)) {
                trickle(ex);
                return;
            }
            if (path.equals("/v1/sessions") && method.equals("POST")) {
                JsonNode body = MAPPER.readTree(ex.getRequestBody().readAllBytes());
                String id = "session-" + (sessionModes.size() + 1);
                sessionModes.put(id, body.path("mode").asText());
                send(ex, 200, "{\"id\":\"" + id + "\",\"mode\":\"" + body.path("mode").asText() + "\"}");
            } else if (path.startsWith("/v1/sessions/") && method.equals("PATCH")) {
                String id = path.substring("/v1/sessions/".length());
                JsonNode body = MAPPER.readTree(ex.getRequestBody().readAllBytes());
                if (!sessionModes.containsKey(id) || !body.has("accepting_jobs")) {
                    send(ex, 404, "{\"errors\":[{\"message\":\"no such session\"}]}");
                    return;
                }
                closedSessions.add(id);
                ex.sendResponseHeaders(204, -1);
                ex.close();
            } else if (path.startsWith("/v1/backends/") && path.endsWith("/configuration")) {
                if (configuration == null) {
                    send(ex, 404, "{\"errors\":[{\"message\":\"no configuration\"}]}");
                } else {
                    send(ex, 200, configuration);
                }
            } else if (method.equals("POST") && path.equals("/v1/jobs")) {
                posts.incrementAndGet();
                submit(ex);
            } else if (method.equals("GET") && path.equals("/v1/jobs")) {
                list(ex);
            } else if (path.endsWith("/results")) {
                String id = path.substring("/v1/jobs/".length(), path.length() - "/results".length());
                results(ex, id);
            } else {
                status(ex, path.substring("/v1/jobs/".length()), auth);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(ex, 500, "{\"errors\":[{\"message\":\"fake server: " + e + "\"}]}");
        }
    }

    private static void trickle(HttpExchange ex) throws IOException, InterruptedException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            for (int i = 0; i < 60; i++) {
                out.write(' ');
                out.flush();
                Thread.sleep(50);
            }
            out.write("{}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the client gave up: that is the point
        }
        ex.close();
    }

    private void list(HttpExchange ex) throws IOException {
        if (listFails) {
            send(ex, 500, "{\"errors\":[{\"message\":\"list unavailable\"}]}");
            return;
        }
        String query = ex.getRequestURI().getRawQuery();
        String tag = null;
        for (String kv : query == null ? new String[0] : query.split("&")) {
            if (kv.startsWith("tags=")) {
                tag = URLDecoder.decode(kv.substring(5), StandardCharsets.UTF_8);
            }
        }
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("jobs");
        for (var e : jobTags.entrySet()) {
            if (e.getValue().equals(tag)) {
                list.addObject().put("id", e.getKey()).put("status", "Queued");
            }
        }
        root.put("count", list.size());
        send(ex, 200, root.toString());
    }

    private void submit(HttpExchange ex) throws IOException {
        JsonNode body = MAPPER.readTree(ex.getRequestBody().readAllBytes());
        if (!"estimator".equals(body.path("program_id").asText()) || body.path("params").path("version").asInt() != 2) {
            send(ex, 400, "{\"errors\":[{\"message\":\"bad request\"}]}");
            return;
        }
        JsonNode pub = body.path("params").path("pubs").get(0);
        programs.add(pub.get(0).asText());
        ParametricCircuit c = QasmReader.parse(withoutEcr(pub.get(0).asText()), "pub.qasm").circuit();
        StringBuilder obs = new StringBuilder();
        pub.get(1).fields().forEachRemaining(e -> {
            String label = e.getKey();
            StringBuilder term = new StringBuilder();
            for (int i = 0; i < label.length(); i++) {
                char p = label.charAt(label.length() - 1 - i);
                if (p != 'I') {
                    term.append(p).append(i);
                }
            }
            double coefficient = e.getValue().asDouble();
            obs.append(obs.length() == 0 ? (coefficient < 0 ? "-" : "") : (coefficient < 0 ? " - " : " + "))
                    .append(Math.abs(coefficient));
            if (term.length() > 0) {
                obs.append('*').append(term);
            }
        });
        ArrayNode rows = (ArrayNode) pub.get(2);
        double[][] bindings = new double[rows.size()][];
        for (int r = 0; r < bindings.length; r++) {
            bindings[r] = new double[rows.get(r).size()];
            for (int k = 0; k < bindings[r].length; k++) {
                bindings[r][k] = rows.get(r).get(k).asDouble();
            }
        }
        double[] evs = new StateVectorEstimator(1).values(c, PauliObservable.parse(obs.toString()),
                bindings);
        String id = "job-" + jobCounter.incrementAndGet();
        jobs.put(id, evs);
        polls.put(id, new AtomicInteger());
        if (body.path("tags").isArray() && body.path("tags").size() > 0) {
            jobTags.put(id, body.path("tags").get(0).asText());
        }
        if (body.hasNonNull("session_id")) {
            jobSessions.put(id, body.get("session_id").asText());
        }
        if (inject(Fault.DROP_AFTER_ACCEPT)) {
            ex.close();
            return;
        }
        if (inject(Fault.NO_ID)) {
            send(ex, 200, "{\"created\":true}");
            return;
        }
        send(ex, 200, "{\"id\":\"" + id + "\",\"backend\":\"" + body.path("backend").asText() + "\"}");
    }

    /**
     * The program with each {@code ecr a, b} written in gates qmoe's reader knows: x(a); h(b); rzz(−π/2)(a, b); h(b),
     * which {@code CouplingRouterTest} checks against the ECR matrix published with Qiskit.
     */
    static String withoutEcr(String qasm) {
        return qasm.replaceAll("ecr q\\[(\\d+)\\], q\\[(\\d+)\\];",
                "x q[$1];\nh q[$2];\nrzz(-pi/2) q[$1], q[$2];\nh q[$2];");
    }

    private void status(HttpExchange ex, String id, String auth) throws IOException {
        if (!jobs.containsKey(id)) {
            send(ex, 404, "{\"errors\":[{\"message\":\"no such job\"}]}");
            return;
        }
        int n = polls.get(id).incrementAndGet();
        String status;
        if (fault == Fault.FAILED) {
            status = "Failed\",\"state\":{\"status\":\"Failed\",\"reason\":\"calibration drift\"}, \"x\":\"";
        } else if (fault == Fault.ECHO_TOKEN_FAILED) {
            status = "Failed\",\"state\":{\"status\":\"Failed\",\"reason\":\"bad credentials\\nkey=" + TOKEN
                    + " header=" + auth + "\"}, \"x\":\"";
        } else if (fault == Fault.CANCELLED) {
            status = "Cancelled";
        } else if (fault == Fault.NEVER_FINISHES || n <= pollsBeforeDone) {
            status = n == 1 ? "Queued" : "Running";
        } else {
            status = "Completed";
        }
        send(ex, 200, "{\"id\":\"" + id + "\",\"status\":\"" + status + "\"}");
    }

    private void results(HttpExchange ex, String id) throws IOException, InterruptedException {
        if (inject(Fault.SLOW)) {
            Thread.sleep(1500);
        }
        double[] evs = jobs.get(id);
        if (inject(Fault.MALFORMED)) {
            send(ex, 200, "{\"results\": [ {\"data\": {\"evs\": [0.1, ");
            return;
        }
        int n = fault == Fault.PARTIAL ? evs.length - 1 : evs.length;
        double[] e = new double[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = fault == Fault.OUT_OF_BOUND && i == 0 ? 1e3 : evs[i];
            s[i] = fault == Fault.NEGATIVE_STD && i == 0 ? -0.01 : fault == Fault.NAN_STD && i == 0 ? Double.NaN
                    : 0.0;
        }
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode data;
        if (format == ResultFormat.PLAIN) {
            data = root.putArray("results").addObject().putObject("data");
            putList(data, "evs", e, fault == Fault.NOT_A_NUMBER);
            if (fault != Fault.NO_STDS) {
                putList(data, "stds", s, false);
            }
        } else {
            root.put("__type__", "PrimitiveResult");
            ObjectNode pub = root.putObject("__value__").putArray("pub_results").addObject();
            pub.put("__type__", "PubResult");
            ObjectNode bin = pub.putObject("__value__").putObject("data");
            bin.put("__type__", "DataBin");
            ObjectNode fields = bin.putObject("__value__").putObject("fields");
            bin.with("__value__").putArray("field_names").add("evs").add("stds");
            ndarray(fields.putObject("evs"), e);
            if (fault != Fault.NO_STDS) {
                ndarray(fields.putObject("stds"), s);
            }
        }
        send(ex, 200, root.toString());
    }

    private static void putList(ObjectNode data, String field, double[] v, boolean firstAsText) {
        ArrayNode a = data.putArray(field);
        for (int i = 0; i < v.length; i++) {
            if (firstAsText && i == 0) {
                a.add("NaN");
            } else if (Double.isNaN(v[i])) {
                a.add("NaN");
            } else {
                a.add(v[i]);
            }
        }
    }

    private void ndarray(ObjectNode node, double[] v) {
        node.put("__type__", "ndarray");
        if (format == ResultFormat.WRAPPED_LIST) {
            putList(node, "__value__", v, false);
            return;
        }
        node.put("__value__", Base64.getEncoder().encodeToString(zlib(npy(v))));
    }

    /** An .npy file (format version 1.0) of a little-endian float64 vector, as the NumPy format specification says. */
    static byte[] npy(double[] v) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + v.length + ",), }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    private static byte[] zlib(byte[] raw) {
        Deflater d = new Deflater();
        d.setInput(raw);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
