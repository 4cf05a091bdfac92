package io.qmoe.circuit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A gate angle as a real polynomial in named circuit inputs, e.g. {@code 2*theta0 + x0 - pi/4} or {@code theta*x}.
 * Immutable. The common case is affine ({@code a·name + b·name2 + c}); products of inputs are allowed so that
 * non-periodic encodings such as φ = θ·x can be expressed, differentiated, and then refused by the mean-field analysis.
 */
public final class AngleExpression {
    private static final AngleExpression ZERO = new AngleExpression(Map.of());

    /** Factor lists (sorted names; empty list = constant) to coefficients, in insertion order. */
    private final Map<List<String>, Double> terms;

    private AngleExpression(Map<List<String>, Double> terms) {
        this.terms = terms;
    }

    /** The constant expression {@code value}. */
    public static AngleExpression constant(double value) {
        return value == 0 ? ZERO : new AngleExpression(Map.of(List.of(), value));
    }

    /** The expression consisting of one input, {@code name}. */
    public static AngleExpression input(String name) {
        return new AngleExpression(Map.of(List.of(name), 1.0));
    }

    /** Parses text such as {@code 2*theta + pi/4}; any identifier other than pi/π/tau/τ/euler is an input name. */
    public static AngleExpression parse(String text) {
        return ExpressionParser.parse(text, name -> true);
    }

    /**
     * Parses text, accepting only identifiers for which {@code known} is true; others raise an
     * {@link ExpressionException} naming them ("undeclared input").
     */
    public static AngleExpression parse(String text, Predicate<String> known) {
        return ExpressionParser.parse(text, known);
    }

    /** Sum of two expressions. */
    public AngleExpression plus(AngleExpression other) {
        Map<List<String>, Double> out = new LinkedHashMap<>(terms);
        other.terms.forEach((k, v) -> out.merge(k, v, Double::sum));
        return of(out);
    }

    /** This expression times a constant. */
    public AngleExpression times(double factor) {
        Map<List<String>, Double> out = new LinkedHashMap<>();
        terms.forEach((k, v) -> out.put(k, v * factor));
        return of(out);
    }

    /** Product of two expressions (polynomial multiplication). */
    public AngleExpression times(AngleExpression other) {
        Map<List<String>, Double> out = new LinkedHashMap<>();
        for (Map.Entry<List<String>, Double> a : terms.entrySet()) {
            for (Map.Entry<List<String>, Double> b : other.terms.entrySet()) {
                List<String> f = new ArrayList<>(a.getKey());
                f.addAll(b.getKey());
                Collections.sort(f);
                out.merge(List.copyOf(f), a.getValue() * b.getValue(), Double::sum);
            }
        }
        return of(out);
    }

    private static AngleExpression of(Map<List<String>, Double> raw) {
        Map<List<String>, Double> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> {
            if (v != 0) {
                out.put(k, v);
            }
        });
        return out.isEmpty() ? ZERO : new AngleExpression(Collections.unmodifiableMap(out));
    }

    /** Whether the expression has no inputs. */
    public boolean isConstant() {
        return terms.keySet().stream().allMatch(List::isEmpty);
    }

    /** The constant part. */
    public double constantTerm() {
        return terms.getOrDefault(List.of(), 0.0);
    }

    /** The value when constant; throws if it depends on an input. */
    public double constantValue() {
        if (!isConstant()) {
            throw new IllegalStateException("angle '" + this + "' depends on inputs " + inputNames());
        }
        return constantTerm();
    }

    /** The names of all inputs that occur, sorted. */
    public Set<String> inputNames() {
        Set<String> names = new TreeSet<>();
        terms.keySet().forEach(names::addAll);
        return names;
    }

    /** The terms: sorted factor-name list (empty for the constant) to coefficient, in a stable order. */
    public Map<List<String>, Double> terms() {
        return terms;
    }

    /** The expression with {@code name} replaced by the constant {@code value}. */
    public AngleExpression substitute(String name, double value) {
        Map<List<String>, Double> out = new LinkedHashMap<>();
        terms.forEach((k, v) -> {
            List<String> rest = new ArrayList<>();
            double c = v;
            for (String f : k) {
                if (f.equals(name)) {
                    c *= value;
                } else {
                    rest.add(f);
                }
            }
            out.merge(List.copyOf(rest), c, Double::sum);
        });
        return of(out);
    }

    /** Resolves names to input indices; {@code indexOf} returns -1 for unknown names, which is an error. */
    Monomial[] bind(java.util.function.ToIntFunction<String> indexOf) {
        Monomial[] out = new Monomial[terms.size()];
        int i = 0;
        for (Map.Entry<List<String>, Double> t : terms.entrySet()) {
            int[] idx = new int[t.getKey().size()];
            for (int j = 0; j < idx.length; j++) {
                idx[j] = indexOf.applyAsInt(t.getKey().get(j));
                if (idx[j] < 0) {
                    throw new IllegalArgumentException("angle '" + this + "' uses undeclared input '"
                            + t.getKey().get(j) + "'");
                }
            }
            java.util.Arrays.sort(idx);
            out[i++] = new Monomial(t.getValue(), idx);
        }
        return out;
    }

    /** OpenQASM-compatible text, e.g. {@code 2*theta + x0*theta - pi/2}; parses back to an equal expression. */
    @Override
    public String toString() {
        if (terms.isEmpty()) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        List<Map.Entry<List<String>, Double>> ordered = new ArrayList<>(terms.entrySet());
        ordered.sort((a, b) -> Integer.compare(a.getKey().isEmpty() ? 1 : 0, b.getKey().isEmpty() ? 1 : 0));
        for (Map.Entry<List<String>, Double> t : ordered) {
            double c = t.getValue();
            boolean negative = c < 0;
            double mag = Math.abs(c);
            if (sb.length() == 0) {
                sb.append(negative ? "-" : "");
            } else {
                sb.append(negative ? " - " : " + ");
            }
            if (t.getKey().isEmpty()) {
                sb.append(formatConstant(mag));
            } else {
                if (mag != 1.0) {
                    sb.append(formatConstant(mag)).append('*');
                }
                sb.append(String.join("*", t.getKey()));
            }
        }
        return sb.toString();
    }

    /**
     * Formats a non-negative constant so that it parses back to the identical double: as a rational multiple of pi
     * ({@code k*pi/m}, m ≤ 64) when that text parses back to exactly {@code v}, else as the shortest decimal that
     * does.
     */
    static String formatConstant(double v) {
        for (int den = 1; den <= 64; den++) {
            double num = Math.rint(v * den / Math.PI);
            if (num >= 1 && num <= 1_000_000) {
                String n = num == 1 ? "pi" : (long) num + "*pi";
                String text = den == 1 ? n : n + "/" + den;
                if (ExpressionParser.parse(text, name -> false).constantTerm() == v) {
                    return text;
                }
            }
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(v);
        for (int digits = 1; digits <= 17; digits++) {
            String text = exact.round(new java.math.MathContext(digits)).stripTrailingZeros().toString();
            if (Double.parseDouble(text) == v) {
                return text;
            }
        }
        return Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AngleExpression a && a.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }
}
