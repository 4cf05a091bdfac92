package io.qmoe.circuit;

import java.util.function.Predicate;

/**
 * Recursive-descent parser for angle expressions: numbers, input names, {@code pi π tau τ euler ℇ}, unary minus,
 * {@code + - * /} and parentheses. Division is allowed by constants only. Errors carry the character offset.
 * Parentheses nest at most {@value #MAX_DEPTH} deep, so no input can exhaust the stack; identifiers are
 * {@code _} or a Unicode letter followed by letters, {@code _} and ASCII digits (as in OpenQASM 3).
 */
final class ExpressionParser {
    /** Deepest parenthesis nesting accepted (the parser recurses once per level). */
    static final int MAX_DEPTH = 200;
    private final String s;
    private int depth;
    private final Predicate<String> known;
    private int pos;

    private ExpressionParser(String s, Predicate<String> known) {
        this.s = s;
        this.known = known;
    }

    static AngleExpression parse(String text, Predicate<String> known) {
        ExpressionParser p = new ExpressionParser(text, known);
        p.skipSpace();
        if (p.pos >= text.length()) {
            throw new ExpressionException("expected an angle expression", p.pos);
        }
        AngleExpression e = p.sum();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw new ExpressionException("unexpected '" + new String(Character.toChars(text.codePointAt(p.pos)))
                    + "' in angle expression", p.pos);
        }
        for (double c : e.terms().values()) {
            if (!Double.isFinite(c)) {
                throw new ExpressionException("the angle expression overflows the double range", 0);
            }
        }
        return e;
    }

    private AngleExpression sum() {
        AngleExpression e = product();
        while (true) {
            skipSpace();
            if (peek('+')) {
                pos++;
                e = e.plus(product());
            } else if (peek('-')) {
                pos++;
                e = e.plus(product().times(-1.0));
            } else {
                return e;
            }
        }
    }

    private AngleExpression product() {
        AngleExpression e = unary();
        while (true) {
            skipSpace();
            if (peek('*')) {
                pos++;
                e = e.times(unary());
            } else if (peek('/')) {
                int at = ++pos;
                AngleExpression d = unary();
                if (!d.isConstant()) {
                    throw new ExpressionException("division by an input is not supported in gate angles", at);
                }
                if (d.constantTerm() == 0) {
                    throw new ExpressionException("division by zero", at);
                }
                // a constant is divided exactly (13*pi/20 is the double nearest 13π/20 computed as such)
                e = e.isConstant() ? AngleExpression.constant(e.constantTerm() / d.constantTerm())
                        : e.times(1.0 / d.constantTerm());
            } else {
                return e;
            }
        }
    }

    private AngleExpression unary() {
        double sign = 1;
        skipSpace();
        while (peek('-') || peek('+')) {
            sign = s.charAt(pos++) == '-' ? -sign : sign;
            skipSpace();
        }
        AngleExpression e = primary();
        return sign < 0 ? e.times(-1.0) : e;
    }

    private AngleExpression primary() {
        skipSpace();
        if (pos >= s.length()) {
            throw new ExpressionException("expected a number, an input name or '(' but the expression ended", pos);
        }
        char c = s.charAt(pos);
        if (c == '(') {
            int open = pos++;
            if (++depth > MAX_DEPTH) {
                throw new ExpressionException("parentheses nested deeper than " + MAX_DEPTH, open);
            }
            AngleExpression e = sum();
            depth--;
            skipSpace();
            if (!peek(')')) {
                throw new ExpressionException("missing ')' for the '(' at character " + (open + 1), pos);
            }
            pos++;
            return e;
        }
        if (Character.isDigit(c) || c == '.') {
            return AngleExpression.constant(number());
        }
        if (c == 'π' || c == 'τ' || c == 'ℇ') {
            pos++;
            return AngleExpression.constant(c == 'π' ? Math.PI : c == 'τ' ? 2 * Math.PI : Math.E);
        }
        if (isStart(s.codePointAt(pos))) {
            int start = pos;
            while (pos < s.length() && (isStart(s.codePointAt(pos)) || (s.charAt(pos) >= '0'
                    && s.charAt(pos) <= '9'))) {
                pos += Character.charCount(s.codePointAt(pos));
            }
            String name = s.substring(start, pos);
            switch (name) {
                case "pi":
                    return AngleExpression.constant(Math.PI);
                case "tau":
                    return AngleExpression.constant(2 * Math.PI);
                case "euler":
                    return AngleExpression.constant(Math.E);
                default:
                    break;
            }
            skipSpace();
            if (peek('(')) {
                throw new ExpressionException("function '" + shown(name) + "' is not supported in gate angles",
                        start);
            }
            if (!known.test(name)) {
                throw new ExpressionException("undeclared input '" + shown(name) + "'", start);
            }
            return AngleExpression.input(name);
        }
        throw new ExpressionException("unexpected '" + new String(Character.toChars(s.codePointAt(pos)))
                + "' in angle expression", pos);
    }

    private static boolean isStart(int cp) {
        return cp == '_' || Character.isLetter(cp) || Character.getType(cp) == Character.LETTER_NUMBER;
    }

    /** A name as shown in messages: whole up to 40 code points, else cut and ended with "…". */
    static String shown(String name) {
        return name.codePointCount(0, name.length()) <= 40 ? name
                : name.substring(0, name.offsetByCodePoints(0, 40)) + "…";
    }

    private double number() {
        int start = pos;
        pos = NumberScanner.end(s, pos, true);
        String text = s.substring(start, pos).replace("_", "");
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new ExpressionException("number '" + text + "' is out of range", start);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ExpressionException("bad number '" + shown(s.substring(start, pos)) + "'", start);
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
