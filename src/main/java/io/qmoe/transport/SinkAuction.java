package io.qmoe.transport;

import java.util.Arrays;

/**
 * The ε-scaled auction in which the sinks bid for the sources, for few sources of supply quota_i against many sinks
 * of demand 1 (after Bertsekas and Castañon's auction for transportation problems: a source is quota_i alike
 * objects). Source i holds at most quota_i sinks in a min-heap of their bids; its price p_i = −u_i is the lowest
 * bid it holds once full (and does not fall when a phase releases some of its sinks). A free sink j bids for its
 * cheapest source i₁ under c_ij + p_i, offering p_{i₁} plus the gap to its second cheapest source plus ε; a full source
 * drops its lowest bidder, who bids again. Prices only rise. A new phase (a smaller ε) keeps every sink whose source
 * is still within ε of its best, renewing its bid at the new ε, and frees the others, so that every phase ends with
 * all sinks in ε-complementary slackness. Only the prices are the result: a start for the exact flow.
 * Sequential and deterministic.
 */
final class SinkAuction {
    /** Where source i's heap of base[i + 1] − base[i] slots starts in {@link #bidOf} and {@link #bidder}. */
    private final int[] base;
    private final int n;
    private final int m;
    private final double[] price;
    private final double[] bidOf;
    private final int[] bidder;
    private final int[] held;
    /** The source holding each sink, or −1. */
    private final int[] holder;
    private final int[] queue;
    /** A held sink's renewed bid in the current {@link #release}, NaN to keep its bid (it has no other source). */
    private final double[] renewed;
    private int[] inStart;
    private int[] inSource;
    private double[] inCost;

    /**
     * An auction on {@code net} from the prices −u (u not modified), with every sink free; source i has
     * {@code quota[i]} slots (the quotas sum to at most the number of sinks).
     */
    SinkAuction(TransportNetwork net, int[] quota, double[] u) {
        n = net.n;
        m = net.m;
        base = new int[n + 1];
        for (int i = 0; i < n; i++) {
            base[i + 1] = base[i] + quota[i];
        }
        price = new double[n];
        for (int i = 0; i < n; i++) {
            price[i] = -u[i];
        }
        bidOf = new double[base[n]];
        bidder = new int[base[n]];
        held = new int[n];
        holder = new int[m];
        Arrays.fill(holder, -1);
        queue = new int[m];
        renewed = new double[m];
        adopt(net);
    }

    /** Bids from now on over the arcs of {@code net} (the same nodes, a superset of the arcs); holdings are kept. */
    void adopt(TransportNetwork net) {
        int arcs = net.inStart[m];
        inStart = net.inStart;
        inSource = new int[arcs];
        inCost = new double[arcs];
        for (int q = 0; q < arcs; q++) {
            int e = net.inArc[q];
            inSource[q] = net.arcSource[e];
            inCost[q] = net.arcCost[e];
        }
    }

    /**
     * Starts from a previous assignment (warm): sink j is held by source {@code sourceOf[j]} (−1: free) at a bid
     * equal to that source's current price, so the prices do not move; a source takes at most its quota. The next
     * {@link #phase} frees the held sinks whose source is no longer within its ε of their best, and only those bid.
     */
    void hold(int[] sourceOf) {
        for (int j = 0; j < m; j++) {
            int i = sourceOf[j];
            if (i >= 0 && held[i] < base[i + 1] - base[i]) {
                siftUp(base[i], held[i], price[i], j);
                held[i]++;
                holder[j] = i;
            }
        }
    }

    /**
     * For every held sink, how far its source is from the best other one under the current prices over its arcs,
     * {@link #slack}; +∞ for a free sink.
     */
    double[] heldGaps() {
        double[] gap = new double[m];
        for (int j = 0; j < m; j++) {
            gap[j] = holder[j] >= 0 ? slack(j) : Double.POSITIVE_INFINITY;
        }
        return gap;
    }

    /**
     * How far held sink j's source i is above its best other source: max(0, (c_ij + p_i) − min_{i' ≠ i}
     * (c_i'j + p_i')); 0 when it has no other.
     */
    private double slack(int j) {
        double x = excess(j, holder[j]);
        return x > 0 ? x : 0;
    }

    /**
     * (c_own,j + p_own) − min_{i' ≠ own} (c_i'j + p_i') over sink j's arcs: −∞ when own is its only source, +∞ or NaN
     * when own is not among them.
     */
    private double excess(int j, int own) {
        double mine = Double.POSITIVE_INFINITY;
        double other = Double.POSITIVE_INFINITY;
        for (int q = inStart[j]; q < inStart[j + 1]; q++) {
            int i = inSource[q];
            double h = inCost[q] + price[i];
            if (i == own) {
                mine = h;
            } else if (h < other) {
                other = h;
            }
        }
        return mine - other;
    }

    /** Writes the source potentials u_i = −p_i. */
    void potentials(double[] u) {
        for (int i = 0; i < n; i++) {
            u[i] = -price[i];
        }
    }

