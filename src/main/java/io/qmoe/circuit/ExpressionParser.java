package io.qmoe.circuit;

import java.util.function.Predicate;

/**
 * Recursive-descent parser for angle expressions: numbers, input names, {@code pi π tau τ euler ℇ}, unary minus,
 * {@code + - * /} and parentheses. Division is allowed by constants only. Errors carry the character offset.
 */
final class ExpressionParser {
    private final String s;
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
            throw new ExpressionException("unexpected '" + text.charAt(p.pos) + "' in angle expression", p.pos);
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
                e = e.times(1.0 / d.constantTerm());
            } else {
                return e;
            }
        }
    }

    private AngleExpression unary() {
        skipSpace();
        if (peek('-')) {
            pos++;
            return unary().times(-1.0);
        }
        if (peek('+')) {
            pos++;
            return unary();
        }
        return primary();
    }

    private AngleExpression primary() {
        skipSpace();
        if (pos >= s.length()) {
            throw new ExpressionException("expected a number, an input name or '(' but the expression ended", pos);
        }
        char c = s.charAt(pos);
        if (c == '(') {
            int open = pos++;
            AngleExpression e = sum();
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
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                pos++;
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
                throw new ExpressionException("function '" + name + "' is not supported in gate angles", start);
            }
            if (!known.test(name)) {
                throw new ExpressionException("undeclared input '" + name + "'", start);
            }
            return AngleExpression.input(name);
        }
        throw new ExpressionException("unexpected '" + c + "' in angle expression", pos);
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
            throw new ExpressionException("bad number '" + s.substring(start, pos) + "'", start);
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
