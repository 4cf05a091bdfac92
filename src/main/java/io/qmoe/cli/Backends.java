package io.qmoe.cli;

import io.qmoe.backend.Estimator;
import io.qmoe.backend.StateVectorEstimator;
import io.qmoe.gradient.AdjointGradient;
import io.qmoe.gradient.FiniteDifferenceGradient;
import io.qmoe.gradient.GradientMethod;
import io.qmoe.gradient.ParameterShiftGradient;
import io.qmoe.strange.StrangeEstimator;
import java.util.Locale;

/** Turns the {@code --backend} and {@code --gradient} option values into an {@link Estimator} and a gradient method. */
final class Backends {
    /** What {@code --backend} accepts, for help texts. */
    static final String BACKEND_HELP = "statevector (default: fast double-precision engine) or strange "
            + "(the Strange 0.1.3 simulator, single precision, slow)";
    /** What {@code --gradient} accepts. */
    static final String GRADIENT_HELP = "adjoint (statevector only; default there), parameter-shift (any backend; "
            + "default elsewhere) or finite-difference (checks)";

    private Backends() {
    }

    /** The estimator named by {@code spec}. */
    static Estimator estimator(String spec, int threads) {
        String s = spec.toLowerCase(Locale.ROOT).strip();
        switch (s) {
            case "statevector":
                return new StateVectorEstimator(threads);
            case "strange":
                return new StrangeEstimator(threads);
            default:
                throw new UserInputException("--backend '" + spec + "' is not known: use statevector or strange");
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
                            + "simulator's state); use --gradient parameter-shift with --backend " + estimator.name());
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
