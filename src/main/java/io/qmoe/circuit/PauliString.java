package io.qmoe.circuit;

/**
 * A tensor product of single-qubit Paulis, stored as bit masks: qubit q carries X if only bit q of {@link #xMask()}
 * is set, Z if only bit q of {@link #zMask()} is set, Y if both are. Acting on basis state |i⟩ it gives
 * {@code phase(i) · |i XOR xMask⟩} with {@code phase(i) = i^{#Y} · (-1)^{popcount(i AND zMask)}}. Immutable.
 */
public record PauliString(long xMask, long zMask) {

    /** The identity. */
    public static final PauliString IDENTITY = new PauliString(0, 0);

    /** The single Pauli {@code p} (one of I, X, Y, Z) on qubit {@code q}. */
    public static PauliString single(char p, int q) {
        if (q < 0 || q > 62) {
            throw new IllegalArgumentException("qubit index " + q + " out of range");
        }
        long bit = 1L << q;
        switch (Character.toUpperCase(p)) {
            case 'I':
                return IDENTITY;
            case 'X':
                return new PauliString(bit, 0);
            case 'Y':
                return new PauliString(bit, bit);
            case 'Z':
                return new PauliString(0, bit);
            default:
                throw new IllegalArgumentException("'" + p + "' is not a Pauli (I, X, Y or Z)");
        }
    }

    /** The Pauli on qubit q: 'I', 'X', 'Y' or 'Z'. */
    public char at(int q) {
        boolean x = (xMask >>> q & 1) != 0;
        boolean z = (zMask >>> q & 1) != 0;
        return x ? (z ? 'Y' : 'X') : (z ? 'Z' : 'I');
    }

    /** Number of Y factors. */
    public int yCount() {
        return Long.bitCount(xMask & zMask);
    }

    /**
     * The phase of a Pauli string on a basis state, as a power of i: P|j⟩ = i^k |j ⊕ x⟩ with
     * k = #Y + 2·|j ∧ z| mod 4, for the string with X mask {@code x} and Z mask {@code z} (#Y = |x ∧ z|). This is the
     * one place the phase i^{#Y}·(−1)^{|j∧z|} is coded; the engines and {@link PauliObservable} read it here.
     *
     * @return k ∈ {0, 1, 2, 3}
     */
    public static int phaseExponent(long x, long z, long j) {
        return (Long.bitCount(x & z) + 2 * Long.bitCount(j & z)) & 3;
    }

    /** {@link #phaseExponent(long, long, long)} of this string on basis state {@code j}. */
    public int phaseExponent(long j) {
        return phaseExponent(xMask, zMask, j);
    }

    /** Re i^k: 1, 0, −1, 0 for k = 0, 1, 2, 3. */
    public static double phaseReal(int k) {
        return (k & 1) != 0 ? 0 : k == 0 ? 1 : -1;
    }

    /** Im i^k: 0, 1, 0, −1 for k = 0, 1, 2, 3. */
    public static double phaseImaginary(int k) {
        return (k & 1) == 0 ? 0 : k == 1 ? 1 : -1;
    }

    /** Highest qubit acted on non-trivially, or -1 for the identity. */
    public int maxQubit() {
        long all = xMask | zMask;
        return all == 0 ? -1 : 63 - Long.numberOfLeadingZeros(all);
    }

    /** Whether this is the identity. */
    public boolean isIdentity() {
        return (xMask | zMask) == 0;
    }

    /** Whether the string is diagonal in the computational basis (only I and Z). */
    public boolean isDiagonal() {
        return xMask == 0;
    }

    /** Product with a single-qubit Pauli on a qubit not yet used; throws if the qubit is already used. */
    PauliString with(char p, int q) {
        if (((xMask | zMask) >>> q & 1) != 0) {
            throw new IllegalArgumentException("qubit " + q + " appears twice in one Pauli string");
        }
        PauliString s = single(p, q);
        return new PauliString(xMask | s.xMask, zMask | s.zMask);
    }

    /** Text such as {@code Z0Z1} or {@code X2}; {@code I} for the identity. */
    @Override
    public String toString() {
        if (isIdentity()) {
            return "I";
        }
        StringBuilder sb = new StringBuilder();
        for (int q = 0; q <= maxQubit(); q++) {
            char c = at(q);
            if (c != 'I') {
                sb.append(c).append(q);
            }
        }
        return sb.toString();
    }

    /** The string as Qiskit's little-endian label over {@code n} qubits (qubit 0 is the rightmost character). */
    public String toLabel(int n) {
        StringBuilder sb = new StringBuilder();
        for (int q = n - 1; q >= 0; q--) {
            sb.append(at(q));
        }
        return sb.toString();
    }
}
