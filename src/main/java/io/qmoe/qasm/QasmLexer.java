package io.qmoe.qasm;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits OpenQASM 2/3 text into tokens, skipping white space and {@code //} and {@code /* *}{@code /} comments, and
 * keeping {@code #pragma} / {@code pragma} lines whole. Tracks line and column for error messages.
 */
final class QasmLexer {
    private final String s;
    private final String source;
    private int pos;
    private int line = 1;
    private int lineStart;
    private String firstComment;

    QasmLexer(String text, String source) {
        this.s = text;
        this.source = source;
    }

    /** The text of the first comment in the file, stripped, or null. */
    String firstComment() {
        return firstComment;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            int col = pos - lineStart + 1;
            if (pos >= s.length()) {
                out.add(new Token(Token.Kind.EOF, "", pos, line, col));
                return out;
            }
            char c = s.charAt(pos);
            int start = pos;
            if (c == '#' || (startsWord("pragma") && atLineStart())) {
                int end = s.indexOf('\n', pos);
                end = end < 0 ? s.length() : end;
                out.add(new Token(Token.Kind.PRAGMA, s.substring(pos, end).strip(), start, line, col));
                pos = end;
            } else if (Identifiers.isStart(s.codePointAt(pos)) || c == 'ℇ') {
                pos += Character.charCount(s.codePointAt(pos));
                while (pos < s.length() && Identifiers.isPart(s.codePointAt(pos))) {
                    pos += Character.charCount(s.codePointAt(pos));
                }
                out.add(new Token(Token.Kind.IDENT, s.substring(start, pos), start, line, col));
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length()
                    && Character.isDigit(s.charAt(pos + 1)))) {
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.'
                        || s.charAt(pos) == '_'
                        || ((s.charAt(pos) == '+' || s.charAt(pos) == '-')
                        && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E')))) {
                    pos++;
                }
                out.add(new Token(Token.Kind.NUMBER, s.substring(start, pos), start, line, col));
            } else if (c == '"') {
                int end = s.indexOf('"', pos + 1);
                int nl = s.indexOf('\n', pos + 1);
                if (end < 0 || (nl >= 0 && nl < end)) {
                    throw new QasmException(source, line, col, "unterminated string");
                }
                out.add(new Token(Token.Kind.STRING, s.substring(pos + 1, end), start, line, col));
                pos = end + 1;
            } else if (s.startsWith("->", pos) || s.startsWith("**", pos)) {
                out.add(new Token(Token.Kind.SYMBOL, s.substring(pos, pos + 2), start, line, col));
                pos += 2;
            } else {
                int n = Character.charCount(s.codePointAt(pos));
                out.add(new Token(Token.Kind.SYMBOL, s.substring(pos, pos + n), start, line, col));
                pos += n;
            }
        }
    }

    private boolean startsWord(String w) {
        return s.startsWith(w, pos) && (pos + w.length() >= s.length()
                || !Character.isLetterOrDigit(s.charAt(pos + w.length())));
    }

    private boolean atLineStart() {
        for (int i = pos - 1; i >= lineStart; i--) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void skipSpaceAndComments() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (s.startsWith("//", pos)) {
                int end = s.indexOf('\n', pos);
                end = end < 0 ? s.length() : end;
                remember(s.substring(pos + 2, end));
                pos = end;
            } else if (s.startsWith("/*", pos)) {
                int end = s.indexOf("*/", pos + 2);
                if (end < 0) {
                    throw new QasmException(source, line, pos - lineStart + 1,
                            "unterminated comment: '/*' has no closing '*/'");
                }
                String body = s.substring(pos + 2, end);
                remember(body.strip().lines().findFirst().orElse(""));
                for (int i = pos; i < end; i++) {
                    if (s.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private void remember(String comment) {
        if (firstComment == null && !comment.isBlank()) {
            firstComment = comment.strip();
        }
    }

    /** 1-based line and column of an absolute offset. */
    int[] position(int offset) {
        int l = 1;
        int ls = 0;
        for (int i = 0; i < offset && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                l++;
                ls = i + 1;
            }
        }
        return new int[] {l, offset - ls + 1};
    }

    String text() {
        return s;
    }
}
