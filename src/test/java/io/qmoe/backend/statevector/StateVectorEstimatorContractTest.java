package io.qmoe.backend.statevector;

import io.qmoe.backend.Estimator;

import io.qmoe.testing.EstimatorContract;

/** The estimator contract on the double-precision engine: exact to rounding. */
class StateVectorEstimatorContractTest extends EstimatorContract {
    @Override
    protected Estimator create() {
        return new StateVectorEstimator(2);
    }

    @Override
    protected double tolerance() {
        return 1e-13;
    }
}
