package io.qmoe.transport;

import java.util.Arrays;

/**
 * Minimum-cost flow on a {@link TransportNetwork} by successive shortest paths with dual potentials. Invariants
 * (kept by every method): flows are integers within the supplies and demands; every arc has reduced cost
 * c_ij − u_i − v_j ≥ 0 up to rounding, and 0 on every arc that carries flow (complementary slackness). Each
 * augmentation runs Dijkstra in reduced costs from one source with excess over the residual network (forward arcs
 * i → j, backward arcs j → i where flow_ij &gt; 0) until the first sink with deficit is settled at distance D; settled
 * nodes at distance δ &lt; D move their potential by D − δ (u up, v down), which keeps the invariants and makes the
 * path tight, and the bottleneck is pushed along it. When no excess is left the flow is optimal for the network.
 * Sequential: the same network gives the same bits.
 */
final class SuccessiveShortestPaths {
    private static final int UNSEEN = 0;
    private static final int QUEUED = 1;
    private static final int SETTLED = 2;
    private static final byte NONE = 0;
    private static final byte INSERT = 1;
    private static final byte DECREASE = 2;
    /** Phases of the auction that may be re-run at a larger ε after exceeding their bids. */
    private static final int AUCTION_RAISES = 6;

    TransportNetwork net;
    final double[] u;
    final double[] v;
    final int[] excess;
    final int[] deficit;
    private final double[] dist;
    private final int[] predArc;
    private final byte[] state;
    private final int[] touched;
    private final IndexedMinHeap heap;
    /** Sources improved while one source is scanned, and which of them were already queued. */
    private final int[] improved;
    private final byte[] pending;
    private final boolean unit;
    private final int[] freeRows;
    /**
     * For unit demands (every sink receives one unit, whatever the supplies): the arc that carries flow into each
     * sink, or −1 (kept in step with the flows).
     */
    private final int[] owner;
    private long augmentations;
    private long settledTotal;

    SuccessiveShortestPaths(TransportNetwork net, int supply, int demand) {
        this(net, filled(net.n, supply), filled(net.m, demand), supply == 1 && demand == 1, demand == 1);
    }

    /**
     * A solver for per-node integer supplies and demands (equal totals), e.g. the cell masses of a coarse level of
     * {@link MultiScaleStart}. Not modified (copied).
     */
    SuccessiveShortestPaths(TransportNetwork net, int[] supplies, int[] demands) {
        this(net, supplies.clone(), demands.clone(), false, false);
    }

    /** An array of {@code length} copies of {@code value} (uniform supplies or demands). */
    static int[] filled(int length, int value) {
        int[] x = new int[length];
        Arrays.fill(x, value);
        return x;
    }

    private SuccessiveShortestPaths(TransportNetwork net, int[] excess, int[] deficit, boolean unit,
                                    boolean unitDemands) {
        this.net = net;
        int n = net.n;
        int m = net.m;
        u = new double[n];
        v = new double[m];
        this.excess = excess;
        this.deficit = deficit;
        dist = new double[n + m];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        predArc = new int[n + m];
        state = new byte[n + m];
        touched = new int[n + m];
        heap = new IndexedMinHeap(n + m);
        improved = new int[n];
        pending = new byte[n];
        this.unit = unit;
        freeRows = unit ? new int[n] : null;
        owner = unitDemands ? new int[m] : null;
        rebuildOwners();
    }

    /** Replaces the network by a larger one carrying the same flows. */
    void adopt(TransportNetwork larger) {
        net = larger;
        rebuildOwners();
    }

    private void rebuildOwners() {
        if (owner == null) {
            return;
        }
        java.util.Arrays.fill(owner, -1);
        for (int e = 0; e < net.arcs(); e++) {
            if (net.flow[e] > 0) {
                owner[net.arcSink[e]] = e;
            }
        }
    }

    long augmentations() {
        return augmentations;
    }

    long settledNodes() {
        return settledTotal;
    }

