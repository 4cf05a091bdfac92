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

    /**
     * The spec stored in {@code file}'s {@code config} object.
     *
     * @throws UserInputException naming the file and field when the object is not a run's configuration (an older
     *                            qmoe, a damaged or edited file)
     */
    static TrainSpec fromJson(JsonNode o, java.nio.file.Path file) {
        if (!o.isObject()) {
            throw new UserInputException(file + ": field 'config' is missing or not an object; not a qmoe run "
                    + "(use --overwrite to start anew)");
        }
        return new TrainSpec(need(o, "circuit", file).asText(), text(o.get("observable")),
                need(o, "experts", file).asInt(), text(o.get("task")), text(o.get("data")),
                need(o, "task_seed", file).asLong(), need(o, "time", file).asDouble(), need(o, "dt", file).asDouble(),
                need(o, "integrator", file).asText(), need(o, "tolerance", file).asDouble(),
                need(o, "backend", file).asText(), text(o.get("gradient")), need(o, "seed", file).asLong(),
                Json.doubles(need(o, "snapshots", file)), need(o, "max_batch", file).asInt());
    }

    private static JsonNode need(JsonNode o, String field, java.nio.file.Path file) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull() || n.isContainerNode() != field.equals("snapshots")) {
            throw new UserInputException(file + ": field 'config." + field + "' is missing or malformed; not a run "
                    + "of this qmoe (use --overwrite to start anew)");
        }
        return n;
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
