package io.qmoe.backend.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Random;

/**
 * HTTP with a timeout on every request and retries with exponential back-off and jitter on 429, 5xx, connection
 * errors and timeouts, honouring {@code Retry-After} (seconds). Other 4xx answers fail at once. Messages never contain
 * the token.
 */
final class RetryingHttp {
    /** Waits; replaceable in tests. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final HttpClient client;
    private final IbmRuntimeConfig config;
    private final ApiToken token;
    private final Random jitter;
    private final Sleeper sleeper;

    RetryingHttp(IbmRuntimeConfig config, ApiToken token, long seed, Sleeper sleeper) {
        this.client = HttpClient.newBuilder().connectTimeout(config.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.config = config;
        this.token = token;
        this.jitter = new Random(seed);
        this.sleeper = sleeper;
    }

    String get(String path, String what) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), what);
    }

    String post(String path, String json, String what) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), what);
    }

    private URI uri(String path) {
        String base = config.baseUrl().toString();
        return URI.create(base.endsWith("/") ? base + path.substring(1) : base + path);
    }

    private String send(HttpRequest.Builder builder, String what) {
        builder.timeout(config.requestTimeout()).header("Authorization", token.bearer())
                .header("IBM-API-Version", config.apiVersion()).header("Accept", "application/json");
        if (!config.instance().isBlank()) {
            builder.header("Service-CRN", config.instance());
        }
        HttpRequest request = builder.build();
        String lastProblem = "";
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            Duration wait = backoff(attempt);
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                int code = r.statusCode();
                if (code >= 200 && code < 300) {
                    return r.body();
                }
                lastProblem = "HTTP " + code + summary(r.body());
                if (code != 429 && code < 500) {
                    throw new RemoteJobException(what + " failed: " + lastProblem);
                }
                var retryAfter = r.headers().firstValue("Retry-After");
                if (retryAfter.isPresent()) {
                    try {
                        wait = Duration.ofMillis((long) (Double.parseDouble(retryAfter.get().strip()) * 1000));
                    } catch (NumberFormatException ignored) {
                        // an HTTP date: keep the exponential back-off
                    }
                }
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + config.requestTimeout().toMillis() + " ms";
            } catch (IOException e) {
                lastProblem = "connection failed (" + e.getClass().getSimpleName() + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RemoteJobException(what + " interrupted");
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

    private Duration backoff(int attempt) {
        long base = config.retryBase().toMillis() << Math.min(attempt - 1, 16);
        long withJitter = base / 2 + (long) (jitter.nextDouble() * base);
        return Duration.ofMillis(withJitter);
    }

    private String summary(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = token.scrub(body).replaceAll("\\s+", " ").strip();
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine);
    }
}
