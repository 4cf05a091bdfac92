package io.qmoe.circuit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An observable O = Σ_j c_j P_j: a real linear combination of {@link PauliString}s, parsed from text such as
 * {@code 0.5*Z0 + Z0Z1 - 0.2*X1}. Repeated strings are merged. Expectation values are bounded by
 * {@link #normBound()} = Σ|c_j|. Immutable.
 */
public final class PauliObservable {
    private final List<Term> terms;

    /** One term c·P of the sum. */
    public record Term(double coefficient, PauliString pauli) {
        @Override
        public String toString() {
            return coefficient + "*" + pauli;
        }
    }

    private PauliObservable(List<Term> terms) {
        this.terms = terms;
    }

    /** The observable Z on qubit q. */
    public static PauliObservable z(int q) {
        return of(List.of(new Term(1.0, PauliString.single('Z', q))));
    }

    /** Builds an observable from terms, merging repeated strings and dropping zero coefficients. */
    public static PauliObservable of(List<Term> raw) {
        Map<PauliString, Double> merged = new LinkedHashMap<>();
        for (Term t : raw) {
            if (!Double.isFinite(t.coefficient())) {
                throw new IllegalArgumentException("observable coefficient must be finite, got " + t.coefficient());
            }
            merged.merge(t.pauli(), t.coefficient(), Double::sum);
        }
        List<Term> out = new ArrayList<>();
        merged.forEach((p, c) -> {
            if (c != 0) {
                out.add(new Term(c, p));
            }
        });
        return new PauliObservable(Collections.unmodifiableList(out));
    }

    /**
     * Parses text like {@code 0.5*Z0 + Z0Z1 - 0.2*X1}, {@code Z0*Z1}, {@code 2 Z0 X1} or {@code 1.5} (a multiple of
     * the identity). Errors are {@link ExpressionException}s carrying the character offset.
     */
    public static PauliObservable parse(String text) {
        return ObservableParser.parse(text);
    }

    /** Parses and checks that every qubit index is below {@code qubits}. */
    public static PauliObservable parse(String text, int qubits) {
        PauliObservable o = parse(text);
        o.requireQubits(qubits);
        return o;
    }

    /** Throws a clear error if a term acts on a qubit ≥ {@code qubits}. */
    public void requireQubits(int qubits) {
        if (maxQubit() >= qubits) {
            throw new IllegalArgumentException("observable '" + this + "' acts on qubit " + maxQubit()
                    + " but the circuit has only " + qubits + " qubit(s) (0.." + (qubits - 1) + ")");
        }
    }

    /** The terms. */
    public List<Term> terms() {
        return terms;
    }

    /** Highest qubit index used, or -1. */
    public int maxQubit() {
        int m = -1;
        for (Term t : terms) {
            m = Math.max(m, t.pauli().maxQubit());
        }
        return m;
    }

    /** Σ|c_j|, an upper bound on |⟨O⟩|. */
    public double normBound() {
        double s = 0;
        for (Term t : terms) {
            s += Math.abs(t.coefficient());
        }
        return s;
    }

    /**
     * ⟨ψ|O|ψ⟩ for a normalised state given as separate real and imaginary amplitude arrays (qubit q = bit q of the
     * index). Runs in O(terms · 2^n) without allocation.
     */
    public double expectation(double[] re, double[] im) {
        double total = 0;
        for (Term t : terms) {
            total += t.coefficient() * expectation(t.pauli(), re, im);
        }
        return total;
    }

    /**
     * ⟨ψ|P|ψ⟩ for one Pauli string: with P|i⟩ = i^{k(i)}|i ⊕ x⟩ ({@link PauliString#phaseExponent}), it is
     * Re Σ_i i^{k(i)} conj(ψ_{i⊕x}) ψ_i (the imaginary part vanishes for Hermitian P).
     */
    public static double expectation(PauliString p, double[] re, double[] im) {
        int dim = re.length;
        long x = p.xMask();
        long z = p.zMask();
        double sum = 0;
        for (int i = 0; i < dim; i++) {
            int j = (int) (i ^ x);
            int k = PauliString.phaseExponent(x, z, i);
            // conj(psi_j) * psi_i
            double cr = re[j] * re[i] + im[j] * im[i];
            double ci = re[j] * im[i] - im[j] * re[i];
            sum += PauliString.phaseReal(k) * cr - PauliString.phaseImaginary(k) * ci;
        }
        return sum;
    }

    @Override
    public String toString() {
        if (terms.isEmpty()) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        for (Term t : terms) {
            double c = t.coefficient();
            double mag = Math.abs(c);
            sb.append(sb.length() == 0 ? (c < 0 ? "-" : "") : (c < 0 ? " - " : " + "));
            if (t.pauli().isIdentity()) {
                sb.append(formatNumber(mag));
            } else {
                if (mag != 1) {
                    sb.append(formatNumber(mag)).append('*');
                }
                sb.append(t.pauli());
            }
        }
        return sb.toString();
    }

    private static String formatNumber(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PauliObservable p && p.terms.equals(terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }
}
