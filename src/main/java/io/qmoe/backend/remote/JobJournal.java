package io.qmoe.backend.remote;

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
 * id here and fetches its result instead of paying for the job again. Holds job ids and states only, never the token.
 */
public final class JobJournal {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path file;

    /** A journal stored in {@code file} (created on first write). */
    public JobJournal(Path file) {
        this.file = file;
    }

    /** The recorded job id for a fingerprint, if any. */
    public synchronized Optional<String> jobFor(String fingerprint) {
        ObjectNode o = load();
        return o.has(fingerprint) ? Optional.of(o.get(fingerprint).get("job").asText()) : Optional.empty();
    }

    /** Records a job (state "submitted", later "completed" or "failed"). */
    public synchronized void record(String fingerprint, String jobId, String state) {
        ObjectNode o = load();
        ObjectNode entry = o.putObject(fingerprint);
        entry.put("job", jobId);
        entry.put("state", state);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".jobs", ".tmp");
            Files.writeString(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job journal " + file, e);
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
