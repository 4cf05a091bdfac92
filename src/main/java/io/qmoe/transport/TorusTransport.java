package io.qmoe.transport;

import java.util.Arrays;

/**
 * Exact optimal transport between the uniform empirical measures (1/n) Σ δ_{a_i} and (1/m) Σ δ_{b_j} on the flat
 * torus [0, 2π)^d, cost |θ − θ'|^p (p = 1 or 2, periodic distance per coordinate, see {@link TorusCost}), for any
 * sizes n and m.
 *
 * <p>Method. The masses are scaled to integers (supply m/g per source, demand n/g per sink, g = gcd(n, m)), which makes
 * the transportation problem an integral minimum-cost flow. It is solved by successive shortest paths with dual
 * potentials on a sparse candidate set: each point's k nearest partners in the other cloud (both directions, exact,
 * through a periodic cell grid) and a north-west-corner chain along the cell order of both clouds, which alone can
 * carry all the mass, so the sparse problem is always feasible. Equal sizes above {@link MultiScaleStart#COARSEST}
 * points start cold from a {@link MultiScaleStart}: a hierarchy of coarser problems on cell centroids, each solved
 * exactly, whose plan's refined support joins the candidate set and whose potentials, prolonged, start the auction.
 * Equal sizes (an assignment) then take the prices of an ε-scaled auction (ε from a quarter of the mean
 * nearest-neighbour cost down to 10⁻⁵ of it; when warm-started from the previous sink potentials, from the 99th
 * percentile of how far the previous plan is from each source's best response, so the first phase matches the error of
 * the moved prices; a phase that runs out of bids is re-run at a larger ε). Fewer sources than sinks (N experts against
 * a large reference) start from source potentials: from an ε-scaled auction in which the sinks bid for the sources
 * (each a source of m/n alike slots when m is a multiple of n and every sink receives one unit; otherwise of ⌊m/n⌋ or
 * ⌈m/n⌉ slots, the unit-demand problem nearest to the real one, whose prices are within the rounding of one sink per
 * source of its optimum), cold above 200 sources of at most 32 sinks each (unit demands) from a {@link MultiScaleStart}
 * on a grid sized by the sources (about 3 per cell) and warm from the previous source potentials, with the pairs the
 * full check finds violated under the auction's prices added before its first phase and after two of its later ones,
 * and then a few sweeps of coordinate ascent on the dual with the sink potentials eliminated. That leaves a few dozen
 * units to the shortest paths with unit demands, where the ascent alone left thousands (and took 10–400× as long when n
 * does not divide m). More sources than sinks are solved as the transposed problem and the result transposed back
 * (potentials swapped, plan sorted by source). Other transportations start from u = v = 0 or the previous potentials.
 * From there a Jonker–Volgenant greedy start and the shortest paths make the flow exactly optimal for the sparse
 * problem. Its optimum is then certified for all n·m pairs: the potentials must satisfy c_ij − u_i − v_j ≥ −tol
 * everywhere, checked cell pair by cell pair with a lower bound of the cost between the cells' boxes (only the cell
 * pairs whose bound fails are scanned pair by pair). Violated pairs are added to the candidate set (the most violated k
 * per source in the first round, twice as many in each further round, at most 256), the invariants are restored locally
 * (by lowering the violated sources' potentials, or the violated sinks' when there are fewer sources than sinks, which
 * frees one unit per sink instead of a whole supply per source) and the flow re-optimised from where it was. The loop
 * stops when no pair is violated by more than tol = 1e-13·c_max (c_max the largest possible cost, dπ² for p = 2, √d·π
 * for p = 1); the flow then is optimal for the full problem, and primal and dual objectives agree to rounding. Memory
 * is O((n + m)·k) plus the added pairs; no n·m array is formed.
 *
 * <p>Both clouds are renumbered along a Z-order curve before the solve ({@link SpatialOrder}) and the potentials,
 * plan and candidate pairs mapped back after it, so that the auction's bids and the network's arcs of neighbouring
 * points lie together in memory (the points of an i.i.d. sample in their own order would make each a cache miss).
 *
 * <p>Deterministic: the same inputs give the same bits on any number of threads (parallel parts write their own
 * slots and are combined in a fixed order; the flow solver is sequential).
 */
