package io.qmoe.meanfield;

import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.FlowEvaluation;
import io.qmoe.mixture.MixtureOfExperts;
import io.qmoe.mixture.VelocityField;

/** The mixture's own gradient flow, recording the residuals of every evaluation into a {@link ResidualSchedule}. */
final class RecordingFlow implements VelocityField {
    private final MixtureOfExperts mixture;
    private final Dataset data;
    private final ResidualSchedule schedule;
    private FlowEvaluation first;

    RecordingFlow(MixtureOfExperts mixture, Dataset data, ResidualSchedule schedule) {
        this.mixture = mixture;
        this.data = data;
        this.schedule = schedule;
    }

    @Override
    public double[] velocity(double t, double[] angles) {
        FlowEvaluation e = mixture.evaluateWithVelocity(angles, data);
        if (first == null) {
            first = e;
        }
        schedule.record(e.residuals());
        return e.velocity();
    }

    FlowEvaluation firstEvaluation() {
        return first;
    }
}
