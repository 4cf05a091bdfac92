package io.qmoe.remote;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every secret of one remote session (the API key, each IAM bearer token obtained with it) and the one place that
 * removes them from text that came from the service before the text reaches a message, an exception or a file.
 *
 * <p>Guarantee of {@link #scrub}: no registered secret occurs in the result, neither verbatim nor in its JSON-escaped
 * form ({@code /} as {@code \/}); the result is one line (runs of white space, line breaks included, become one
 * space) and at most {@code limit} characters long.
 */
final class Secrets {
    private static final String MASK = "****";
    private final List<String> values = new CopyOnWriteArrayList<>();

    /** Registers a secret (ignored when empty). */
    void add(String secret) {
        if (secret != null && !secret.isEmpty() && !values.contains(secret)) {
            values.add(secret);
        }
    }

    /** {@code text} without any secret, on one line, cut at {@code limit} characters (null stays null). */
    String scrub(String text, int limit) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : values) {
            out = out.replace(s, MASK).replace(s.replace("/", "\\/"), MASK);
        }
        out = out.replaceAll("\\s+", " ").strip();
        return out.length() > limit ? out.substring(0, limit) + "…" : out;
    }

    /** {@link #scrub(String, int)} with a limit of 300 characters. */
    String scrub(String text) {
        return scrub(text, 300);
    }
}