public final class TorusTransport {
    /** The default number k of nearest partners per point in the first candidate set. */
    public static final int DEFAULT_NEIGHBOURS = 16;
    private static final int MAX_ROUNDS = 100_000;
    private static final int MAX_PER_SOURCE = 256;
    private static final int AUCTION_MIN = 2000;
    /** The auction's first ε relative to the mean nearest cost, cold or from prolonged coarse potentials. */
    private static final double COLD_EPSILON = 0.25;
    private static final double FINAL_EPSILON = 1e-5;
    /** Sweeps of the source-potential ascent after the sinks' auction, which leaves little to do. */
    private static final int SWEEPS_AFTER_AUCTION = 3;
    /** Fewer sources than sinks: above this many sources a cold solve starts from a {@link MultiScaleStart}. */
    private static final int FEW_SOURCES_MULTI_SCALE = 200;
    /**
     * That start only while each source takes at most this many sinks: with more it costs more than it saves
     * (against 65 536 trained reference particles, a cold solve of 256, 512 or 1024 sources took 0.4–0.5 s with it
     * and 0.2–0.33 s without, and without it the warm solves that followed made up to a quarter fewer bids; at 32
     * and 16 sinks per source it pays).
     */
    private static final int FEW_SOURCES_MULTI_SCALE_QUOTA = 32;
    /**
     * The sinks' auction (few sources, unit demands): first ε from a coarse start and last ε relative to the sources'
     * mean nearest cost, and first ε otherwise relative to the sinks' mean nearest cost.
     */
    private static final double FEW_FIRST_EPSILON = 16;
    private static final double FEW_FIRST_SINK_EPSILON = 4;
    private static final double FEW_FINAL_EPSILON = 1e-3;
    /** Candidate checks during that auction: at most this many, after phases at ε below this fraction. */
    private static final int FEW_CHECKS = 6;
    /**
     * Pairs each of those checks adds per source: many, because a source of a few hundred serves hundreds of sinks,
     * and a check costs about as much as tens of auction bids per sink (measured best at 64; 256 was no better).
     */
    private static final int FEW_CHECK_PER_SOURCE = 64;
    /** Those checks stop after one that added fewer than n / this many pairs: the final certificate adds the rest. */
    private static final int FEW_CHECK_STOP = 4;
    private static final double FEW_CHECK_EPSILON = 0.1;
    /** After pairs were added, the auction goes on from this multiple of ε; phases re-run at 8·ε at most 6 times. */
    private static final double FEW_RESTART = 16;
    /** Warm: the first ε is this quantile of how far the previous plan's sinks are from their best sources. */
    private static final double WARM_QUANTILE = 0.99;
    private static final int FEW_RAISES = 6;
    private static final long BYTES_PER_ARC = 56;
    private static final long BYTES_PER_POINT = 96;

    private TorusTransport() {
    }

    /**
     * Solves cold with {@link #DEFAULT_NEIGHBOURS}. {@code a} (n points) and {@code b} (m points) are flat row-major
     * coordinates of dimension d (any finite values; they are wrapped into [0, 2π)). Not modified.
     *
     * @throws IllegalArgumentException on bad sizes, p ∉ {1, 2}, non-finite coordinates, or a problem whose estimated
     *                                  memory exceeds the heap
     */
    public static TransportResult solve(double[] a, double[] b, int d, int p) {
        return solve(a, b, d, p, DEFAULT_NEIGHBOURS);
    }

