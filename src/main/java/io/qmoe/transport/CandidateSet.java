package io.qmoe.transport;

/**
 * The pairs of the final sparse problem of a solve, kept opaque in its {@link TransportResult} so that a warm start
 * of the same clouds one snapshot later begins from them (they already contain every pair the certificate had to
 * add) instead of searching nearest partners again. Immutable.
 */
public final class CandidateSet {
    private final long[] keys;

    CandidateSet(long[] keys) {
        this.keys = keys;
    }

    /** Number of pairs. */
    public int size() {
        return keys.length;
    }

    /** A copy of the keys i·m + j. */
    long[] keys() {
        return keys.clone();
    }
}
