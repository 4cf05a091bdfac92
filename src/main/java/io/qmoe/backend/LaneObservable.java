package io.qmoe.backend;

import io.qmoe.circuit.PauliObservable;
import io.qmoe.circuit.PauliString;

/**
 * A Pauli observable compiled into row form for {@link LaneSimulation}: per term, the overlap that gives ⟨ψ|P|ψ⟩ and
 * the rows with complex factors that accumulate λ = O·ψ for the adjoint sweep. Immutable and thread-safe.
 */
final class LaneObservable {
    final double[] coefficient;
    final LaneProgram.RowOverlap[] expectation;
    /** Per term: λ[target[p]] += (re[p] + i·im[p]) · ψ[source[p]]. */
    final int[][] target;
    final int[][] source;
    final double[][] factorRe;
    final double[][] factorIm;

    LaneObservable(PauliObservable observable, int dim) {
        int terms = observable.terms().size();
        coefficient = new double[terms];
        expectation = new LaneProgram.RowOverlap[terms];
        target = new int[terms][dim];
        source = new int[terms][dim];
        factorRe = new double[terms][dim];
        factorIm = new double[terms][dim];
        for (int t = 0; t < terms; t++) {
            PauliObservable.Term term = observable.terms().get(t);
            PauliString p = term.pauli();
            int x = (int) p.xMask();
            int z = (int) p.zMask();
            int ys = p.yCount() & 3;
            double c = term.coefficient();
            coefficient[t] = c;
            // ⟨ψ|P|ψ⟩ = Re(i^ys Σ_i (−1)^{|i∧z|} conj(ψ_{i⊕x}) ψ_i): ys = 0 → Re S, 1 → −Im S, 2 → −Re S, 3 → Im S
            double m = ys == 0 || ys == 3 ? 1 : -1;
            int[] u = new int[dim];
            int[] v = new int[dim];
            double[] sign = new double[dim];
            // P|j⟩ = i^ys (−1)^{|j∧z|} |j⊕x⟩, so λ_{j⊕x} += c·i^ys·(−1)^{|j∧z|} ψ_j
            double cr = ys == 0 ? c : ys == 2 ? -c : 0;
            double ci = ys == 1 ? c : ys == 3 ? -c : 0;
            for (int i = 0; i < dim; i++) {
                double parity = (Integer.bitCount(i & z) & 1) == 0 ? 1 : -1;
                u[i] = i ^ x;
                v[i] = i;
                sign[i] = parity * m;
                target[t][i] = i ^ x;
                source[t][i] = i;
                factorRe[t][i] = cr * parity;
                factorIm[t][i] = ci * parity;
            }
            expectation[t] = new LaneProgram.RowOverlap(u, v, sign, (ys & 1) == 1, 1);
        }
    }
}
