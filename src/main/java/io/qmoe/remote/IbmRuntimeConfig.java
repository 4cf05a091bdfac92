package io.qmoe.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how to reach the IBM Quantum (Qiskit Runtime) service. Immutable.
 *
 * @param baseUrl        service root, e.g. {@code https://quantum.cloud.ibm.com/api} (requests go to
 *                       {@code baseUrl/v1/jobs…})
 * @param iamUrl         the IBM Cloud IAM token endpoint where the API key is exchanged for a bearer token
 * @param backend        device name, e.g. {@code ibm_brisbane}
 * @param instance       the service instance CRN, sent as the {@code Service-CRN} header (may be empty)
 * @param apiVersion     the {@code IBM-API-Version} header
 * @param precision      target precision of each expectation value (the PUB's precision; the service picks shots)
 * @param requestTimeout deadline of every whole HTTP exchange (headers and body)
 * @param pollInitial    first wait between status polls (doubled up to {@code pollMax})
 * @param pollMax        longest wait between status polls
 * @param jobDeadline    how long a job may take before the estimator gives up (naming the job id)
 * @param maxAttempts    attempts per request on retryable answers (see {@code RetryingHttp})
 * @param retryBase      first back-off between attempts (doubled each time, with jitter; Retry-After wins)
 * @param retryAfterCap  the longest {@code Retry-After} wait honoured (larger values are cut to this)
 * @param allowInsecureLoopback allow plain HTTP to 127.0.0.0/8 or ::1 (tests with a local server), never elsewhere
 * @param entangler      the two-qubit gate assumed when the service has no configuration for the device
 * @param sessionMode    {@code batch} or {@code dedicated}: the execution mode of the session the run's jobs share, or
 *                       {@code none} for jobs outside a session
 */
public record IbmRuntimeConfig(URI baseUrl, URI iamUrl, String backend, String instance, String apiVersion,
                               double precision, Duration requestTimeout, Duration pollInitial, Duration pollMax,
                               Duration jobDeadline, int maxAttempts, Duration retryBase, Duration retryAfterCap,
                               boolean allowInsecureLoopback, NativeGateDecomposer.Entangler entangler,
                               String sessionMode) {
    /** The public service root (region us-east). */
    public static final String DEFAULT_URL = "https://quantum.cloud.ibm.com/api";
    /** The IBM Cloud IAM token endpoint. */
    public static final String DEFAULT_IAM_URL = "https://iam.cloud.ibm.com/identity/token";
    /** The {@code IBM-API-Version} the official client sends at the time of writing. */
    public static final String DEFAULT_API_VERSION = "2026-04-15";

    private static final Pattern CRN_LOCATION = Pattern.compile("^crn:v1:[^:]*:[^:]*:[^:]*:([a-z0-9-]+):.*$");

    /** Checks the values; plain HTTP is refused unless allowed and to loopback. */
    public IbmRuntimeConfig {
        if (backend == null || backend.isBlank()) {
            throw new IllegalArgumentException("ibm-runtime needs a backend name, e.g. ibm-runtime:ibm_brisbane");
        }
        checkScheme(baseUrl, allowInsecureLoopback, "the service URL");
        checkScheme(iamUrl, allowInsecureLoopback, "the IAM URL");
        if (!(precision > 0) || !Double.isFinite(precision)) {
            throw new IllegalArgumentException("precision must be positive, got " + precision);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (!sessionMode.equals("batch") && !sessionMode.equals("dedicated") && !sessionMode.equals("none")) {
            throw new IllegalArgumentException("the session mode must be batch, dedicated or none, got '"
                    + sessionMode + "'");
        }
    }

    private static void checkScheme(URI url, boolean allowInsecureLoopback, String what) {
        String scheme = url.getScheme();
        if ("http".equals(scheme)) {
            String host = url.getHost();
            boolean loopback = host != null && (host.startsWith("127.") || host.equals("[::1]") || host.equals("::1")
                    || host.equals("localhost"));
            if (!allowInsecureLoopback || !loopback) {
                throw new IllegalArgumentException("refusing to send the API token over plain HTTP to " + host
                        + ": use https (plain HTTP is allowed only to loopback, for tests)");
            }
        } else if (!"https".equals(scheme)) {
            throw new IllegalArgumentException(what + " must be https, got " + url);
        }
    }

    /**
     * The service root for an instance CRN: its location field (the sixth, e.g. {@code us-east} or {@code eu-de})
     * picks the regional host — {@code https://quantum.cloud.ibm.com/api} for us-east,
     * {@code https://LOCATION.quantum.cloud.ibm.com/api} elsewhere; {@value #DEFAULT_URL} when there is no CRN.
     */
    public static URI serviceUrlFor(String crn) {
        if (crn == null || crn.isBlank()) {
            return URI.create(DEFAULT_URL);
        }
        Matcher m = CRN_LOCATION.matcher(crn.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("QMOE_IBM_INSTANCE is not a service CRN of the form "
                    + "crn:v1:bluemix:public:quantum-computing:LOCATION:a/ACCOUNT:INSTANCE::");
        }
        String location = m.group(1);
        return URI.create("https://" + (location.equals("us-east") ? "" : location + ".") + "quantum.cloud.ibm.com/api");
    }

    /**
     * The configuration for {@code backend} from environment variables: {@code QMOE_IBM_INSTANCE} (the service CRN;
     * its location picks the regional host), {@code QMOE_IBM_URL} (overrides that host), {@code QMOE_IBM_IAM_URL}
     * (default {@value #DEFAULT_IAM_URL}), {@code QMOE_IBM_API_VERSION} (default {@value #DEFAULT_API_VERSION}),
     * {@code QMOE_IBM_PRECISION} (default 0.015), {@code QMOE_IBM_DEADLINE_MINUTES} (default 240),
     * {@code QMOE_IBM_TIMEOUT_SECONDS} (whole-answer deadline, default 60), {@code QMOE_IBM_RETRY_AFTER_CAP_SECONDS}
     * (default 60), {@code QMOE_IBM_RETRY_BASE_SECONDS} (first back-off, default 0.5), {@code QMOE_IBM_POLL_SECONDS}
     * (first wait between status polls, default 2, growing to 30 times that), {@code QMOE_IBM_NATIVE_2Q} ({@code cz}, the default, or {@code cx}; used only when the service
     * has no configuration for the device), {@code QMOE_IBM_SESSION} ({@code batch}, the default,
     * {@code dedicated} or {@code none}) and {@code QMOE_IBM_INSECURE_LOOPBACK=1} to allow plain HTTP to a loopback
     * address (local test servers only). A malformed value is refused naming its variable.
     */
    public static IbmRuntimeConfig fromEnvironment(String backend, Map<String, String> env) {
        double precision = positive(env, "QMOE_IBM_PRECISION", 0.015);
        Duration deadline = Duration.ofMillis((long) (positive(env, "QMOE_IBM_DEADLINE_MINUTES", 240) * 60_000));
        Duration timeout = Duration.ofMillis((long) (positive(env, "QMOE_IBM_TIMEOUT_SECONDS", 60) * 1000));
        Duration cap = Duration.ofMillis((long) (positive(env, "QMOE_IBM_RETRY_AFTER_CAP_SECONDS", 60) * 1000));
        Duration backoff = Duration.ofMillis((long) (positive(env, "QMOE_IBM_RETRY_BASE_SECONDS", 0.5) * 1000));
        Duration poll = Duration.ofMillis((long) (positive(env, "QMOE_IBM_POLL_SECONDS", 2) * 1000));
        String instance = env.getOrDefault("QMOE_IBM_INSTANCE", "").strip();
        URI base = env.containsKey("QMOE_IBM_URL") ? uri(env, "QMOE_IBM_URL") : serviceUrlFor(instance);
        URI iam = env.containsKey("QMOE_IBM_IAM_URL") ? uri(env, "QMOE_IBM_IAM_URL") : URI.create(DEFAULT_IAM_URL);
        NativeGateDecomposer.Entangler entangler;
        try {
            entangler = NativeGateDecomposer.Entangler.parse(env.getOrDefault("QMOE_IBM_NATIVE_2Q", "cz"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("QMOE_IBM_NATIVE_2Q: " + e.getMessage());
        }
        String session = env.getOrDefault("QMOE_IBM_SESSION", "batch").strip().toLowerCase(Locale.ROOT);
        if (!session.equals("batch") && !session.equals("dedicated") && !session.equals("none")) {
            throw new IllegalArgumentException("QMOE_IBM_SESSION: expected batch, dedicated or none");
        }
        return new IbmRuntimeConfig(base, iam, backend, instance,
                env.getOrDefault("QMOE_IBM_API_VERSION", DEFAULT_API_VERSION).strip(), precision, timeout,
                poll, poll.multipliedBy(30), deadline, 6, backoff, cap,
                "1".equals(env.get("QMOE_IBM_INSECURE_LOOPBACK")), entangler, session);
    }

    private static double positive(Map<String, String> env, String name, double fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + text.strip() + "' is not a number");
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + ": must be a positive number, got " + text.strip());
        }
        return v;
    }

    private static URI uri(Map<String, String> env, String name) {
        try {
            URI u = new URI(env.get(name).strip());
            if (u.getHost() == null) {
                throw new IllegalArgumentException(name + ": '" + env.get(name).strip() + "' has no host");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(name + ": not a URL (" + e.getReason() + ")");
        }
    }

    /** A copy with other timing (tests use milliseconds). */
    public IbmRuntimeConfig withTiming(Duration request, Duration pollFirst, Duration pollLongest, Duration deadline,
                                       int attempts, Duration backoff, Duration retryAfterLongest) {
        return new IbmRuntimeConfig(baseUrl, iamUrl, backend, instance, apiVersion, precision, request, pollFirst,
                pollLongest, deadline, attempts, backoff, retryAfterLongest, allowInsecureLoopback, entangler,
                sessionMode);
    }

    /** A copy with another session mode ({@code batch}, {@code dedicated} or {@code none}). */
    public IbmRuntimeConfig withSessionMode(String mode) {
        return new IbmRuntimeConfig(baseUrl, iamUrl, backend, instance, apiVersion, precision, requestTimeout,
                pollInitial, pollMax, jobDeadline, maxAttempts, retryBase, retryAfterCap, allowInsecureLoopback,
                entangler, mode);
    }
}
