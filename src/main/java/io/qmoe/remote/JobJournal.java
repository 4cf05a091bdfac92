package io.qmoe.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Remembers which remote job answers which batch, keyed by a fingerprint of the batch (circuit text, observable,
 * bindings), in a JSON file written atomically. A run that is interrupted and re-issues the same batch finds the job
 * here and fetches its result instead of paying for the job again; a batch whose submission was under way when the
 * run stopped is found again through its client-generated tag. Each entry also keeps the execution mode and the
 * session id the job ran in. Holds ids, tags and states only — never the API key or a bearer token (the strings it
 * is given come from {@link Secrets#scrub} or are checked ids).
 */
public final class JobJournal {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path file;

    /**
     * One batch's job.
     *
     * @param job     the job id (null while the submission is under way)
     * @param state   submitting, submitted, completed or failed
     * @param tag     the client-generated tag the job was created with
     * @param mode    the execution mode: batch, dedicated or job (no session)
     * @param session the session id, or null outside a session
     */
    public record Entry(String job, String state, String tag, String mode, String session) {
    }

    /** A journal stored in {@code file} (created on first write). */
    public JobJournal(Path file) {
        this.file = file;
    }

    /** The recorded entry for a fingerprint, if any. */
    public synchronized Optional<Entry> entryFor(String fingerprint) {
        JsonNode e = load().get(fingerprint);
        if (e == null || !e.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(text(e, "job"), text(e, "state"), text(e, "tag"), text(e, "mode"),
                text(e, "session")));
    }

    /** The recorded job id for a fingerprint, if a job was created. */
    public Optional<String> jobFor(String fingerprint) {
        return entryFor(fingerprint).map(Entry::job);
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Records (or replaces) the entry of a fingerprint. */
    public synchronized void record(String fingerprint, Entry entry) {
        ObjectNode o = load();
        ObjectNode e = o.putObject(fingerprint);
        e.put("job", entry.job());
        e.put("state", entry.state());
        e.put("tag", entry.tag());
        e.put("mode", entry.mode());
        e.put("session", entry.session());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".jobs", ".tmp");
            Files.writeString(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e2) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the job journal " + file, ex);
        }
    }

    private ObjectNode load() {
        if (!Files.exists(file)) {
            return MAPPER.createObjectNode();
        }
        try {
            return (ObjectNode) MAPPER.readTree(Files.readString(file));
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException(file + ": the job journal is not valid JSON");
        }
    }
}
