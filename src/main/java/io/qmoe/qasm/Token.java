package io.qmoe.qasm;

/** One lexical token of an OpenQASM file, with its start offset and 1-based line and column. */
record Token(Kind kind, String text, int offset, int line, int column) {
    enum Kind { IDENT, NUMBER, STRING, SYMBOL, PRAGMA, EOF }

    boolean is(String symbol) {
        return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equals(symbol);
    }
}
