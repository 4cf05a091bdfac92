package io.qmoe.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * IBM Cloud IAM authentication: the API key is exchanged for a bearer token by
 * {@code POST IAM_URL} with the form {@code grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=KEY}; the answer
 * {@code {"access_token": T, "expires_in": SECONDS, "expiration": EPOCH_SECONDS}} gives the token and its life.
 *
 * <p>Guarantees: the token is cached and reused until 80% of its lifetime has passed (from {@code expires_in}, or
 * from {@code expiration} when that is all there is), then fetched again before it expires; after
 * {@link #invalidate()} (the service answered 401) the next request fetches a new one. Every token obtained is
 * registered with {@link Secrets}, so it is scrubbed from messages like the key itself. The key goes only into the
 * form body of the exchange.
 */
final class IamTokenSource implements RetryingHttp.Credentials {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RetryingHttp http;
    private final URI iamUrl;
    private final ApiToken key;
    private final Secrets secrets;
    private final LongSupplier clockMillis;
    private String token;
    private long refreshAtMillis;

    IamTokenSource(RetryingHttp http, URI iamUrl, ApiToken key, Secrets secrets, LongSupplier clockMillis) {
        this.http = http;
        this.iamUrl = iamUrl;
        this.key = key;
        this.secrets = secrets;
        this.clockMillis = clockMillis;
        secrets.add(key.value());
    }

    @Override
    public synchronized String authorization() {
        long now = clockMillis.getAsLong();
        if (token == null || now >= refreshAtMillis) {
            fetch(now);
        }
        return "Bearer " + token;
    }

    @Override
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch(long now) {
        String form = "grant_type=" + URLEncoder.encode("urn:ibm:params:oauth:grant-type:apikey", StandardCharsets.UTF_8)
                + "&apikey=" + URLEncoder.encode(key.value(), StandardCharsets.UTF_8);
        String body = http.postForm(iamUrl, form, "exchanging the API key for an IAM token at " + iamUrl.getHost());
        JsonNode n;
        try {
            n = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new RemoteJobException("the IAM token answer from " + iamUrl.getHost() + " is not valid JSON");
        }
        JsonNode t = n == null ? null : n.get("access_token");
        if (t == null || !t.isTextual() || t.asText().isBlank()) {
            throw new RemoteJobException("the IAM token answer from " + iamUrl.getHost() + " has no access_token");
        }
        String fresh = t.asText();
        for (int i = 0; i < fresh.length(); i++) {
            if (fresh.charAt(i) < 0x21 || fresh.charAt(i) > 0x7E) {
                throw new RemoteJobException("the IAM access token has a character outside visible ASCII at "
                        + "position " + (i + 1));
            }
        }
        secrets.add(fresh);
        long lifeMillis;
        if (n.path("expires_in").isNumber() && n.get("expires_in").asLong() > 0) {
            lifeMillis = n.get("expires_in").asLong() * 1000;
        } else if (n.path("expiration").isNumber()) {
            lifeMillis = n.get("expiration").asLong() * 1000 - now;
        } else {
            lifeMillis = 0;
        }
        if (lifeMillis <= 0) {
            throw new RemoteJobException("the IAM token answer from " + iamUrl.getHost()
                    + " gives no positive lifetime (expires_in / expiration)");
        }
        token = fresh;
        refreshAtMillis = now + lifeMillis * 8 / 10;
    }
}
