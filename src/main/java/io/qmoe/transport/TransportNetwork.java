package io.qmoe.transport;

import java.util.Arrays;

/**
 * The sparse bipartite network of a transportation problem: n sources, m sinks and a set of candidate arcs i → j,
 * stored twice in compressed rows (by source, and by sink for the backward residual arcs), each with its cost
 * c_ij = |a_i − b_j|^p computed once from the point arrays and its current integer flow. The arc set is fixed; a
 * larger one is built by {@link #withArcs}, which carries the flows over.
 */
final class TransportNetwork {
    final int n;
    final int m;
    /** Arcs of source i are {@code outStart[i] … outStart[i+1] − 1}, sorted by sink. */
    final int[] outStart;
    final int[] arcSource;
    final int[] arcSink;
    final double[] arcCost;
    final int[] flow;
    /** Arcs into sink j are {@code inArc[inStart[j]] … inArc[inStart[j+1] − 1]}, sorted by source. */
    final int[] inStart;
    final int[] inArc;

    private TransportNetwork(int n, int m, long[] keys, int count, double[] a, double[] b, int d, int p) {
        this.n = n;
        this.m = m;
        outStart = new int[n + 1];
        arcSource = new int[count];
        arcSink = new int[count];
        arcCost = new double[count];
        flow = new int[count];
        inStart = new int[m + 1];
        inArc = new int[count];
        for (int e = 0; e < count; e++) {
            int i = (int) (keys[e] / m);
            int j = (int) (keys[e] % m);
            arcSource[e] = i;
            arcSink[e] = j;
            outStart[i + 1]++;
            inStart[j + 1]++;
        }
        for (int i = 0; i < n; i++) {
            outStart[i + 1] += outStart[i];
        }
        for (int j = 0; j < m; j++) {
            inStart[j + 1] += inStart[j];
        }
        int[] fill = new int[m];
        for (int e = 0; e < count; e++) {
            int j = arcSink[e];
            inArc[inStart[j] + fill[j]++] = e;
        }
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            for (int e = outStart[i]; e < outStart[i + 1]; e++) {
                arcCost[e] = TorusCost.wrappedCost(a, i, b, arcSink[e], d, p);
            }
        });
    }

    /** Number of arcs. */
    int arcs() {
        return arcSource.length;
    }

    /** The network on the pairs {@code keys[0..count)} (key = i·m + j), sorted and made unique here. Modified. */
    static TransportNetwork of(int n, int m, long[] keys, int count, double[] a, double[] b, int d, int p) {
        int[] source = new int[count];
        int[] sink = new int[count];
        for (int e = 0; e < count; e++) {
            int i = (int) (keys[e] / m);
            source[e] = i;
            sink[e] = (int) (keys[e] - (long) i * m);
        }
        int[] order = PairOrder.bySourceThenSink(source, sink, count, n, m);
        int unique = 0;
        long last = -1;
        for (int q = 0; q < count; q++) {
            int e = order[q];
            long key = (long) source[e] * m + sink[e];
            if (key != last) {
                keys[unique++] = key;
                last = key;
            }
        }
        return new TransportNetwork(n, m, keys, unique, a, b, d, p);
    }

    /** The keys i·m + j of the arcs, in arc order (increasing). */
    long[] keys() {
        long[] keys = new long[arcs()];
        for (int e = 0; e < keys.length; e++) {
            keys[e] = (long) arcSource[e] * m + arcSink[e];
        }
        return keys;
    }

    /** This network with the pairs {@code extra[0..count)} added (key = i·m + j); flows are carried over. */
    TransportNetwork withArcs(long[] extra, int count, double[] a, double[] b, int d, int p) {
        // this network's keys are sorted and unique already: sort the few extra ones and merge
        long[] added = Arrays.copyOf(extra, count);
        Arrays.sort(added);
        long[] old = keys();
        long[] keys = new long[old.length + count];
        int size = 0;
        int x = 0;
        int y = 0;
        while (x < old.length || y < count) {
            long key = y == count || (x < old.length && old[x] <= added[y]) ? old[x++] : added[y++];
            if (size == 0 || keys[size - 1] != key) {
                keys[size++] = key;
            }
        }
        TransportNetwork next = new TransportNetwork(n, m, keys, size, a, b, d, p);
        int e2 = 0;
        for (int e = 0; e < arcs(); e++) {
            long key = (long) arcSource[e] * m + arcSink[e];
            while (keys[e2] != key) {
                e2++;
            }
            next.flow[e2] = flow[e];
        }
        return next;
    }
}
