package io.qmoe.qasm;

import io.qmoe.circuit.AngleExpression;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * OpenQASM 3 identifiers ({@code _} or a Unicode letter, then letters, {@code _} and ASCII digits), their display in
 * messages, their ASCII form for {@link io.qmoe.circuit.ParametricCircuit} input names, and renaming inside angles.
 */
final class Identifiers {
    /** Longest identifier shown whole in a message; longer ones are cut and end in "…". */
    static final int SHOWN = 40;

    private static final String GREEK = "αalpha βbeta γgamma δdelta εepsilon ζzeta ηeta θtheta ιiota κkappa λlambda "
            + "μmu νnu ξxi οomicron πpi ρrho σsigma ςsigma τtau υupsilon φphi χchi ψpsi ωomega ϕphi ϑtheta";

    private Identifiers() {
    }

    /** Whether the code point may start an identifier: {@code _}, a letter (Lu Ll Lt Lm Lo) or a letter number (Nl). */
    static boolean isStart(int cp) {
        return cp == '_' || Character.isLetter(cp) || Character.getType(cp) == Character.LETTER_NUMBER;
    }

    /** Whether the code point may continue an identifier. */
    static boolean isPart(int cp) {
        return isStart(cp) || (cp >= '0' && cp <= '9');
    }

    /** The identifier as shown in a message: whole up to {@value #SHOWN} code points, else cut with "…". */
    static String shown(String name) {
        if (name.codePointCount(0, name.length()) <= SHOWN) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, SHOWN)) + "…";
    }

    /** Whether the name is already a valid ASCII input name. */
    static boolean isAscii(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    /**
     * An ASCII spelling of an identifier: Greek letters by their names (θ → theta, so Qiskit's {@code _θ_0_} becomes
     * {@code _theta_0_}), other non-ASCII code points as {@code u} and their hexadecimal value.
     */
    static String ascii(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (cp < 128) {
                sb.appendCodePoint(cp);
                return;
            }
            int at = GREEK.indexOf(new String(Character.toChars(cp)));
            if (at >= 0) {
                int end = GREEK.indexOf(' ', at);
                sb.append(GREEK, at + Character.charCount(cp), end < 0 ? GREEK.length() : end);
            } else {
                sb.append('u').append(Integer.toHexString(cp));
            }
        });
        return sb.toString();
    }

    /** The expression with every input name replaced by the expression {@code f} gives for it. */
    static AngleExpression substitute(AngleExpression e, Function<String, AngleExpression> f) {
        AngleExpression out = AngleExpression.constant(0);
        for (Map.Entry<List<String>, Double> t : e.terms().entrySet()) {
            AngleExpression term = AngleExpression.constant(t.getValue());
            for (String factor : t.getKey()) {
                term = term.times(f.apply(factor));
            }
            out = out.plus(term);
        }
        return out;
    }
}
