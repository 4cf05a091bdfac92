package io.qmoe.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared Jackson mapper and small helpers for the JSON files qmoe writes (pretty-printed, doubles exact). */
public final class Json {
    /** The mapper used for every file and {@code --json} output. */
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A JSON array of doubles (non-finite values become null, which JSON readers accept). */
    public static ArrayNode array(double[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
        return a;
    }

    /** Pretty text of a node. */
    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a node atomically. */
    public static void write(Path file, JsonNode node) {
        AtomicFiles.writeString(file, text(node));
    }

    /** Reads a JSON file, with a one-line error naming the file. */
    public static JsonNode read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read JSON: " + firstLine(e));
        }
        return parse(text, file.toString());
    }

    /** The JSON tree of {@code text}; a malformed text is one line naming {@code source}. */
    public static JsonNode parse(String text, String source) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read JSON: " + firstLine(e));
        }
    }

    private static String firstLine(IOException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    }

    /** The doubles of a JSON array. */
    public static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).isNull() ? Double.NaN : array.get(i).asDouble();
        }
        return v;
    }
}
