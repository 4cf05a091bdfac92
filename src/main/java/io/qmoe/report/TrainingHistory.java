package io.qmoe.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.mixture.FlowEvaluation;
import java.util.ArrayList;
import java.util.List;

/**
 * The recorded trajectory of a training run: time, loss, residual vector and predictions at every recorded grid index.
 * Stored in {@code run.json} with exact doubles, so a resumed run continues the same history.
 */
public final class TrainingHistory {
    private final List<Integer> steps = new ArrayList<>();
    private final List<Double> times = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final List<double[]> residuals = new ArrayList<>();
    private final List<double[]> predictions = new ArrayList<>();

    /** Appends one recorded state. */
    public void add(int step, double t, FlowEvaluation e) {
        steps.add(step);
        times.add(t);
        losses.add(e.loss());
        residuals.add(e.residuals().clone());
        predictions.add(e.predictions().clone());
    }

    /** Number of recorded states. */
    public int size() {
        return times.size();
    }

    /** Recorded times. */
    public double[] times() {
        return times.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Recorded losses. */
    public double[] losses() {
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The residual vector of record i. */
    public double[] residuals(int i) {
        return residuals.get(i).clone();
    }

    /** The predictions of record i. */
    public double[] predictions(int i) {
        return predictions.get(i).clone();
    }

    /** The last recorded loss, or NaN. */
    public double lastLoss() {
        return losses.isEmpty() ? Double.NaN : losses.get(losses.size() - 1);
    }

    /** JSON form: {@code {"step":[…], "t":[…], "loss":[…], "residuals":[[…]…], "predictions":[[…]…]}}. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        ArrayNode s = o.putArray("step");
        steps.forEach(s::add);
        o.set("t", Json.array(times()));
        o.set("loss", Json.array(losses()));
        ArrayNode r = o.putArray("residuals");
        residuals.forEach(v -> r.add(Json.array(v)));
        ArrayNode p = o.putArray("predictions");
        predictions.forEach(v -> p.add(Json.array(v)));
        return o;
    }

    /** Reads the JSON form, keeping only records with step below {@code untilStep}. */
    public static TrainingHistory fromJson(JsonNode o, int untilStep) {
        TrainingHistory h = new TrainingHistory();
        for (int i = 0; i < o.get("t").size(); i++) {
            int step = o.get("step").get(i).asInt();
            if (step >= untilStep) {
                break;
            }
            double[] r = Json.doubles(o.get("residuals").get(i));
            double[] p = Json.doubles(o.get("predictions").get(i));
            h.add(step, o.get("t").get(i).asDouble(), new FlowEvaluation(p, r, o.get("loss").get(i).asDouble(), null));
        }
        return h;
    }
}
