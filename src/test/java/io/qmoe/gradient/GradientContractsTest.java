package io.qmoe.gradient;

import io.qmoe.backend.Estimator;
import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.strange.StrangeEstimator;
import io.qmoe.testing.GradientContract;
import org.junit.jupiter.api.Nested;

/** The gradient contract for every method on the backends it runs on, each with its own tolerance. */
class GradientContractsTest {
    @Nested
    class AdjointOnTheStateVector extends GradientContract {
        @Override
        protected Estimator createBackend() {
            return new StateVectorEstimator(2);
        }

        @Override
        protected GradientMethod create(Estimator backend) {
            return new AdjointGradient(backend);
        }

        @Override
        protected double tolerance() {
            return 1e-13;
        }
    }

    @Nested
    class ParameterShiftOnTheStateVector extends GradientContract {
        @Override
        protected Estimator createBackend() {
            return new StateVectorEstimator(2);
        }

        @Override
        protected GradientMethod create(Estimator backend) {
            return new ParameterShiftGradient(backend);
        }

        @Override
        protected double tolerance() {
            return 1e-13;
        }
    }

    @Nested
    class ParameterShiftOnStrange extends GradientContract {
        @Override
        protected Estimator createBackend() {
            return new StrangeEstimator(2);
        }

        @Override
        protected GradientMethod create(Estimator backend) {
            return new ParameterShiftGradient(backend);
        }

        @Override
        protected double tolerance() {
            return 1e-5;
        }
    }

    @Nested
    class FiniteDifferencesOnTheStateVector extends GradientContract {
        @Override
        protected Estimator createBackend() {
            return new StateVectorEstimator(2);
        }

        @Override
        protected GradientMethod create(Estimator backend) {
            return new FiniteDifferenceGradient(backend);
        }

        @Override
        protected double tolerance() {
            return 1e-6;
        }
    }
}
