package io.qmoe.device;

import io.qmoe.backend.Estimator;
import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.remote.ApiToken;
import io.qmoe.remote.IbmRuntimeConfig;
import io.qmoe.remote.IbmRuntimeEstimator;
import io.qmoe.remote.JobJournal;
import io.qmoe.backend.shots.ShotSamplingEstimator;
import io.qmoe.strange.StrangeEstimator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Opens a backend from its specification:
 * <ul>
 *   <li>{@code statevector} — the double-precision engine (exact, adjoint gradients);</li>
 *   <li>{@code strange} — the Strange 0.1.3 simulator (single precision, slow: the reference);</li>
 *   <li>{@code shots:N[:INNER]} — N measurement shots per binding and term group, sampled from INNER (default
 *       statevector);</li>
 *   <li>{@code ibm-runtime:DEVICE} — an IBM Quantum device, configured by the {@code QMOE_IBM_*} variables of
 *       {@link Settings#environment()}.</li>
 * </ul>
 * The caller owns the returned backend and closes it.
 */
public final class Devices {
    /** What a specification may be, for help texts and messages. */
    public static final String GRAMMAR = "statevector, strange, shots:N[:INNER] or ibm-runtime:DEVICE";

    private Devices() {
    }

    /**
     * What a backend needs besides its name.
     *
     * @param threads     worker threads of a local engine (at least 1)
     * @param seed        seed of shot sampling
     * @param journal     file in which a remote backend records its jobs so an interrupted run fetches results instead
     *                    of resubmitting, or null
     * @param environment where the remote configuration is read ({@code QMOE_IBM_*}); usually {@link System#getenv()}
     */
    public record Settings(int threads, long seed, Path journal, Map<String, String> environment) {
        /** Checks the thread count. */
        public Settings {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            environment = Map.copyOf(environment);
        }

        /** Local settings: {@code threads} workers, shot seed {@code seed}, no journal, the process environment. */
        public static Settings local(int threads, long seed) {
            return new Settings(threads, seed, null, System.getenv());
        }
    }

    /**
     * The backend named by {@code spec}.
     *
     * @throws IllegalArgumentException naming the specification when it is malformed or unknown
     */
    public static Estimator open(String spec, Settings settings) {
        String s = spec.strip();
        if (s.toLowerCase(Locale.ROOT).startsWith("ibm-runtime:")) {
            String device = s.substring("ibm-runtime:".length());
            IbmRuntimeConfig config = IbmRuntimeConfig.fromEnvironment(device, settings.environment());
            ApiToken token = ApiToken.fromEnvironment(settings.environment(), "QMOE_IBM_TOKEN", "QMOE_IBM_TOKEN_FILE");
            return new IbmRuntimeEstimator(config, token,
                    settings.journal() == null ? null : new JobJournal(settings.journal()));
        }
        s = s.toLowerCase(Locale.ROOT);
        if (s.startsWith("shots:")) {
            return shots(spec, s, settings);
        }
        switch (s) {
            case "statevector":
                return new StateVectorEstimator(settings.threads());
            case "strange":
                return new StrangeEstimator(settings.threads());
            default:
                throw new IllegalArgumentException("'" + spec + "' is not known: use " + GRAMMAR);
        }
    }

    private static Estimator shots(String spec, String s, Settings settings) {
        String[] parts = s.split(":", 3);
        if (parts.length < 2 || parts[1].isEmpty()) {
            throw new IllegalArgumentException("'" + spec + "': expected shots:N or shots:N:INNER");
        }
        int shots;
        try {
            shots = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': '" + parts[1] + "' is not a whole number of shots");
        }
        if (shots < 1) {
            throw new IllegalArgumentException("'" + spec + "': shots must be at least 1");
        }
        String inner = parts.length == 3 ? parts[2] : "statevector";
        if (inner.startsWith("shots")) {
            throw new IllegalArgumentException("'" + spec + "': shots cannot be nested");
        }
        return new ShotSamplingEstimator(open(inner, settings), shots, settings.seed());
    }
}
