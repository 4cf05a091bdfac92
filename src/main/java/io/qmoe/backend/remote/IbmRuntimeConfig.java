package io.qmoe.backend.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how to reach the IBM Quantum (Qiskit Runtime) service. Immutable.
 *
 * @param baseUrl        service root, e.g. {@code https://quantum.cloud.ibm.com/api} (requests go to
 *                       {@code baseUrl/v1/jobs…})
 * @param backend        device name, e.g. {@code ibm_brisbane}
 * @param instance       the service instance CRN, sent as the {@code Service-CRN} header (may be empty)
 * @param apiVersion     the {@code IBM-API-Version} header
 * @param precision      target precision of each expectation value (the PUB's precision; the service picks shots)
 * @param requestTimeout timeout of every HTTP request
 * @param pollInitial    first wait between status polls (doubled up to {@code pollMax})
 * @param pollMax        longest wait between status polls
 * @param jobDeadline    how long a job may take before the estimator gives up (naming the job id)
 * @param maxAttempts    attempts per request on 429, 5xx and connection errors
 * @param retryBase      first back-off between attempts (doubled each time, with jitter; Retry-After wins)
 * @param allowInsecureLoopback allow plain HTTP to 127.0.0.0/8 or ::1 (tests with a local server), never elsewhere
 * @param entangler      the device's native two-qubit gate (cz on Heron, cx on older devices)
 */
public record IbmRuntimeConfig(URI baseUrl, String backend, String instance, String apiVersion, double precision,
                               Duration requestTimeout, Duration pollInitial, Duration pollMax, Duration jobDeadline,
                               int maxAttempts, Duration retryBase, boolean allowInsecureLoopback,
                               NativeGateDecomposer.Entangler entangler) {
    /** The public service root. */
    public static final String DEFAULT_URL = "https://quantum.cloud.ibm.com/api";

    /** Checks the values; plain HTTP is refused unless allowed and to loopback. */
    public IbmRuntimeConfig {
        if (backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("ibm-runtime needs a backend name, e.g. ibm-runtime:ibm_brisbane");
        }
        String scheme = baseUrl.getScheme();
        if ("http".equals(scheme)) {
            String host = baseUrl.getHost();
            boolean loopback = host != null && (host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")
                    || host.equals("localhost"));
            if (!allowInsecureLoopback || !loopback) {
                throw new IllegalArgumentException("refusing to send the API token over plain HTTP to " + host
                        + ": use https (plain HTTP is allowed only to loopback, for tests)");
            }
        } else if (!"https".equals(scheme)) {
            throw new IllegalArgumentException("the service URL must be https, got " + baseUrl);
        }
        if (!(precision > 0)) {
            throw new IllegalArgumentException("precision must be positive, got " + precision);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /**
     * The configuration for {@code backend} from environment variables: {@code QMOE_IBM_URL} (default
     * {@value #DEFAULT_URL}), {@code QMOE_IBM_INSTANCE} (the CRN), {@code QMOE_IBM_API_VERSION} (default 2025-05-01),
     * {@code QMOE_IBM_PRECISION} (default 0.015), {@code QMOE_IBM_DEADLINE_MINUTES} (default 240), and
     * {@code QMOE_IBM_NATIVE_2Q} ({@code cz}, the default, or {@code cx}), and {@code QMOE_IBM_INSECURE_LOOPBACK=1}
     * to allow plain HTTP to a loopback address (local test servers only).
     */
    public static IbmRuntimeConfig fromEnvironment(String backend, Map<String, String> env) {
        double precision = Double.parseDouble(env.getOrDefault("QMOE_IBM_PRECISION", "0.015"));
        long deadline = Long.parseLong(env.getOrDefault("QMOE_IBM_DEADLINE_MINUTES", "240"));
        return new IbmRuntimeConfig(URI.create(env.getOrDefault("QMOE_IBM_URL", DEFAULT_URL)), backend,
                env.getOrDefault("QMOE_IBM_INSTANCE", ""), env.getOrDefault("QMOE_IBM_API_VERSION", "2025-05-01"),
                precision, Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(60),
                Duration.ofMinutes(deadline), 6, Duration.ofSeconds(1),
                "1".equals(env.get("QMOE_IBM_INSECURE_LOOPBACK")),
                NativeGateDecomposer.Entangler.parse(env.getOrDefault("QMOE_IBM_NATIVE_2Q", "cz")));
    }

    /** A copy with other timing (tests use milliseconds). */
    public IbmRuntimeConfig withTiming(Duration request, Duration pollFirst, Duration pollLongest, Duration deadline,
                                       int attempts, Duration backoff) {
        return new IbmRuntimeConfig(baseUrl, backend, instance, apiVersion, precision, request, pollFirst,
                pollLongest, deadline, attempts, backoff, allowInsecureLoopback, entangler);
    }
}
