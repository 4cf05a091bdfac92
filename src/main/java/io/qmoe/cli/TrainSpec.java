package io.qmoe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.report.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything that decides the numbers of a training run, as stored in {@code run.json}: a resumed run must have the
 * same spec. Thread count, output folder and progress display are not part of it (they do not change results).
 */
record TrainSpec(String circuit, String observable, int experts, String task, String data, long taskSeed,
                 double time, double dt, String integrator, double tolerance, String backend, String gradient,
                 long seed, double[] snapshots, int maxBatch) {

    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("circuit", circuit);
        o.put("observable", observable);
        o.put("experts", experts);
        o.put("task", task);
        o.put("data", data);
        o.put("task_seed", taskSeed);
        o.put("time", time);
        o.put("dt", dt);
        o.put("integrator", integrator);
        o.put("tolerance", tolerance);
        o.put("backend", backend);
        o.put("gradient", gradient);
        o.put("seed", seed);
        o.set("snapshots", Json.array(snapshots));
        o.put("max_batch", maxBatch);
        return o;
    }

    static TrainSpec fromJson(JsonNode o) {
        return new TrainSpec(o.get("circuit").asText(), text(o.get("observable")), o.get("experts").asInt(),
                text(o.get("task")), text(o.get("data")), o.get("task_seed").asLong(), o.get("time").asDouble(),
                o.get("dt").asDouble(), o.get("integrator").asText(), o.get("tolerance").asDouble(),
                o.get("backend").asText(), text(o.get("gradient")), o.get("seed").asLong(),
                Json.doubles(o.get("snapshots")), o.get("max_batch").asInt());
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The names of the fields that differ from {@code other}, for a resume error. */
    List<String> differences(TrainSpec other) {
        List<String> d = new ArrayList<>();
        JsonNode a = toJson();
        JsonNode b = other.toJson();
        a.fieldNames().forEachRemaining(f -> {
            if (!Objects.equals(a.get(f), b.get(f))) {
                d.add(f + " (run: " + b.get(f) + ", now: " + a.get(f) + ")");
            }
        });
        return d;
    }

}
