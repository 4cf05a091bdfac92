package io.qmoe.transport;

/**
 * Orders of point indices and pairs by counting, in linear time: the sorts every solve makes of its candidate pairs
 * (by source, then sink), of its plan, and of its points' Z-order keys, without comparisons. Every order here is
 * stable, so it is the one a stable comparison sort of the same keys gives.
 */
final class PairOrder {
    private static final int RADIX_BITS = 11;

    private PairOrder() {
    }

    /**
     * The permutation of the pairs (source[e], sink[e]), e &lt; count, sorted by source, then sink, then e: sources
     * in [0, n), sinks in [0, m). Two counting passes, by sink and then stably by source.
     */
    static int[] bySourceThenSink(int[] source, int[] sink, int count, int n, int m) {
        int[] bySink = new int[count];
        int[] fill = new int[Math.max(n, m) + 1];
        for (int e = 0; e < count; e++) {
            fill[sink[e] + 1]++;
        }
        for (int j = 0; j < m; j++) {
            fill[j + 1] += fill[j];
        }
        for (int e = 0; e < count; e++) {
            bySink[fill[sink[e]]++] = e;
        }
        java.util.Arrays.fill(fill, 0);
        for (int e = 0; e < count; e++) {
            fill[source[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            fill[i + 1] += fill[i];
        }
        int[] order = new int[count];
        for (int q = 0; q < count; q++) {
            int e = bySink[q];
            order[fill[source[e]]++] = e;
        }
        return order;
    }

    /**
     * {@code keys} sorted in increasing order, in place: least-significant-digit radix sort over the {@code bits}
     * low bits (the keys must be non-negative and below 2^bits).
     */
    static void sortKeys(long[] keys, int bits) {
        int n = keys.length;
        long[] from = keys;
        long[] to = new long[n];
        int buckets = 1 << RADIX_BITS;
        int[] count = new int[buckets + 1];
        int mask = buckets - 1;
        for (int shift = 0; shift < bits; shift += RADIX_BITS) {
            java.util.Arrays.fill(count, 0);
            for (long key : from) {
                count[((int) (key >>> shift) & mask) + 1]++;
            }
            for (int c = 0; c < buckets; c++) {
                count[c + 1] += count[c];
            }
            for (long key : from) {
                to[count[(int) (key >>> shift) & mask]++] = key;
            }
            long[] t = from;
            from = to;
            to = t;
        }
        if (from != keys) {
            System.arraycopy(from, 0, keys, 0, n);
        }
    }
}
