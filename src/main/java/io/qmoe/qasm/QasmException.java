package io.qmoe.qasm;

/** A circuit file that cannot be read; the message is one line, {@code FILE:LINE:COLUMN: what was expected}. */
public class QasmException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    /** Creates the exception for a problem at 1-based {@code line}:{@code column} of {@code source}. */
    public QasmException(String source, int line, int column, String message) {
        super(source + ":" + line + ":" + column + ": " + message);
        this.line = line;
        this.column = column;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem. */
    public int column() {
        return column;
    }
}