    /**
     * Greedy start on reduced costs (Jonker–Volgenant style). Cold ({@code sourcesFirst} false, u = v = 0): every
     * sink without flow first takes v_j = min_i (c_ij − u_i) and receives what it can on its tightest arc (column
     * reduction). Then, for unit supplies and demands, two passes of augmenting row reduction; otherwise every source
     * without flow takes u_i = min_j (c_ij − v_j) and ships what it can on its tightest arc, and the sinks without flow
     * are tightened again. A node without flow may take any potential up to its minimum, so the invariants hold.
     * {@code sourcesFirst} is true when v is already meaningful (a warm start, or after an auction or a repair).
     */
    void greedy(boolean sourcesFirst) {
        if (!sourcesFirst) {
            tightenSinks();
        }
        if (unit) {
            for (int pass = 0; pass < 2; pass++) {
                augmentingRowReduction();
            }
        } else {
            tightenSources();
            tightenSinks();
        }
    }

    /**
     * Sink potentials from Bertsekas' forward auction with ε-scaling, for unit supplies and demands only: in each
     * phase every source starts unassigned and bids for its tightest sink j₁ (reduced value h = c_ij − v_j), lowering
     * v_{j₁} by the gap to its second tightest plus ε and displacing the previous holder, until every source holds a
     * sink; ε shrinks by 4 from {@code epsStart} to {@code epsEnd}, and the prices are kept from phase to phase. A phase
     * that exceeds 64·n bids shows that ε is far below the error of the prices (a start from potentials that moved, or
     * a clustered cloud whose prices must travel far): its prices are kept (bids only improve them) and the phase is
     * run again at 8·ε, at most {@value #AUCTION_RAISES} times in all, after which the auction stops where it is. The
     * result is ε-optimal, so only the potentials v are kept: the assignment is cleared, and the exact phase
     * ({@link #greedy} then {@link #run}) starts from them with few free sources and short paths; it does not depend
     * on them for correctness.
     */
    void auctionPotentials(double epsStart, double epsEnd) {
        TransportNetwork g = net;
        int n = g.n;
        int[] holder = new int[g.m];
        int[] queue = new int[n];
        int raises = 0;
        for (double eps = epsStart; ; ) {
            java.util.Arrays.fill(holder, -1);
            for (int i = 0; i < n; i++) {
                queue[i] = i;
            }
            int head = 0;
            int count = n;
            long budget = 64L * n;
            while (count > 0 && budget-- > 0) {
                int i = queue[head];
                head = head + 1 == n ? 0 : head + 1;
                count--;
                int j1 = -1;
                double h1 = Double.POSITIVE_INFINITY;
                double h2 = Double.POSITIVE_INFINITY;
                for (int e = g.outStart[i]; e < g.outStart[i + 1]; e++) {
                    int j = g.arcSink[e];
                    double h = g.arcCost[e] - v[j];
                    if (h < h2) {
                        if (h < h1) {
                            h2 = h1;
                            h1 = h;
                            j1 = j;
                        } else {
                            h2 = h;
                        }
                    }
                }
                double bid = h2 == Double.POSITIVE_INFINITY ? eps : h2 - h1 + eps;
                v[j1] -= bid;
                int previous = holder[j1];
                holder[j1] = i;
                if (previous >= 0) {
                    int tail = head + count;
                    queue[tail >= n ? tail - n : tail] = previous;
                    count++;
                }
            }
            if (count > 0) {
                if (raises++ >= AUCTION_RAISES) {
                    return;
                }
                eps *= 8;
            } else if (eps <= epsEnd) {
                return;
            } else {
                eps /= 4;
            }
        }
    }

    /** u_i = min_j (c_ij − w_j) over the arcs of i: the sources' best responses to sink potentials w. */
    void sourceTransform(double[] w) {
        for (int i = 0; i < net.n; i++) {
            u[i] = sourceBest(i, w);
        }
    }

