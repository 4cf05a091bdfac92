package io.qmoe.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The IBM Cloud API key for a remote QPU service (exchanged for short-lived IAM bearer tokens by
 * {@link IamTokenSource}). Read from an environment variable or from a file that only its owner may read; it is never
 * part of a message, a log line or a run file ({@link #toString()} hides it, and every text that came from the service
 * is scrubbed of it before it is shown or stored).
 *
 * <p>Guarantee: a token holds only visible ASCII characters (U+0021 to U+007E) after leading and trailing white space
 * is stripped. Anything else — a line break (a second line in a token file), a space, a control character, a
 * zero-width or other non-ASCII character — is refused naming the position and the character class, never the value.
 */
public final class ApiToken {
    private final String value;

    private ApiToken(String value) {
        this.value = value;
    }

    /** A token given directly (tests, or a caller that manages secrets itself); its characters are checked. */
    public static ApiToken of(String value) {
        return of(value, "the API token");
    }

    private static ApiToken of(String value, String origin) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(origin + " is empty");
        }
        String v = value.strip();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException(origin + " has " + characterClass(c) + " at position " + (i + 1)
                        + " of " + v.length() + "; a token is one line of visible ASCII characters");
            }
        }
        return new ApiToken(v);
    }

    /** What kind of character {@code c} is, without showing any token character. */
    private static String characterClass(char c) {
        if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085') {
            return "a line break";
        }
        if (c == ' ' || c == '\t' || Character.isSpaceChar(c)) {
            return "white space";
        }
        if (Character.isISOControl(c)) {
            return "a control character";
        }
        String code = String.format(Locale.ROOT, "U+%04X", (int) c);
        int type = Character.getType(c);
        if (type == Character.FORMAT || c == '\uFEFF') {
            return "an invisible character (" + code + ")";
        }
        return "a non-ASCII character (" + code + ")";
    }

    /**
     * The token from {@code envVar}, else from the file named by {@code fileVar}; the file must not be readable by the
     * group or others.
     */
    public static ApiToken fromEnvironment(Map<String, String> env, String envVar, String fileVar) {
        String direct = env.get(envVar);
        if (direct != null && !direct.isBlank()) {
            return of(direct, envVar);
        }
        String file = env.get(fileVar);
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("no API token: set " + envVar + " or " + fileVar
                    + " (a file readable only by you)");
        }
        return fromFile(Path.of(file));
    }

    /** The token stored in a file readable only by its owner (one line; a trailing line break is fine). */
    public static ApiToken fromFile(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": the token file does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": the token file is a directory, not a file");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                throw new IllegalArgumentException(file + ": the token file is readable by others; run 'chmod 600 "
                        + file + "'");
            }
            return of(Files.readString(file, StandardCharsets.UTF_8), file + ": the token");
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException(file + ": cannot check the file's permissions on this file system");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the token file ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The secret itself, for the IAM exchange and for {@link Secrets}; never for a message. */
    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "ApiToken[****]";
    }
}
