package io.qmoe.backend.remote;

/** A remote job or request that failed for good: the message is one line naming the job id where there is one. */
public class RemoteJobException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public RemoteJobException(String message) {
        super(message);
    }
}
