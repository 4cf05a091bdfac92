package io.qmoe.cli;

import io.qmoe.backend.Estimator;
import io.qmoe.device.Devices;
import io.qmoe.gradient.GradientMethod;
import java.nio.file.Path;
import java.util.Locale;

/** Turns the {@code --backend} and {@code --gradient} option values into an {@link Estimator} and a gradient method. */
final class Backends {
    /** What {@code --backend} accepts, for help texts. */
    static final String BACKEND_HELP = "statevector (default: fast double-precision engine), strange "
            + "(the Strange 0.1.3 simulator, single precision, slow), or shots:N[:INNER] (N measurement shots per "
            + "binding and term group sampled from statevector or strange), or ibm-runtime:DEVICE (a remote IBM QPU, "
            + "configured by QMOE_IBM_* environment variables; see 'qmoe backends')";
    /** What {@code --gradient} accepts. */
    static final String GRADIENT_HELP = "adjoint (statevector only; default there), parameter-shift (any backend; "
            + "default elsewhere) or finite-difference (checks)";

    private Backends() {
    }

    /** The estimator named by {@code spec}; {@code seed} seeds shot sampling. */
    static Estimator estimator(String spec, int threads, long seed) {
        return estimator(spec, threads, seed, null);
    }

    /**
     * The estimator named by {@code spec} (the library's {@link Devices} grammar); remote jobs are recorded in
     * {@code journal} (a run folder's jobs.json, or null) so an interrupted run fetches results instead of resubmitting.
     */
    static Estimator estimator(String spec, int threads, long seed, Path journal) {
        Devices.Settings settings = new Devices.Settings(threads, seed, journal, System.getenv());
        Estimator estimator;
        try {
            estimator = Devices.open(spec, settings);
        } catch (IllegalArgumentException e) {
            if (spec.strip().toLowerCase(Locale.ROOT).startsWith("ibm-runtime:")) {
                throw e;
            }
            throw new UserInputException("--backend " + e.getMessage());
        }
        // a remote run's session stops accepting jobs when the command ends, however it ends
        Runtime.getRuntime().addShutdownHook(new Thread(estimator::close, "qmoe-close-backend"));
        return estimator;
    }

    /** The gradient method named by {@code name} (null: the backend's best). */
    static GradientMethod gradient(String name, Estimator estimator) {
        try {
            return GradientMethod.named(name, estimator);
        } catch (IllegalArgumentException e) {
            boolean adjoint = name != null && name.strip().equalsIgnoreCase("adjoint");
            throw new UserInputException("--gradient " + (adjoint ? "adjoint: " : "") + e.getMessage());
        }
    }

    /** Validates a thread count option (0 = all processors). */
    static int threads(int requested) {
        if (requested < 0) {
            throw new UserInputException("--threads must be 0 (all processors) or positive, got " + requested);
        }
        return requested == 0 ? Runtime.getRuntime().availableProcessors() : requested;
    }
}