    /**
     * One phase at ε: frees the sinks whose source is no longer within ε of their best, then lets the free sinks bid
     * until every sink is held (true) or 64·m bids were made (false: ε is far below the error of the prices).
     */
    boolean phase(double eps) {
        int count = release(eps);
        int head = 0;
        long budget = 64L * m;
        while (count > 0 && budget-- > 0) {
            int j = queue[head];
            head = head + 1 == m ? 0 : head + 1;
            count--;
            int i1 = -1;
            double h1 = Double.POSITIVE_INFINITY;
            double h2 = Double.POSITIVE_INFINITY;
            for (int q = inStart[j]; q < inStart[j + 1]; q++) {
                int i = inSource[q];
                double h = inCost[q] + price[i];
                if (h < h2) {
                    if (h < h1) {
                        h2 = h1;
                        h1 = h;
                        i1 = i;
                    } else {
                        h2 = h;
                    }
                }
            }
            double bid = price[i1] + (h2 == Double.POSITIVE_INFINITY ? eps : h2 - h1 + eps);
            int at = base[i1];
            int slots = base[i1 + 1] - at;
            int size = held[i1];
            int evicted = -1;
            if (size < slots) {
                siftUp(at, size, bid, j);
                held[i1] = ++size;
            } else {
                evicted = bidder[at];
                holder[evicted] = -1;
                replaceLowest(at, slots, bid, j);
            }
            holder[j] = i1;
            if (size == slots) {
                price[i1] = bidOf[at];
            }
            if (evicted >= 0) {
                int tail = head + count;
                queue[tail >= m ? tail - m : tail] = evicted;
                count++;
            }
        }
        return count == 0;
    }

    /**
     * Frees every held sink j whose source i no longer satisfies c_ij + p_i ≤ min_{i' ≠ i} (c_i'j + p_i') + ε, and
     * renews the bid of every other held sink to the most it would pay now, min_{i' ≠ i} (c_i'j + p_i') − c_ij + ε
     * (at least p_i, because it is within ε): its source's heap is rebuilt and, when full, its price rises to the
     * lowest renewed bid. A bid made at an earlier, larger ε would let the price of its source stay lower than the
     * sinks it holds can bear, so each phase's ε-complementary slackness holds for every held sink, not only for those
     * that bid in it; and a source whose sinks all stayed at one price moves by more than one slot per bid. Queues
     * every free sink in index order. Returns how many.
     */
    private int release(double eps) {
        int count = 0;
        for (int j = 0; j < m; j++) {
            int own = holder[j];
            if (own >= 0) {
                double x = excess(j, own);
                if (x <= eps) {
                    renewed[j] = x == Double.NEGATIVE_INFINITY ? Double.NaN : price[own] - x + eps;
                    continue;
                }
                holder[j] = -1;
            }
            queue[count++] = j;
        }
        for (int i = 0; i < n; i++) {
            rebuild(i);
        }
        return count;
    }

    /**
     * Drops source i's bids from sinks it no longer holds, renews the others' to {@link #renewed} (where that is a
     * number), restores its heap and, when it is full, raises its price to the lowest bid.
     */
    private void rebuild(int i) {
        int at = base[i];
        int kept = 0;
        for (int s = 0; s < held[i]; s++) {
            int j = bidder[at + s];
            if (holder[j] == i) {
                double w = renewed[j];
                bidOf[at + kept] = Double.isNaN(w) ? bidOf[at + s] : w;
                bidder[at + kept] = j;
                kept++;
            }
        }
        // bottom-up heap construction: O(kept) moves where inserting one by one takes O(kept·log kept)
        for (int c = kept / 2 - 1; c >= 0; c--) {
            siftDown(at, kept, c, bidOf[at + c], bidder[at + c]);
        }
        held[i] = kept;
        if (kept == base[i + 1] - at && kept > 0) {
            price[i] = Math.max(price[i], bidOf[at]);
        }
    }

    /** Inserts (b, j) into the heap of {@code size} bids at {@code base}. */
    private void siftUp(int base, int size, double b, int j) {
        int c = size;
        while (c > 0) {
            int parent = (c - 1) >> 1;
            if (bidOf[base + parent] <= b) {
                break;
            }
            bidOf[base + c] = bidOf[base + parent];
            bidder[base + c] = bidder[base + parent];
            c = parent;
        }
        bidOf[base + c] = b;
        bidder[base + c] = j;
    }

    /** Replaces the lowest of the {@code size} bids at {@code base} by (b, j). */
    private void replaceLowest(int base, int size, double b, int j) {
        siftDown(base, size, 0, b, j);
    }

    /** Puts (b, j) at position c of the heap of {@code size} bids at {@code base}, moving it down to its place. */
    private void siftDown(int base, int size, int c, double b, int j) {
        while (true) {
            int left = 2 * c + 1;
            if (left >= size) {
                break;
            }
            int right = left + 1;
            int least = right < size && bidOf[base + right] < bidOf[base + left] ? right : left;
            if (bidOf[base + least] >= b) {
                break;
            }
            bidOf[base + c] = bidOf[base + least];
            bidder[base + c] = bidder[base + least];
            c = least;
        }
        bidOf[base + c] = b;
        bidder[base + c] = j;
    }
}
