package io.qmoe.transport;

/**
 * An exact optimal transport between the uniform measures on n source and m sink points of the torus, with its
 * optimality certificate. Masses are integers: each source ships m/g units, each sink receives n/g (g = gcd(n, m)),
 * L = n·m/g units in all, so a unit of flow is mass 1/L.
 *
 * @param p            the exponent of the cost |θ − θ'|^p (1 or 2)
 * @param value        W_p = (totalCost / totalMass)^{1/p}
 * @param totalCost    Σ_ij f_ij c_ij over the integer flows f
 * @param totalMass    L = n·m/g
 * @param primal       the primal objective per unit mass, Σ f_ij c_ij / L = W_p^p
 * @param dual         the dual objective per unit mass, (Σ_i (m/g) u_i + Σ_j (n/g) v_j) / L; equal to the primal up to
 *                     rounding (complementary slackness holds on every arc with flow)
 * @param maxViolation the largest dual violation max(0, max_ij −(c_ij − u_i − v_j)) over ALL n·m pairs, found by the
 *                     cell-by-cell check of the final potentials; a value at rounding level proves optimality
 * @param tolerance    the violation below which a pair was accepted as feasible
 * @param candidateArcs number of pairs in the final sparse problem
 * @param rounds       number of certificate checks (the last one found no pair below −tolerance)
 * @param augmentations number of shortest-path augmentations over all rounds
 * @param scannedPairs number of pair costs evaluated by all certificate checks
 * @param u            source potentials (length n); not copied
 * @param v            sink potentials (length m); not copied
 * @param plan         the pairs that carry flow, and their flows; not copied
 * @param candidates   the pairs of the final sparse problem, for {@link TorusTransport#warmStart}
 */
public record TransportResult(int p, double value, double totalCost, long totalMass, double primal, double dual,
                              double maxViolation, double tolerance, long candidateArcs, int rounds,
                              long augmentations, long scannedPairs, double[] u, double[] v, Plan plan,
                              CandidateSet candidates) {
    /**
     * The support of an optimal plan: pair k sends {@code flow[k]} units (mass flow[k]/L) from source
     * {@code source[k]} to sink {@code sink[k]}; sorted by source, then sink.
     *
     * @param source source indices
     * @param sink   sink indices
     * @param flow   positive integer flows
     */
    public record Plan(int[] source, int[] sink, int[] flow) {
        /** Number of pairs with positive flow. */
        public int size() {
            return source.length;
        }
    }

    /** primal − dual per unit mass: rounding level for a certified optimum. */
    public double gap() {
        return primal - dual;
    }
}
