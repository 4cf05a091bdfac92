package io.qmoe.circuit;

import java.util.ArrayList;
import java.util.List;

/** Parser for {@link PauliObservable} text: signed terms, each an optional number and a product of Paulis. */
final class ObservableParser {
    private final String s;
    private int pos;

    private ObservableParser(String s) {
        this.s = s;
    }

    static PauliObservable parse(String text) {
        return new ObservableParser(text).observable();
    }

    private PauliObservable observable() {
        List<PauliObservable.Term> terms = new ArrayList<>();
        skipSpace();
        if (pos >= s.length()) {
            throw new ExpressionException("expected an observable such as 'Z0' or '0.5*Z0 + Z0Z1'", pos);
        }
        boolean first = true;
        while (true) {
            skipSpace();
            double sign = 1;
            if (peek('+') || peek('-')) {
                sign = s.charAt(pos) == '-' ? -1 : 1;
                pos++;
            } else if (!first) {
                if (pos >= s.length()) {
                    break;
                }
                throw new ExpressionException("expected '+' or '-' between observable terms, found '"
                        + new String(Character.toChars(s.codePointAt(pos))) + "'", pos);
            }
            first = false;
            terms.add(term(sign));
            skipSpace();
            if (pos >= s.length()) {
                break;
            }
        }
        try {
            return PauliObservable.of(terms);
        } catch (IllegalArgumentException e) { // e.g. 1e308*Z0 + 1e308*Z0 sums to infinity
            throw new ExpressionException(e.getMessage(), 0);
        }
    }

    private PauliObservable.Term term(double sign) {
        skipSpace();
        double coefficient = sign;
        boolean hasNumber = false;
        if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
            coefficient *= number();
            hasNumber = true;
            skipSpace();
            if (peek('*')) {
                pos++;
                skipSpace();
            }
        }
        PauliString p = PauliString.IDENTITY;
        boolean hasPauli = false;
        while (pos < s.length()) {
            char c = Character.toUpperCase(s.charAt(pos));
            if (c != 'X' && c != 'Y' && c != 'Z' && c != 'I') {
                break;
            }
            int at = pos++;
            if (c == 'I' && (pos >= s.length() || !Character.isDigit(s.charAt(pos)))) {
                hasPauli = true;
            } else {
                if (pos >= s.length() || !Character.isDigit(s.charAt(pos))) {
                    throw new ExpressionException("Pauli '" + c + "' needs a qubit index, e.g. " + c + "0", at);
                }
                int start = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                int q;
                try {
                    q = Integer.parseInt(s.substring(start, pos));
                } catch (NumberFormatException e) {
                    throw new ExpressionException("qubit index too large", start);
                }
                if (q > 62) {
                    throw new ExpressionException("qubit index " + q + " too large", start);
                }
                try {
                    p = p.with(c, q);
                } catch (IllegalArgumentException e) {
                    throw new ExpressionException(e.getMessage(), at);
                }
                hasPauli = true;
            }
            skipSpace();
            if (peek('*')) {
                pos++;
                skipSpace();
            }
        }
        if (!hasNumber && !hasPauli) {
            throw new ExpressionException(pos < s.length()
                    ? "unexpected '" + new String(Character.toChars(s.codePointAt(pos))) + "' in observable; expected a number or a Pauli such as Z0"
                    : "observable ended where a term was expected", pos);
        }
        return new PauliObservable.Term(coefficient, p);
    }

    private double number() {
        int start = pos;
        pos = NumberScanner.end(s, pos, false);
        try {
            double v = Double.parseDouble(s.substring(start, pos));
            if (!Double.isFinite(v)) {
                throw new ExpressionException("number '" + ExpressionParser.shown(s.substring(start, pos))
                        + "' is out of range", start);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ExpressionException("bad number '" + ExpressionParser.shown(s.substring(start, pos)) + "'",
                    start);
        }
    }

    private boolean peek(char c) {
        return pos < s.length() && s.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }
}
