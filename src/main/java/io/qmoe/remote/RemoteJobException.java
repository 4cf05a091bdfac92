package io.qmoe.remote;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A remote job or request that failed for good. The message is one line, names the job id where there is one, and
 * holds no secret (every text from the service is scrubbed by {@link Secrets} first). It is an
 * {@link UncheckedIOException} — a failure of the outside world, not of qmoe — so the command line reports it as one
 * line with exit code 2.
 */
public class RemoteJobException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public RemoteJobException(String message) {
        super(message, new IOException(message));
    }
}
