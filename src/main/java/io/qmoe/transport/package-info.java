/**
 * Exact optimal transport between uniform empirical measures on the flat torus [0, 2π)^d with the periodic distance
 * per coordinate. The cost of moving mass from θ to θ' is |θ − θ'|^p (p = 2) or |θ − θ'| (p = 1), |·| the Euclidean
 * length of the per-coordinate periodic differences.
 *
 * <p>{@link io.qmoe.transport.TorusTransport} solves the transportation problem between n source points of mass 1/n
 * and m sink points of mass 1/m exactly, for any sizes: the masses are scaled to integers (supply m/g, demand n/g,
 * g = gcd(n, m)) and the minimum-cost flow is found by successive shortest paths on a sparse candidate set of near
 * pairs, then certified optimal for all n·m pairs by a cell-by-cell check of the dual potentials; pairs the check finds
 * violated are added and the problem is re-solved, warm. Large equal-size problems start from a multi-scale hierarchy
 * of coarser problems on cell centroids ({@code MultiScaleStart}), each solved exactly, whose plans and potentials seed
 * the candidate set and the auction of the next finer level. Few sources against many sinks (N experts against a
 * large reference) take their potentials from an auction in which the sinks bid for the sources ({@code SinkAuction}),
 * cold from a multi-scale start sized by the sources when every sink receives one unit and each source takes at
 * most 32 sinks, and on the nearby unit-demand problem of ⌊m/n⌋ or ⌈m/n⌉ sinks per source when n does not divide m; more sources
 * than sinks are solved transposed. Every solve runs on both clouds renumbered along a Z-order curve
 * ({@code SpatialOrder}), for cache locality, and maps its result back. The result
 * ({@link io.qmoe.transport.TransportResult}) carries the certificate and the potentials, which warm-start the next
 * solve of slightly moved clouds.
 * {@link io.qmoe.transport.AssignmentSolver} is the dense O(n³) assignment oracle for small square cost matrices.
 */
package io.qmoe.transport;
