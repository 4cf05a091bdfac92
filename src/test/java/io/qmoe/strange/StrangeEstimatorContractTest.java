package io.qmoe.strange;

import io.qmoe.backend.Estimator;
import io.qmoe.testing.EstimatorContract;

/** The estimator contract on Strange 0.1.3: single-precision amplitudes, so agreement to about 2e-6. */
class StrangeEstimatorContractTest extends EstimatorContract {
    @Override
    protected Estimator create() {
        return new StrangeEstimator(2);
    }

    @Override
    protected double tolerance() {
        return 2e-6;
    }
}
