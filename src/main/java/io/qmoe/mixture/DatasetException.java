package io.qmoe.mixture;

/** A data file or task specification that cannot be used; the message is one line naming file:line:column. */
public class DatasetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message. */
    public DatasetException(String message) {
        super(message);
    }
}