    /** Solves cold with k nearest partners per point in the first candidate set (k ≥ 1). */
    public static TransportResult solve(double[] a, double[] b, int d, int p, int neighbours) {
        return run(a, b, d, p, neighbours, null, MultiScaleStart.COARSEST);
    }

    /**
     * Solves cold with the multi-scale start used above {@code coarsest} points per side (equal sizes only), for tests
     * that run small clouds through several levels.
     */
    static TransportResult solveMultiScale(double[] a, double[] b, int d, int p, int coarsest) {
        return run(a, b, d, p, DEFAULT_NEIGHBOURS, null, coarsest);
    }

    /**
     * Solves again for clouds of the same sizes whose points have moved (e.g. the next snapshot of a trajectory),
     * starting from {@code previous}: its sink potentials seed the duals and its final candidate pairs (which hold
     * its plan, a feasible chain and every pair its certificate added) are the first candidate set, so no nearest
     * partners are searched. The candidate set can only grow along a chain of warm starts. With fewer sources than
     * sinks (n &lt; m) the nearest partners of the moved clouds are searched again and
     * only the previous plan's pairs are carried, and the source potentials seed the ascent.
     * The result is as exact and as certified as a cold solve (the same value up to rounding; the same plan when the
     * optimum is unique); only the work differs.
     */
    public static TransportResult warmStart(double[] a, double[] b, int d, int p, TransportResult previous) {
        return run(a, b, d, p, DEFAULT_NEIGHBOURS, previous, MultiScaleStart.COARSEST);
    }