    /** v_j = min_i (c_ij − u_i) over the arcs into j: the sinks' best responses to the source potentials. */
    void sinkTransform() {
        for (int j = 0; j < net.m; j++) {
            v[j] = sinkBest(j);
        }
    }

    /** min_j (c_ij − w_j) over the arcs of source i (+∞ without arcs). */
    private double sourceBest(int i, double[] w) {
        TransportNetwork g = net;
        double low = Double.POSITIVE_INFINITY;
        for (int e = g.outStart[i]; e < g.outStart[i + 1]; e++) {
            low = Math.min(low, g.arcCost[e] - w[g.arcSink[e]]);
        }
        return low;
    }

    /** min_i (c_ij − u_i) over the arcs into sink j (+∞ without arcs). */
    private double sinkBest(int j) {
        TransportNetwork g = net;
        double low = Double.POSITIVE_INFINITY;
        for (int q = g.inStart[j]; q < g.inStart[j + 1]; q++) {
            int e = g.inArc[q];
            low = Math.min(low, g.arcCost[e] - u[g.arcSource[e]]);
        }
        return low;
    }

    /**
     * Potentials for few sources with large supplies (supply S &gt; demand D, e.g. N experts against a reference of M
     * ≫ N particles): block-coordinate ascent on the dual with the sink potentials eliminated,
     * φ(u) = S Σ_i u_i + D Σ_j min_i (c_ij − u_i) over the candidate arcs, from the current u (0 cold, the previous
     * solve's when warm). Along the coordinate u_i alone, φ is concave and piecewise linear with slope
     * S − D·#{j : c_ij − u_i &lt; min_{k≠i} (c_kj − u_k)}, so a maximiser puts u_i between the K-th and (K+1)-th
     * smallest of δ_ij = c_ij − min_{k≠i} (c_kj − u_k), K = ⌊S/D⌋: exactly K sinks then prefer source i, what it can
     * serve. Sources are swept in index order until the sinks' preferred sources overfill by at most m/1000 sinks in
     * all, the overfill stops falling, or {@code maxSweeps} sweeps; then v_j = min_i (c_ij − u_i), so every arc has
     * reduced cost ≥ 0 and the greedy start ships nearly all the mass on tight arcs, leaving few augmentations. Only a
     * start: exactness comes from the shortest paths and the certificate, whatever these potentials are. Sequential
     * and deterministic.
     */
    void semiDiscretePotentials(int supply, int demand, int maxSweeps) {
        TransportNetwork g = net;
        int n = g.n;
        int m = g.m;
        int quota = supply / demand;
        double[] best = new double[m];
        double[] second = new double[m];
        int[] bestSource = new int[m];
        int[] secondSource = new int[m];
        for (int j = 0; j < m; j++) {
            rankSink(g, j, best, second, bestSource, secondSource);
        }
        int widest = 0;
        for (int i = 0; i < n; i++) {
            widest = Math.max(widest, g.outStart[i + 1] - g.outStart[i]);
        }
        double[] delta = new double[widest];
        double[] near = new double[widest];
        // half-width of the bracket around u_i in which the next u_i is looked for first (infinite: no bracket yet)
        double[] bracket = new double[n];
        Arrays.fill(bracket, Double.POSITIVE_INFINITY);
        int[] preferred = new int[n];
        long lastOverfill = Long.MAX_VALUE;
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            for (int i = 0; i < n; i++) {
                int from = g.outStart[i];
                int count = g.outStart[i + 1] - from;
                if (count == 0) {
                    continue;
                }
                double high = Double.NEGATIVE_INFINITY;
                for (int q = 0; q < count; q++) {
                    int j = g.arcSink[from + q];
                    double other = bestSource[j] == i ? second[j] : best[j];
                    delta[q] = g.arcCost[from + q] - other;
                    high = Math.max(high, delta[q]);
                }
                double next;
                if (quota >= count) {
                    // the source can serve every sink it reaches: take them all
                    next = high;
                } else {
                    // quota ≥ 1: this is only called with supply > demand
                    next = bracketedMidpoint(delta, count, quota, u[i], bracket[i], near);
                    if (Double.isNaN(next)) {
                        next = midpoint(delta, count, quota);
                    }
                    // the next visit looks within twice this move first
                    double move = Math.abs(next - u[i]);
                    bracket[i] = move < Double.POSITIVE_INFINITY ? Math.max(2 * move, MIN_BRACKET)
                            : Double.POSITIVE_INFINITY;
                }
                if (Double.isInfinite(next) || next == u[i]) {
                    continue;
                }
                u[i] = next;
                for (int e = from; e < from + count; e++) {
                    rerank(g, g.arcSink[e], i, g.arcCost[e] - next, best, second, bestSource, secondSource);
                }
            }
            Arrays.fill(preferred, 0);
            for (int j = 0; j < m; j++) {
                if (bestSource[j] >= 0) {
                    preferred[bestSource[j]]++;
                }
            }
            long overfill = 0;
            for (int i = 0; i < n; i++) {
                overfill += Math.max(0, preferred[i] - quota);
            }
            if (overfill * 1000L <= m || overfill >= lastOverfill) {
                break;
            }
            lastOverfill = overfill;
        }
        for (int j = 0; j < m; j++) {
            v[j] = best[j];
        }
    }

    /** The smallest bracket half-width (radians squared): below it a bracket would hold no second value. */
    private static final double MIN_BRACKET = 1e-12;

    /**
     * The midpoint of the k-th and (k+1)-th smallest of {@code x[0..count)} (1-based), found among the values within
     * {@code width} of {@code centre} when both lie there (one pass over x and a selection among those few), or NaN
     * when they do not (then the caller selects over all of x). The same two values as a selection over all of x, so
     * the same bits.
     */
    static double bracketedMidpoint(double[] x, int count, int k, double centre, double width, double[] near) {
        if (!(width < Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        double lo = centre - width;
        double hi = centre + width;
        int below = 0;
        int inside = 0;
        for (int q = 0; q < count; q++) {
            double value = x[q];
            if (value < lo) {
                below++;
            } else if (value <= hi) {
                near[inside++] = value;
            }
        }
        int rank = k - below;
        if (rank < 1 || rank >= inside) {
            return Double.NaN;
        }
        return midpoint(near, inside, rank);
    }

    /**
     * The midpoint of the k-th and (k+1)-th smallest of {@code x[0..count)} (1-based, 1 ≤ k &lt; count), by selection;
     * x is reordered.
     */
    static double midpoint(double[] x, int count, int k) {
        double above = select(x, count, k);
        return 0.5 * (maxBelow(x, k) + above);
    }

    /**
     * Puts the (k+1)-th smallest of {@code x[0..count)} at {@code x[k]}, the smaller ones before it, and returns it
     * (Hoare's selection with middle pivots; the order of the rest is unspecified).
     */
    private static double select(double[] x, int count, int k) {
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            double pivot = x[(lo + hi) >>> 1];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (x[i] < pivot) {
                    i++;
                }
                while (x[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = x[i];
                    x[i] = x[j];
                    x[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                break;
            }
        }
        return x[k];
    }

    private static double maxBelow(double[] x, int k) {
        double high = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < k; q++) {
            high = Math.max(high, x[q]);
        }
        return high;
    }

    /** The smallest and second smallest c_ij − u_i over the in-arcs of sink j, and their sources. */
    private void rankSink(TransportNetwork g, int j, double[] best, double[] second, int[] bestSource,
                          int[] secondSource) {
        double b1 = Double.POSITIVE_INFINITY;
        double b2 = Double.POSITIVE_INFINITY;
        int s1 = -1;
        int s2 = -1;
        for (int q = g.inStart[j]; q < g.inStart[j + 1]; q++) {
            int e = g.inArc[q];
            int i = g.arcSource[e];
            double h = g.arcCost[e] - u[i];
            if (h < b1) {
                b2 = b1;
                s2 = s1;
                b1 = h;
                s1 = i;
            } else if (h < b2) {
                b2 = h;
                s2 = i;
            }
        }
        best[j] = b1;
        second[j] = b2;
        bestSource[j] = s1;
        secondSource[j] = s2;
    }

    /** Updates sink j's two smallest after source i's value on its arc became {@code h}; rescans only if needed. */
    private void rerank(TransportNetwork g, int j, int i, double h, double[] best, double[] second, int[] bestSource,
                        int[] secondSource) {
        if (bestSource[j] == i) {
            if (h <= second[j]) {
                best[j] = h;
                return;
            }
        } else if (secondSource[j] == i) {
            if (h < best[j]) {
                second[j] = best[j];
                secondSource[j] = bestSource[j];
                best[j] = h;
                bestSource[j] = i;
                return;
            }
            if (h <= second[j]) {
                second[j] = h;
                return;
            }
        } else if (h < best[j]) {
            second[j] = best[j];
            secondSource[j] = bestSource[j];
            best[j] = h;
            bestSource[j] = i;
            return;
        } else if (h < second[j]) {
            second[j] = h;
            secondSource[j] = i;
            return;
        } else {
            return;
        }
        rankSink(g, j, best, second, bestSource, secondSource);
    }

    /**
     * One pass of the Jonker–Volgenant augmenting row reduction, for unit supplies and demands only (an assignment):
     * each free source takes its tightest sink j₁ after lowering v_{j₁} by the gap to its second tightest (which only
     * raises reduced costs), displacing the previous owner of j₁, who becomes free and is tried next while the gap is
     * positive. u_i becomes c_{ij₁} − v_{j₁} = min_j (c_ij − v_j), so the invariants hold; the pass stops after 4·n
     * steps (rows still free are left to the shortest paths).
     */
    private void augmentingRowReduction() {
        TransportNetwork g = net;
        int free = 0;
        for (int i = 0; i < g.n; i++) {
            if (excess[i] > 0) {
                freeRows[free++] = i;
            }
        }
        int k = 0;
        int next = 0;
        long budget = 4L * g.n;
        while (k < free && budget-- > 0) {
            int i = freeRows[k++];
            int e1 = -1;
            int e2 = -1;
            double h1 = Double.POSITIVE_INFINITY;
            double h2 = Double.POSITIVE_INFINITY;
            for (int e = g.outStart[i]; e < g.outStart[i + 1]; e++) {
                double h = g.arcCost[e] - v[g.arcSink[e]];
                if (h < h2) {
                    if (h < h1) {
                        h2 = h1;
                        e2 = e1;
                        h1 = h;
                        e1 = e;
                    } else {
                        h2 = h;
                        e2 = e;
                    }
                }
            }
            int j1 = g.arcSink[e1];
            int held = owner[j1];
            boolean immediate = false;
            if (e2 >= 0 && h1 < h2) {
                v[j1] -= h2 - h1;
                immediate = true;
            } else if (held >= 0 && e2 >= 0) {
                e1 = e2;
                j1 = g.arcSink[e1];
                held = owner[j1];
            }
            u[i] = g.arcCost[e1] - v[j1];
            if (held >= 0) {
                int i0 = g.arcSource[held];
                g.flow[held] = 0;
                excess[i0] = 1;
                deficit[j1] = 1;
                if (immediate) {
                    freeRows[--k] = i0;
                } else {
                    freeRows[next++] = i0;
                }
            }
            g.flow[e1] = 1;
            owner[j1] = e1;
            excess[i] = 0;
            deficit[j1] = 0;
        }
    }

    private void tightenSources() {
        TransportNetwork g = net;
        for (int i = 0; i < g.n; i++) {
            if (!withoutFlowAtSource(i)) {
                continue;
            }
            int best = -1;
            double low = Double.POSITIVE_INFINITY;
            for (int e = g.outStart[i]; e < g.outStart[i + 1]; e++) {
                double r = g.arcCost[e] - v[g.arcSink[e]];
                if (r < low || (r == low && deficit[g.arcSink[e]] > 0 && deficit[g.arcSink[best]] == 0)) {
                    low = r;
                    best = e;
                }
            }
            if (best >= 0) {
                u[i] = low;
                push(best);
            }
        }
    }

    private void tightenSinks() {
        TransportNetwork g = net;
        for (int j = 0; j < g.m; j++) {
            if (!withoutFlowAtSink(j)) {
                continue;
            }
            int best = -1;
            double low = Double.POSITIVE_INFINITY;
            for (int q = g.inStart[j]; q < g.inStart[j + 1]; q++) {
                int e = g.inArc[q];
                double r = g.arcCost[e] - u[g.arcSource[e]];
                if (r < low || (r == low && excess[g.arcSource[e]] > 0 && excess[g.arcSource[best]] == 0)) {
                    low = r;
                    best = e;
                }
            }
            if (best >= 0) {
                v[j] = low;
                push(best);
            }
        }
    }

    private void push(int e) {
        int i = net.arcSource[e];
        int j = net.arcSink[e];
        int f = Math.min(excess[i], deficit[j]);
        if (f > 0) {
            net.flow[e] += f;
            excess[i] -= f;
            deficit[j] -= f;
            if (owner != null) {
                owner[j] = e;
            }
        }
    }

    private boolean withoutFlowAtSource(int i) {
        for (int e = net.outStart[i]; e < net.outStart[i + 1]; e++) {
            if (net.flow[e] > 0) {
                return false;
            }
        }
        return true;
    }

    private boolean withoutFlowAtSink(int j) {
        for (int q = net.inStart[j]; q < net.inStart[j + 1]; q++) {
            if (net.flow[net.inArc[q]] > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Restores the invariants after arcs were added: a source with an arc of reduced cost below −tol lowers u_i to
     * its minimum over its arcs, and the flow on its arcs (now of positive reduced cost) is returned to its excess.
     */
    void repair(double tol) {
        TransportNetwork g = net;
        for (int i = 0; i < g.n; i++) {
            double low = sourceBest(i, v);
            if (low - u[i] >= -tol) {
                continue;
            }
            u[i] = low;
            for (int e = g.outStart[i]; e < g.outStart[i + 1]; e++) {
                int f = g.flow[e];
                if (f > 0) {
                    g.flow[e] = 0;
                    excess[i] += f;
                    deficit[g.arcSink[e]] += f;
                    if (owner != null) {
                        owner[g.arcSink[e]] = -1;
                    }
                }
            }
        }
    }

    /**
     * Restores the invariants after arcs were added, from the sinks' side: a sink with an arc of reduced cost below
     * −tol lowers v_j to its minimum over its arcs, and the flow into it (now on arcs of positive reduced cost) is
     * returned to the sources' excess. Frees at most the sink's demand per violated sink, where {@link #repair} frees
     * a whole source's supply: the cheaper side when supplies exceed demands.
     */
    void repairSinks(double tol) {
        TransportNetwork g = net;
        for (int j = 0; j < g.m; j++) {
            double low = sinkBest(j);
            if (low - v[j] >= -tol) {
                continue;
            }
            v[j] = low;
            for (int q = g.inStart[j]; q < g.inStart[j + 1]; q++) {
                int e = g.inArc[q];
                int f = g.flow[e];
                if (f > 0) {
                    g.flow[e] = 0;
                    excess[g.arcSource[e]] += f;
                    deficit[j] += f;
                }
            }
            if (owner != null) {
                owner[j] = -1;
            }
        }
    }

    /** Augments until no source has excess. Throws if the network cannot carry the supplies (it always can here). */
    void run() {
        for (int s = 0; s < net.n; s++) {
            while (excess[s] > 0) {
                if (owner != null) {
                    augmentOwned(s);
                } else {
                    augmentFrom(s);
                }
            }
        }
    }

    /**
     * One augmentation for unit demands, with only sources in the heap. A sink with flow has exactly one residual
     * arc, back to its owner, so it is never queued: relaxing i → j relaxes j's owner through it at once, and a
     * sink without flow becomes a candidate end of the path. The search stops when the smallest queued distance
     * reaches the nearest candidate D; every source with distance below D is then settled, and every sink whose
     * tentative distance is below D has its exact distance (its predecessor on a shortest path is a settled source).
     * The same potential moves (D − δ on every node at δ &lt; D) and the same kind of path as {@link #augmentFrom},
     * without a heap entry per sink.
     */
    private void augmentOwned(int s) {
        TransportNetwork g = net;
        int n = g.n;
        int touchedCount = 0;
        int improvedCount = 0;
        dist[s] = 0;
        state[s] = QUEUED;
        touched[touchedCount++] = s;
        heap.insert(s, 0);
        int sink = -1;
        double lengthD = Double.POSITIVE_INFINITY;
        while (!heap.isEmpty() && heap.minKey() < lengthD) {
            int x = heap.popMin();
            double dx = dist[x];
            state[x] = SETTLED;
            settledTotal++;
            double ux = u[x];
            for (int e = g.outStart[x]; e < g.outStart[x + 1]; e++) {
                int j = g.arcSink[e];
                int y = n + j;
                double nd = dx + Math.max(0, g.arcCost[e] - ux - v[j]);
                if (!(nd < dist[y])) {
                    continue;
                }
                if (state[y] == UNSEEN) {
                    state[y] = QUEUED;
                    touched[touchedCount++] = y;
                }
                dist[y] = nd;
                predArc[y] = e;
                if (deficit[j] > 0) {
                    if (nd < lengthD) {
                        lengthD = nd;
                        sink = y;
                    }
                    continue;
                }
                int o = owner[j];
                int i = g.arcSource[o];
                if (state[i] == SETTLED) {
                    continue;
                }
                double ni = nd + Math.max(0, u[i] + v[j] - g.arcCost[o]);
                if (state[i] == UNSEEN) {
                    state[i] = QUEUED;
                    touched[touchedCount++] = i;
                    dist[i] = ni;
                    predArc[i] = o;
                    pending[i] = INSERT;
                    improved[improvedCount++] = i;
                } else if (ni < dist[i]) {
                    if (pending[i] == NONE) {
                        pending[i] = DECREASE;
                        improved[improvedCount++] = i;
                    }
                    dist[i] = ni;
                    predArc[i] = o;
                }
            }
            // one heap operation per source improved from x (a source owns many of x's sinks): new ones are
            // inserted, queued ones decreased to their final distance from x; the same pops as one per arc
            for (int q = 0; q < improvedCount; q++) {
                int i = improved[q];
                if (pending[i] == DECREASE) {
                    heap.decrease(i, dist[i]);
                } else {
                    heap.insert(i, dist[i]);
                }
                pending[i] = NONE;
            }
            improvedCount = 0;
            if (lengthD <= dx) {
                // a sink without flow at the settled distance: no node left can be closer
                break;
            }
        }
        endSearch(s, sink, lengthD, touchedCount, true);
    }

    /** Pushes the bottleneck along the path of predecessor arcs from source s to {@code sink} (a node index). */
    private void finishPath(int s, int sink) {
        TransportNetwork g = net;
        int n = g.n;
        int bottleneck = Math.min(excess[s], deficit[sink - n]);
        for (int y = sink; y != s; ) {
            int e = predArc[y];
            if (y < n) {
                bottleneck = Math.min(bottleneck, g.flow[e]);
                y = n + g.arcSink[e];
            } else {
                y = g.arcSource[e];
            }
        }
        for (int y = sink; y != s; ) {
            int e = predArc[y];
            if (y < n) {
                g.flow[e] -= bottleneck;
                y = n + g.arcSink[e];
            } else {
                g.flow[e] += bottleneck;
                if (owner != null) {
                    owner[y - n] = e;
                }
                y = g.arcSource[e];
            }
        }
        excess[s] -= bottleneck;
        deficit[sink - n] -= bottleneck;
    }

    private void augmentFrom(int s) {
        TransportNetwork g = net;
        int n = g.n;
        int touchedCount = 0;
        dist[s] = 0;
        state[s] = QUEUED;
        touched[touchedCount++] = s;
        heap.insert(s, 0);
        int sink = -1;
        double lengthD = 0;
        while (sink < 0 && !heap.isEmpty()) {
            int x = heap.popMin();
            double dx = dist[x];
            state[x] = SETTLED;
            settledTotal++;
            if (x >= n) {
                int j = x - n;
                if (deficit[j] > 0) {
                    sink = x;
                    lengthD = dx;
                    break;
                }
                double vj = v[j];
                int qFrom = owner == null ? g.inStart[j] : 0;
                int qTo = owner == null ? g.inStart[j + 1] : (owner[j] >= 0 ? 1 : 0);
                for (int q = qFrom; q < qTo; q++) {
                    int e = owner == null ? g.inArc[q] : owner[j];
                    if (g.flow[e] == 0) {
                        continue;
                    }
                    int i = g.arcSource[e];
                    if (state[i] == SETTLED) {
                        continue;
                    }
                    double nd = dx + Math.max(0, u[i] + vj - g.arcCost[e]);
                    if (state[i] == UNSEEN) {
                        state[i] = QUEUED;
                        touched[touchedCount++] = i;
                        dist[i] = nd;
                        predArc[i] = e;
                        heap.insert(i, nd);
                    } else if (nd < dist[i]) {
                        dist[i] = nd;
                        predArc[i] = e;
                        heap.decrease(i, nd);
                    }
                }
            } else {
                double ui = u[x];
                for (int e = g.outStart[x]; e < g.outStart[x + 1]; e++) {
                    int y = n + g.arcSink[e];
                    if (state[y] == SETTLED) {
                        continue;
                    }
                    double nd = dx + Math.max(0, g.arcCost[e] - ui - v[y - n]);
                    if (nd <= dx && deficit[y - n] > 0) {
                        // a sink with deficit at the settled distance: no node left can be closer
                        if (state[y] == UNSEEN) {
                            touched[touchedCount++] = y;
                        }
                        state[y] = SETTLED;
                        dist[y] = nd;
                        predArc[y] = e;
                        sink = y;
                        lengthD = nd;
                        break;
                    }
                    if (state[y] == UNSEEN) {
                        state[y] = QUEUED;
                        touched[touchedCount++] = y;
                        dist[y] = nd;
                        predArc[y] = e;
                        heap.insert(y, nd);
                    } else if (nd < dist[y]) {
                        dist[y] = nd;
                        predArc[y] = e;
                        heap.decrease(y, nd);
                    }
                }
            }
        }
        endSearch(s, sink, lengthD, touchedCount, false);
    }

    /**
     * Ends a shortest-path search from source s that reached {@code sink} (−1: none) at distance {@code lengthD}:
     * shifts the potentials of the settled nodes closer than that (and of every reached sink when
     * {@code reachedSinksCount}: the searches that never queue sinks), augments the path and resets the
     * {@code touchedCount} touched nodes.
     */
    private void endSearch(int s, int sink, double lengthD, int touchedCount, boolean reachedSinksCount) {
        if (sink < 0) {
            throw new IllegalStateException("the candidate network cannot carry the supplies");
        }
        int n = net.n;
        heap.clear();
        for (int t = 0; t < touchedCount; t++) {
            int x = touched[t];
            if (dist[x] < lengthD && (state[x] == SETTLED || (reachedSinksCount && x >= n))) {
                double shift = lengthD - dist[x];
                if (x < n) {
                    u[x] += shift;
                } else {
                    v[x - n] -= shift;
                }
            }
        }
        finishPath(s, sink);
        for (int t = 0; t < touchedCount; t++) {
            int x = touched[t];
            dist[x] = Double.POSITIVE_INFINITY;
            state[x] = UNSEEN;
        }
        augmentations++;
    }
}
