package io.qmoe.circuit;

/** Finds the end of a decimal number (digits, a point, an exponent) in text, for the expression parsers. */
final class NumberScanner {
    private NumberScanner() {
    }

    /**
     * The index just past the number starting at {@code pos}: digits and points (and '_' separators when
     * {@code underscores}), then an exponent {@code e±digits} only if digits follow it.
     */
    static int end(String s, int pos, boolean underscores) {
        int p = pos;
        while (p < s.length() && (Character.isDigit(s.charAt(p)) || s.charAt(p) == '.'
                || (underscores && s.charAt(p) == '_'))) {
            p++;
        }
        if (p < s.length() && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            int q = p + 1;
            if (q < s.length() && (s.charAt(q) == '+' || s.charAt(q) == '-')) {
                q++;
            }
            if (q < s.length() && Character.isDigit(s.charAt(q))) {
                while (q < s.length() && Character.isDigit(s.charAt(q))) {
                    q++;
                }
                p = q;
            }
        }
        return p;
    }
}