    private static TransportResult run(double[] rawA, double[] rawB, int d, int p, int k, TransportResult previous,
                                       int coarsest) {
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("p must be 1 or 2, got " + p);
        }
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be at least 1, got " + d);
        }
        if (k < 1) {
            throw new IllegalArgumentException("neighbours must be at least 1, got " + k);
        }
        checkShape(rawA, d, "first");
        checkShape(rawB, d, "second");
        double[] a = TorusCost.wrapped(d, rawA);
        double[] b = TorusCost.wrapped(d, rawB);
        int n = a.length / d;
        int m = b.length / d;
        if (previous != null && (previous.u().length != n || previous.v().length != m || previous.p() != p)) {
            throw new IllegalArgumentException("warm start from a result of " + previous.u().length + " and "
                    + previous.v().length + " points with p = " + previous.p() + ", now " + n + " and " + m
                    + " points with p = " + p);
        }
        if (n > m) {
            // more sources than sinks: solved as the transposed problem, whose few sources take the sinks' auction
            TransportResult t = run(rawB, rawA, d, p, k, previous == null ? null : transposed(previous, n, m),
                    coarsest);
            return transposed(t, m, n);
        }
        long multiScale = previous == null && n == m && n > coarsest ? 8L * (n + m) : 0;
        long need = estimatedBytes(n, m, (long) (n + m) * Math.min(k, Math.max(n, m)) + n + m + multiScale
                + (previous == null ? 0 : previous.candidates().size()));
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap) {
            throw new IllegalArgumentException("transport between " + n + " and " + m + " points needs about "
                    + (need >> 20) + " MB, more than the " + (heap >> 20) + " MB heap; raise -Xmx or use fewer points");
        }
        // solved in Z-order of both clouds (cache locality), the result mapped back to the callers' numbering
        SpatialOrder sa = SpatialOrder.of(a, d);
        SpatialOrder sb = SpatialOrder.of(b, d);
        double[] za = sa.points(a, d);
        double[] zb = sb.points(b, d);
        int[] newA = sa.toNew();
        int[] newB = sb.toNew();
        int[] oldA = sa.toOld();
        int[] oldB = sb.toOld();
        TransportResult r = previous == null
                ? solveWrapped(za, zb, d, p, k, null, null, null, null, coarsest)
                : solveWrapped(za, zb, d, p, k, sa.values(previous.u()), sb.values(previous.v()),
                        new CandidateSet(renumbered(previous.candidates().keys(), m, newA, newB)),
                        renumbered(previous.plan(), newA, newB), coarsest);
        return relabelled(r, sa.restored(r.u()), sb.restored(r.v()), renumbered(r.plan(), oldA, oldB),
                new CandidateSet(renumbered(r.candidates().keys(), m, oldA, oldB)));
    }

    /** {@code r} with its points numbered otherwise: the same value and certificate, these potentials and pairs. */
    private static TransportResult relabelled(TransportResult r, double[] u, double[] v, TransportResult.Plan plan,
                                              CandidateSet candidates) {
        return new TransportResult(r.p(), r.value(), r.totalCost(), r.totalMass(), r.primal(), r.dual(),
                r.maxViolation(), r.tolerance(), r.candidateArcs(), r.rounds(), r.augmentations(), r.scannedPairs(),
                u, v, plan, candidates);
    }

    /**
     * The same transport seen from the other side: the sinks become the sources (n sources and m sinks before), the
     * potentials swap, the plan is sorted by its new sources and the candidate keys i·m + j become j·n + i.
     */
    private static TransportResult transposed(TransportResult r, int n, int m) {
        long[] keys = r.candidates().keys();
        for (int q = 0; q < keys.length; q++) {
            int i = (int) (keys[q] / m);
            int j = (int) (keys[q] - (long) i * m);
            keys[q] = (long) j * n + i;
        }
        TransportResult.Plan plan = r.plan();
        return relabelled(r, r.v(), r.u(), bySource(plan.sink(), plan.source(), plan.flow(), m, n),
                new CandidateSet(keys));
    }

    /** Pair keys i·m + j renumbered to mapA[i]·m + mapB[j], in place. */
    private static long[] renumbered(long[] keys, int m, int[] mapA, int[] mapB) {
        for (int q = 0; q < keys.length; q++) {
            int i = (int) (keys[q] / m);
            int j = (int) (keys[q] - (long) i * m);
            keys[q] = (long) mapA[i] * m + mapB[j];
        }
        return keys;
    }

    /** A plan renumbered to sources mapA[i] and sinks mapB[j], sorted by source, then sink. */
    private static TransportResult.Plan renumbered(TransportResult.Plan plan, int[] mapA, int[] mapB) {
        int size = plan.size();
        int[] src = new int[size];
        int[] dst = new int[size];
        for (int q = 0; q < size; q++) {
            src[q] = mapA[plan.source()[q]];
            dst[q] = mapB[plan.sink()[q]];
        }
        return bySource(src, dst, plan.flow(), mapA.length, mapB.length);
    }

    /**
     * The pairs (src[q], dst[q]) carrying f[q], sources in [0, n) and sinks in [0, m), as a plan sorted by source,
     * then sink.
     */
    private static TransportResult.Plan bySource(int[] src, int[] dst, int[] f, int n, int m) {
        int size = src.length;
        int[] order = PairOrder.bySourceThenSink(src, dst, size, n, m);
        int[] source = new int[size];
        int[] sink = new int[size];
        int[] flow = new int[size];
        for (int s = 0; s < size; s++) {
            int q = order[s];
            source[s] = src[q];
            sink[s] = dst[q];
            flow[s] = f[q];
        }
        return new TransportResult.Plan(source, sink, flow);
    }

    /**
     * The estimated heap in bytes of a transport between n and m points on the given number of candidate pairs (the
     * network, the solver's node arrays and the transient pair keys); a larger estimate than the heap is refused.
     */
    public static long estimatedBytes(int n, int m, long arcs) {
        return arcs * BYTES_PER_ARC + (long) (n + m) * BYTES_PER_POINT;
    }

    /** The certified solve on wrapped coordinates, from potentials {@code u0}, {@code v0} (or cold) and extra pairs. */
    private static TransportResult solveWrapped(double[] a, double[] b, int d, int p, int k, double[] u0, double[] v0,
                                                CandidateSet previousPairs, TransportResult.Plan previousPlan,
                                                int coarsest) {
        int n = a.length / d;
        int m = b.length / d;
        int g = gcd(n, m);
        int supply = m / g;
        int demand = n / g;
        int kk = Math.min(k, Math.max(n, m));
        long[] keys;
        if (previousPairs != null && supply > demand) {
            // few sources against many sinks: both clouds moved, so the nearest partners are searched again (cheap
            // next to the solve), and the previous plan joins them; the previous certificate pairs are not carried
            long[] fresh = CandidatePairs.initial(a, b, d, kk);
            long[] planKeys = new long[previousPlan.size()];
            for (int q = 0; q < planKeys.length; q++) {
                planKeys[q] = (long) previousPlan.source()[q] * m + previousPlan.sink()[q];
            }
            keys = MultiScaleStart.concat(fresh, planKeys);
        } else {
            keys = previousPairs == null ? CandidatePairs.initial(a, b, d, kk) : previousPairs.keys();
        }
        MultiScaleStart start = null;
        if (v0 == null && n == m && n > coarsest) {
            int[] ones = SuccessiveShortestPaths.filled(n, 1);
            start = MultiScaleStart.of(a, ones, b, ones, d, p, kk, coarsest);
            if (start != null) {
                keys = MultiScaleStart.concat(keys, start.pairs);
                v0 = start.v;
            }
        }
        MultiScaleStart few = null;
        if (u0 == null && supply > demand && demand == 1 && n > FEW_SOURCES_MULTI_SCALE
                && supply <= FEW_SOURCES_MULTI_SCALE_QUOTA) {
            few = MultiScaleStart.forFewSources(a, SuccessiveShortestPaths.filled(n, supply), b,
                    SuccessiveShortestPaths.filled(m, demand), d, p, kk, coarsest);
            if (few != null) {
                keys = MultiScaleStart.concat(keys, few.pairs);
            }
        }
        TransportNetwork net = TransportNetwork.of(n, m, keys, keys.length, a, b, d, p);
        SuccessiveShortestPaths flow = new SuccessiveShortestPaths(net, supply, demand);
        boolean warm = v0 != null;
        if (warm) {
            System.arraycopy(v0, 0, flow.v, 0, m);
        }
        if (supply == 1 && n >= AUCTION_MIN) {
            double typical = meanNearestCost(net);
            if (typical > 0) {
                // the first ε: from the prolonged coarse potentials as from scratch; from the previous potentials,
                // the 99th percentile of how far the previous plan is from the sources' best responses
                double e0 = previousPlan == null ? COLD_EPSILON
                        : Math.max(FINAL_EPSILON, quantile(planGaps(net, flow.v, previousPlan), 0.99) / typical);
                flow.auctionPotentials(typical * e0, typical * FINAL_EPSILON);
                warm = true;
            }
        }
        if (supply > demand) {
            // few sources with large supplies: their potentials first (from the previous ones when warm)
            if (u0 != null) {
                System.arraycopy(u0, 0, flow.u, 0, n);
            } else if (few != null) {
                flow.sourceTransform(few.v);
            }
            // unit demands: the sinks' auction on the problem itself; otherwise on the nearby unit-demand problem
            // whose sources take ⌊m/n⌋ or ⌈m/n⌉ sinks each, whose prices leave the ascent and the paths a little
            net = fewSourcesAuction(a, b, d, p, net, flow, roundedQuotas(n, m), previousPlan, few != null);
            flow.semiDiscretePotentials(supply, demand, SWEEPS_AFTER_AUCTION);
            warm = true;
        }
        flow.greedy(warm);
        flow.run();
        Certified c = certify(a, b, d, p, net, flow, kk, supply > demand);
        return result(c.net, flow, p, supply, demand, c.cert.maxViolation, c.tol, c.rounds, c.scanned);
    }

    /**
     * Source potentials for few sources against many sinks, from the unit-demand problem in which source i takes
     * {@code quota[i]} sinks (the real one when n divides m, {@link #roundedQuotas} otherwise): the sinks'
     * ε-scaled auction ({@link SinkAuction}) from the current u, ε divided by 4 per phase down to
     * {@value #FEW_FINAL_EPSILON} times the sources' mean nearest cost. The first ε is {@value #FEW_FIRST_EPSILON}
     * times that cost after a coarse start, otherwise {@value #FEW_FIRST_SINK_EPSILON} times the sinks' mean nearest
     * cost; warm ({@code previousPlan} given), every sink starts held by its previous source and the first ε is at
     * most the {@value #WARM_QUANTILE} quantile of how far those sources are from the sinks' best, so a small move
     * frees few sinks. The candidate set is enlarged on the way, because under potentials that differ from zero a
     * sink's best sources need not be its nearest: before the first phase by the pairs the full check finds violated
     * under the start (c_ij − u_i below the sinks' best response over the candidates), and after a phase that ran out
     * of bids or reached ε ≤ {@value #FEW_CHECK_EPSILON} of the cost scale, at most {@value #FEW_CHECKS} times, by the
     * pairs violated by more than ε, each time the {@value #FEW_CHECK_PER_SOURCE} most violated per source, and no
     * more after a check that added fewer than n/{@value #FEW_CHECK_STOP} pairs; the auction then goes on from
     * {@value #FEW_RESTART}·ε. Returns the network, enlarged or not, that {@code flow} now works on. Only a start:
     * the flow and the certificate make the result exact.
     */
    private static TransportNetwork fewSourcesAuction(double[] a, double[] b, int d, int p,
                                                      TransportNetwork first, SuccessiveShortestPaths flow,
                                                      int[] quota, TransportResult.Plan previousPlan,
                                                      boolean coarseStart) {
        TransportNetwork net = first;
        double typical = meanNearestCost(net);
        if (!(typical > 0)) {
            return net;
        }
        double floor = 1e-13 * (p == 2 ? d * Math.PI * Math.PI : Math.sqrt(d) * Math.PI);
        net = withViolations(a, b, d, p, FEW_CHECK_PER_SOURCE, net, flow, floor);
        // from prolonged coarse potentials the prices are already near: a small first ε; otherwise the first ε is
        // on the scale of a sink's cost to its nearest source, the scale the prices have to move by
        double first0 = coarseStart ? typical * FEW_FIRST_EPSILON : sinkNearestCost(net) * FEW_FIRST_SINK_EPSILON;
        int raises = 0;
        int checks = 0;
        SinkAuction auction = new SinkAuction(net, quota, flow.u);
        double start = first0;
        if (previousPlan != null) {
            int[] sourceOf = SuccessiveShortestPaths.filled(net.m, -1);
            for (int q = 0; q < previousPlan.size(); q++) {
                sourceOf[previousPlan.sink()[q]] = previousPlan.source()[q];
            }
            auction.hold(sourceOf);
            double gap = quantile(auction.heldGaps(), WARM_QUANTILE);
            start = Math.min(first0, Math.max(typical * FEW_FINAL_EPSILON, gap));
        }
        for (double eps = start; ; ) {
            boolean done = auction.phase(eps);
            if ((!done || eps <= typical * FEW_CHECK_EPSILON) && checks < FEW_CHECKS) {
                checks++;
                auction.potentials(flow.u);
                TransportNetwork larger = withViolations(a, b, d, p, FEW_CHECK_PER_SOURCE, net, flow,
                        Math.max(eps, floor));
                if (larger.arcs() - net.arcs() < net.n / FEW_CHECK_STOP) {
                    checks = FEW_CHECKS;
                }
                if (larger != net) {
                    net = larger;
                    auction.adopt(net);
                    eps = Math.min(eps * FEW_RESTART, first0);
                    continue;
                }
            }
            if (!done && raises++ >= FEW_RAISES || done && eps <= typical * FEW_FINAL_EPSILON) {
                auction.potentials(flow.u);
                return net;
            }
            eps = done ? eps / 4 : eps * 8;
        }
    }

    /**
     * Source i's number of sinks in the unit-demand problem nearest to n sources of mass m/n each: ⌊(i + 1)·m/n⌋ −
     * ⌊i·m/n⌋, so the ⌈m/n⌉ ones are spread evenly along the sources' order; all m/n when n divides m.
     */
    static int[] roundedQuotas(int n, int m) {
        int[] quota = new int[n];
        for (int i = 0; i < n; i++) {
            quota[i] = (int) ((long) (i + 1) * m / n - (long) i * m / n);
        }
        return quota;
    }

    /**
     * The network with the pairs violated by more than {@code tol} under u and the sinks' best responses over the
     * candidates (the {@code perSource} most violated per source), adopted by {@code flow}; {@code net} itself when
     * there are none.
     */
    private static TransportNetwork withViolations(double[] a, double[] b, int d, int p, int perSource,
                                                   TransportNetwork net, SuccessiveShortestPaths flow, double tol) {
        flow.sinkTransform();
        DualCertificate cert = DualCertificate.check(a, b, d, p, flow.u, flow.v, tol, perSource);
        if (cert.violations.length == 0) {
            return net;
        }
        TransportNetwork larger = net.withArcs(cert.violations, cert.violations.length, a, b, d, p);
        flow.adopt(larger);
        return larger;
    }

    /** The final network of a certified solve, its last certificate, the tolerance and the work of the checks. */
    record Certified(TransportNetwork net, DualCertificate cert, double tol, int rounds, long scanned) {
    }

    /**
     * The certificate loop: checks the potentials of {@code flow} (already optimal on {@code net}) over all pairs,
     * adds the violated pairs (the most violated {@code perSource} per source in the first round, twice as many in
     * each further round, at most 256), restores the invariants and re-optimises, until no pair is violated by more
     * than tol = 1e-13·c_max. {@code flow} is modified and ends optimal for the full problem. With
     * {@code repairSinks} (supplies above demands) the invariants are restored by lowering the violated
     * sinks' potentials, which frees one unit per such sink, instead of the violated sources', which frees a whole
     * supply each.
     */
    static Certified certify(double[] a, double[] b, int d, int p, TransportNetwork first,
                             SuccessiveShortestPaths flow, int perSource, boolean repairSinks) {
        double cMax = p == 2 ? d * Math.PI * Math.PI : Math.sqrt(d) * Math.PI;
        double tol = 1e-13 * cMax;
        TransportNetwork net = first;
        int rounds = 0;
        int per = perSource;
        long scanned = 0;
        DualCertificate cert;
        while (true) {
            rounds++;
            cert = DualCertificate.check(a, b, d, p, flow.u, flow.v, tol, per);
            per = Math.min(MAX_PER_SOURCE, 2 * per);
            scanned += cert.scannedPairs;
            if (cert.violations.length == 0) {
                break;
            }
            if (rounds >= MAX_ROUNDS) {
                throw new IllegalStateException("no certified optimum after " + rounds + " rounds");
            }
            net = net.withArcs(cert.violations, cert.violations.length, a, b, d, p);
            flow.adopt(net);
            if (repairSinks) {
                flow.repairSinks(tol);
            } else {
                flow.repair(tol);
            }
            flow.greedy(true);
            flow.run();
        }
        return new Certified(net, cert, tol, rounds, scanned);
    }

    private static TransportResult result(TransportNetwork net, SuccessiveShortestPaths flow, int p, int supply,
                                          int demand, double maxViolation, double tol, int rounds, long scanned) {
        int support = 0;
        for (int e = 0; e < net.arcs(); e++) {
            if (net.flow[e] > 0) {
                support++;
            }
        }
        int[] src = new int[support];
        int[] dst = new int[support];
        int[] f = new int[support];
        CompensatedSum primal = new CompensatedSum();
        int s = 0;
        for (int e = 0; e < net.arcs(); e++) {
            if (net.flow[e] > 0) {
                src[s] = net.arcSource[e];
                dst[s] = net.arcSink[e];
                f[s] = net.flow[e];
                primal.add(net.flow[e] * net.arcCost[e]);
                s++;
            }
        }
        CompensatedSum dual = new CompensatedSum();
        for (double ui : flow.u) {
            dual.add(supply * ui);
        }
        for (double vj : flow.v) {
            dual.add(demand * vj);
        }
        long mass = (long) net.n * supply;
        double total = primal.value();
        double mean = Math.max(0, total / mass);
        double value = p == 2 ? Math.sqrt(mean) : mean;
        return new TransportResult(p, value, total, mass, total / mass, dual.value() / mass, maxViolation, tol,
                net.arcs(), rounds, flow.augmentations(), scanned, flow.u, flow.v,
                new TransportResult.Plan(src, dst, f), new CandidateSet(net.keys()));
    }

    /**
     * Per source of an assignment, how far its previous partner σ(i) is from its best response under the current
     * sink potentials: (c_iσ(i) − v_σ(i)) − min_j (c_ij − v_j) over its arcs, ≥ 0 (0 when the previous plan is still
     * optimal at i for these prices).
     */
    private static double[] planGaps(TransportNetwork net, double[] v, TransportResult.Plan plan) {
        double[] gap = new double[net.n];
        int[] partner = new int[net.n];
        Arrays.fill(partner, -1);
        for (int q = 0; q < plan.size(); q++) {
            partner[plan.source()[q]] = plan.sink()[q];
        }
        for (int i = 0; i < net.n; i++) {
            double low = Double.POSITIVE_INFINITY;
            double mine = Double.NaN;
            for (int e = net.outStart[i]; e < net.outStart[i + 1]; e++) {
                double h = net.arcCost[e] - v[net.arcSink[e]];
                low = Math.min(low, h);
                if (net.arcSink[e] == partner[i]) {
                    mine = h;
                }
            }
            gap[i] = Double.isNaN(mine) ? 0 : mine - low;
        }
        return gap;
    }

    /** The q-quantile of {@code x} (the element of rank ⌊q·length⌋ in increasing order); x is not modified. */
    private static double quantile(double[] x, double q) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }

    /**
     * The mean over sinks of the cheapest candidate arc: with few sources, the cost of reaching a source at all, on
     * the scale of the source potentials' differences (the sources' mean nearest cost is far smaller).
     */
    private static double sinkNearestCost(TransportNetwork net) {
        double sum = 0;
        for (int j = 0; j < net.m; j++) {
            double low = Double.POSITIVE_INFINITY;
            for (int q = net.inStart[j]; q < net.inStart[j + 1]; q++) {
                low = Math.min(low, net.arcCost[net.inArc[q]]);
            }
            sum += low;
        }
        return sum / net.m;
    }

    /** The mean over sources of the cheapest candidate arc: the cost scale of the auction's ε. */
    private static double meanNearestCost(TransportNetwork net) {
        double sum = 0;
        for (int i = 0; i < net.n; i++) {
            double low = Double.POSITIVE_INFINITY;
            for (int e = net.outStart[i]; e < net.outStart[i + 1]; e++) {
                low = Math.min(low, net.arcCost[e]);
            }
            sum += low;
        }
        return sum / net.n;
    }

    private static void checkShape(double[] x, int d, String name) {
        if (x.length == 0 || x.length % d != 0) {
            throw new IllegalArgumentException("the " + name + " cloud's " + x.length
                    + " coordinates do not make whole points of dimension " + d);
        }
    }

    private static int gcd(int x, int y) {
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return x;
    }
}
