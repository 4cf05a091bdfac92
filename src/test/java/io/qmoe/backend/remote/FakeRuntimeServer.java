package io.qmoe.backend.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qmoe.backend.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.qasm.QasmReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the Qiskit Runtime job endpoints on 127.0.0.1: it reads the submitted OpenQASM 3 program with
 * qmoe's own reader, evaluates every parameter row with the state-vector engine, and can inject faults.
 */
final class FakeRuntimeServer implements AutoCloseable {
    enum Fault { NONE, RATE_LIMIT, SERVER_ERRORS, DROP, SLOW, MALFORMED, PARTIAL, NOT_A_NUMBER, FAILED, CANCELLED,
        NEVER_FINISHES, NO_ID }

    static final String TOKEN = "tok-SECRET-5f2c9a";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, double[]> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger jobCounter = new AtomicInteger();
    final AtomicInteger posts = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    volatile Fault fault = Fault.NONE;
    volatile int faultsLeft = 1;
    volatile int pollsBeforeDone = 2;
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

    FakeRuntimeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/jobs", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-runtime");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private boolean inject(Fault f) {
        if (fault == f && faultsLeft > 0) {
            faultsLeft--;
            return true;
        }
        return false;
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try {
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"errors\":[{\"message\":\"unauthorized\"}]}");
                return;
            }
            if (inject(Fault.RATE_LIMIT)) {
                ex.getResponseHeaders().add("Retry-After", "0.01");
                send(ex, 429, "{\"errors\":[{\"message\":\"too many jobs\"}]}");
                return;
            }
            if (inject(Fault.SERVER_ERRORS)) {
                send(ex, 503, "{\"errors\":[{\"message\":\"busy\"}]}");
                return;
            }
            if (inject(Fault.DROP)) {
                ex.close();
                return;
            }
            if (inject(Fault.SLOW)) {
                Thread.sleep(1500);
            }
            String path = ex.getRequestURI().getPath();
            if (ex.getRequestMethod().equals("POST") && path.equals("/v1/jobs")) {
                posts.incrementAndGet();
                submit(ex);
            } else if (path.endsWith("/results")) {
                String id = path.substring("/v1/jobs/".length(), path.length() - "/results".length());
                results(ex, id);
            } else {
                status(ex, path.substring("/v1/jobs/".length()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(ex, 500, "{\"errors\":[{\"message\":\"fake server: " + e.getMessage() + "\"}]}");
        }
    }

    private void submit(HttpExchange ex) throws IOException {
        JsonNode body = MAPPER.readTree(ex.getRequestBody().readAllBytes());
        if (!"estimator".equals(body.path("program_id").asText()) || body.path("params").path("version").asInt() != 2) {
            send(ex, 400, "{\"errors\":[{\"message\":\"bad request\"}]}");
            return;
        }
        JsonNode pub = body.path("params").path("pubs").get(0);
        ParametricCircuit c = QasmReader.parse(pub.get(0).asText(), "pub.qasm").circuit();
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
        if (inject(Fault.NO_ID)) {
            send(ex, 200, "{\"created\":true}");
            return;
        }
        send(ex, 200, "{\"id\":\"" + id + "\",\"backend\":\"" + body.path("backend").asText() + "\"}");
    }

    private void status(HttpExchange ex, String id) throws IOException {
        if (!jobs.containsKey(id)) {
            send(ex, 404, "{\"errors\":[{\"message\":\"no such job\"}]}");
            return;
        }
        int n = polls.get(id).incrementAndGet();
        String status;
        if (fault == Fault.FAILED) {
            status = "Failed\",\"state\":{\"status\":\"Failed\",\"reason\":\"calibration drift\"}, \"x\":\"";
        } else if (fault == Fault.CANCELLED) {
            status = "Cancelled";
        } else if (fault == Fault.NEVER_FINISHES || n <= pollsBeforeDone) {
            status = n == 1 ? "Queued" : "Running";
        } else {
            status = "Completed";
        }
        send(ex, 200, "{\"id\":\"" + id + "\",\"status\":\"" + status + "\"}");
    }

    private void results(HttpExchange ex, String id) throws IOException {
        double[] evs = jobs.get(id);
        if (inject(Fault.MALFORMED)) {
            send(ex, 200, "{\"results\": [ {\"data\": {\"evs\": [0.1, ");
            return;
        }
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode data = root.putArray("results").addObject().putObject("data");
        ArrayNode e = data.putArray("evs");
        ArrayNode s = data.putArray("stds");
        int n = fault == Fault.PARTIAL ? evs.length - 1 : evs.length;
        for (int i = 0; i < n; i++) {
            if (fault == Fault.NOT_A_NUMBER && i == 0) {
                e.add("NaN");
            } else {
                e.add(evs[i]);
            }
            s.add(0.0);
        }
        send(ex, 200, root.toString());
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
