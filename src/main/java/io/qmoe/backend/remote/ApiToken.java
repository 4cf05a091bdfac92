package io.qmoe.backend.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * The bearer token for a remote QPU service. Read from an environment variable or from a file that only its owner may
 * read; it is never part of a message, a log line or a run file ({@link #toString()} hides it), and it is sent only in
 * the Authorization header.
 */
public final class ApiToken {
    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    /** A token given directly (tests, or a caller that manages secrets itself). */
    public static ApiToken of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the API token is empty");
        }
        return new ApiToken(value.strip());
    }

    /**
     * The token from {@code envVar}, else from the file named by {@code fileVar}; the file must not be readable by the
     * group or others.
     */
    public static ApiToken fromEnvironment(Map<String, String> env, String envVar, String fileVar) {
        String direct = env.get(envVar);
        if (direct != null && !direct.isBlank()) {
            return of(direct);
        }
        String file = env.get(fileVar);
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("no API token: set " + envVar + " or " + fileVar
                    + " (a file readable only by you)");
        }
        return fromFile(Path.of(file));
    }

    /** The token stored in a file readable only by its owner. */
    public static ApiToken fromFile(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException(file + ": the token file is readable by others; run 'chmod 600 "
                        + file + "'");
            }
            return of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(file + ": cannot check the file's permissions on this file system");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the token file: " + e.getClass().getSimpleName());
        }
    }

    /** The Authorization header value. */
    String bearer() {
        return "Bearer " + value;
    }

    /** Removes the token from a text that is about to be shown (defence in depth for echoed server bodies). */
    String scrub(String text) {
        return text == null ? null : text.replace(value, "****");
    }

    @Override
    public String toString() {
        return "ApiToken[****]";
    }
}
