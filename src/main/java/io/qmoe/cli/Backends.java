package io.qmoe.cli;

import io.qmoe.backend.Estimator;
import io.qmoe.backend.StateVectorEstimator;
import io.qmoe.backend.remote.ApiToken;
import io.qmoe.backend.remote.IbmRuntimeConfig;
import io.qmoe.backend.remote.IbmRuntimeEstimator;
import io.qmoe.backend.remote.JobJournal;
import io.qmoe.backend.shots.ShotSamplingEstimator;
import java.nio.file.Path;
import io.qmoe.gradient.AdjointGradient;
import io.qmoe.gradient.FiniteDifferenceGradient;
import io.qmoe.gradient.GradientMethod;
import io.qmoe.gradient.ParameterShiftGradient;
import io.qmoe.strange.StrangeEstimator;
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
     * The estimator named by {@code spec}; remote jobs are recorded in {@code journal} (a run folder's jobs.json, or
     * null) so an interrupted run fetches results instead of resubmitting.
     */
    static Estimator estimator(String spec, int threads, long seed, Path journal) {
        String s = spec.strip();
        if (s.toLowerCase(Locale.ROOT).startsWith("ibm-runtime:")) {
            String device = s.substring("ibm-runtime:".length());
            IbmRuntimeConfig config = IbmRuntimeConfig.fromEnvironment(device, System.getenv());
            ApiToken token = ApiToken.fromEnvironment(System.getenv(), "QMOE_IBM_TOKEN", "QMOE_IBM_TOKEN_FILE");
            IbmRuntimeEstimator remote = new IbmRuntimeEstimator(config, token,
                    journal == null ? null : new JobJournal(journal));
            // the run's batch session stops accepting jobs when the command ends, however it ends
            Runtime.getRuntime().addShutdownHook(new Thread(remote::close, "qmoe-close-ibm-session"));
            return remote;
        }
        s = s.toLowerCase(Locale.ROOT);
        if (s.startsWith("shots:")) {
            String[] parts = s.split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                throw new UserInputException("--backend '" + spec + "': expected shots:N or shots:N:INNER");
            }
            int shots;
            try {
                shots = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new UserInputException("--backend '" + spec + "': '" + parts[1] + "' is not a whole number "
                        + "of shots");
            }
            if (shots < 1) {
                throw new UserInputException("--backend '" + spec + "': shots must be at least 1");
            }
            Estimator inner = estimator(parts.length == 3 ? parts[2] : "statevector", threads, seed);
            if (inner instanceof ShotSamplingEstimator) {
                throw new UserInputException("--backend '" + spec + "': shots cannot be nested");
            }
            return new ShotSamplingEstimator(inner, shots, seed);
        }
        switch (s) {
            case "statevector":
                return new StateVectorEstimator(threads);
            case "strange":
                return new StrangeEstimator(threads);
            default:
                throw new UserInputException("--backend '" + spec + "' is not known: use statevector, strange, "
                        + "shots:N[:INNER] or ibm-runtime:DEVICE");
        }
    }

    /** The gradient method named by {@code name} (null: the default for the backend). */
    static GradientMethod gradient(String name, Estimator estimator, int threads) {
        String g = name == null ? (estimator instanceof StateVectorEstimator ? "adjoint" : "parameter-shift")
                : name.toLowerCase(Locale.ROOT).strip();
        switch (g) {
            case "adjoint":
                if (!(estimator instanceof StateVectorEstimator)) {
                    throw new UserInputException("--gradient adjoint needs --backend statevector (it reads the "
                            + "simulator's exact state, which " + (estimator.exact() ? "this backend" : "a shot-noise "
                            + "backend") + " does not give); use --gradient parameter-shift with --backend "
                            + estimator.name());
                }
                return new AdjointGradient(threads);
            case "parameter-shift":
                return new ParameterShiftGradient(estimator);
            case "finite-difference":
                return new FiniteDifferenceGradient(estimator);
            default:
                throw new UserInputException("--gradient '" + name + "' is not known: use adjoint, parameter-shift "
                        + "or finite-difference");
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
