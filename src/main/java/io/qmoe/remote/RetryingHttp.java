package io.qmoe.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP with a deadline on every whole exchange (headers <em>and</em> body: a server that trickles its body times
 * out) and the retry policy of the official Qiskit Runtime client:
 * <ul>
 * <li>the statuses 500, 502, 503, 504, 520, 521, 522 and 524 are retried for every method (the service guarantees
 *     that re-posting after these is safe);</li>
 * <li>429, 413 and 503 with a {@code Retry-After} header are retried for idempotent requests only (GET, PATCH and
 *     the IAM token exchange);</li>
 * <li>a connection that could not be opened is retried for every method (nothing was sent); a read timeout or a
 *     connection dropped after the request went out is retried for idempotent requests, while for a job or session
 *     POST it ends in {@link OutcomeUnknownException}, so the caller can find out whether the server acted on
 *     it;</li>
 * <li>a 401 is answered once by fresh credentials ({@link Credentials#invalidate()}), then fails;</li>
 * <li>every other status fails at once.</li>
 * </ul>
 * Back-off is exponential with jitter; a {@code Retry-After} of whole seconds replaces it, capped at the configured
 * cap (a negative or unreadable value counts as absent). Messages are one line and scrubbed of every secret.
 */
final class RetryingHttp {
    /** Waits; replaceable in tests. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Where the Authorization header comes from. */
    interface Credentials {
        /** The Authorization header value, fetching or refreshing a token when needed. */
        String authorization();

        /** Forgets the current token after the service refused it. */
        void invalidate();
    }

    /** The request went out but no answer came back: the server may or may not have acted on it. */
    static final class OutcomeUnknownException extends RemoteJobException {
        private static final long serialVersionUID = 1L;

        OutcomeUnknownException(String message) {
            super(message);
        }
    }

    /** The service answered with a status that is not retried. */
    static final class StatusException extends RemoteJobException {
        private static final long serialVersionUID = 1L;
        private final int status;

        StatusException(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    private static final Set<Integer> FORCE_LIST = Set.of(500, 502, 503, 504, 520, 521, 522, 524);
    private static final Set<Integer> RETRY_AFTER_STATUSES = Set.of(413, 429, 503);

    private final HttpClient client;
    private final IbmRuntimeConfig config;
    private final Secrets secrets;
    private final Random jitter;
    private final Sleeper sleeper;

    RetryingHttp(IbmRuntimeConfig config, Secrets secrets, long seed, Sleeper sleeper) {
        // HTTP/2 where TLS negotiates it; plain HTTP (loopback test servers only) without the h2c upgrade dance
        this.client = HttpClient.newBuilder().connectTimeout(config.requestTimeout())
                .version("http".equals(config.baseUrl().getScheme()) ? HttpClient.Version.HTTP_1_1
                        : HttpClient.Version.HTTP_2)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.config = config;
        this.secrets = secrets;
        this.jitter = new Random(seed);
        this.sleeper = sleeper;
    }

    /** GET {@code base + path} as JSON. */
    String get(String path, Credentials auth, String what) {
        return send(service(path), "GET", null, "application/json", auth, true, what);
    }

    /** POST a JSON body to {@code base + path}; may end in {@link OutcomeUnknownException}. */
    String post(String path, String json, Credentials auth, String what) {
        return send(service(path), "POST", json, "application/json", auth, false, what);
    }

    /** PATCH a JSON body to {@code base + path}. */
    String patch(String path, String json, Credentials auth, String what) {
        return send(service(path), "PATCH", json, "application/json", auth, true, what);
    }

    /** POST a form to an absolute URL without credentials (the IAM token exchange: safe to repeat). */
    String postForm(URI url, String form, String what) {
        return send(url, "POST", form, "application/x-www-form-urlencoded", null, true, what);
    }

    private URI service(String path) {
        String base = config.baseUrl().toString();
        return URI.create(base.endsWith("/") ? base + path.substring(1) : base + path);
    }

    private HttpRequest request(URI uri, String method, String body, String contentType, Credentials auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(config.requestTimeout())
                .header("Accept", "application/json");
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        if (auth != null) {
            b.header("Authorization", auth.authorization()).header("IBM-API-Version", config.apiVersion());
            if (!config.instance().isBlank()) {
                b.header("Service-CRN", config.instance());
            }
        }
        return b.build();
    }

    private String send(URI uri, String method, String body, String contentType, Credentials auth,
                        boolean idempotent, String what) {
        boolean refreshed = false;
        String lastProblem = "";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            Duration wait = backoff(attempt);
            try {
                HttpResponse<String> r = exchange(request(uri, method, body, contentType, auth));
                int code = r.statusCode();
                if (code >= 200 && code < 300) {
                    return r.body();
                }
                lastProblem = "HTTP " + code + summary(r.body());
                if (code == 401 && auth != null && !refreshed) {
                    refreshed = true;
                    auth.invalidate();
                    attempt--;
                    continue;
                }
                if (code == 401) {
                    throw new RemoteJobException(what + " failed: " + lastProblem + " (the service refused the "
                            + "credentials; check QMOE_IBM_TOKEN and QMOE_IBM_INSTANCE)");
                }
                Optional<Duration> retryAfter = retryAfter(r);
                boolean retry = FORCE_LIST.contains(code)
                        || idempotent && retryAfter.isPresent() && RETRY_AFTER_STATUSES.contains(code);
                if (!retry) {
                    throw new StatusException(code, what + " failed: " + lastProblem);
                }
                if (retryAfter.isPresent()) {
                    wait = retryAfter.get();
                }
            } catch (HttpConnectTimeoutException | ConnectException e) {
                lastProblem = "cannot connect (" + e.getClass().getSimpleName() + ")";
            } catch (IOException | TimeoutException e) {
                lastProblem = e instanceof TimeoutException || e instanceof java.net.http.HttpTimeoutException
                        ? "no whole answer within " + config.requestTimeout().toMillis() + " ms"
                        : "connection lost (" + e.getClass().getSimpleName() + ")";
                if (!idempotent) {
                    throw new OutcomeUnknownException(what + ": " + lastProblem);
                }
            }
            if (attempt < config.maxAttempts()) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RemoteJobException(what + " interrupted");
                }
            }
        }
        throw new RemoteJobException(what + " failed after " + config.maxAttempts() + " attempts: " + lastProblem);
    }

    /** One exchange whose headers and body together must arrive within the request timeout. */
    private HttpResponse<String> exchange(HttpRequest request) throws IOException, TimeoutException {
        CompletableFuture<HttpResponse<String>> f = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return f.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause() == null ? "failed" : e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new RemoteJobException("interrupted while waiting for " + request.uri().getPath());
        }
    }

    /** The Retry-After wait in whole or decimal seconds, capped; absent when missing, negative or unreadable. */
    private Optional<Duration> retryAfter(HttpResponse<String> r) {
        Optional<String> h = r.headers().firstValue("Retry-After");
        if (h.isEmpty()) {
            return Optional.empty();
        }
        double seconds;
        try {
            seconds = Double.parseDouble(h.get().strip());
        } catch (NumberFormatException e) {
            return Optional.empty(); // an HTTP date or garbage: the exponential back-off stays
        }
        if (!(seconds >= 0) || !Double.isFinite(seconds)) {
            return Optional.empty();
        }
        long ms = (long) Math.min(seconds * 1000, config.retryAfterCap().toMillis());
        return Optional.of(Duration.ofMillis(ms));
    }

    private Duration backoff(int attempt) {
        long base = config.retryBase().toMillis() << Math.min(attempt - 1, 16);
        long withJitter = base / 2 + (long) (jitter.nextDouble() * base);
        return Duration.ofMillis(withJitter);
    }

    private String summary(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return ": " + secrets.scrub(body, 200);
    }
}
