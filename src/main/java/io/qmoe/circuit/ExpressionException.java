package io.qmoe.circuit;

/**
 * A malformed angle expression or observable text. {@link #offset()} is the 0-based character position in the text
 * where the problem was found, so callers that embed the text in a file can report line and column.
 */
public class ExpressionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int offset;
    private final String reason;

    /** Creates the exception for a problem at {@code offset} in the parsed text. */
    public ExpressionException(String reason, int offset) {
        super(reason + " (at character " + (offset + 1) + ")");
        this.reason = reason;
        this.offset = offset;
    }

    /** 0-based character offset of the problem in the parsed text. */
    public int offset() {
        return offset;
    }

    /** The message without the position suffix. */
    public String reason() {
        return reason;
    }
}
