package io.qmoe.backend.statevector;

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
            long x = p.xMask();
            double c = term.coefficient();
            coefficient[t] = c;
            // P|i⟩ = i^{k(i)} |i ⊕ x⟩, so ⟨ψ|P|ψ⟩ = Re Σ_i i^{k(i)} conj(ψ_{i⊕x}) ψ_i, and λ_{i⊕x} += c·i^{k(i)} ψ_i;
            // k has the parity of #Y: Re(±S) for even k, Re(±i·S) = ∓Im S for odd k
            boolean odd = (p.yCount() & 1) != 0;
            int[] u = new int[dim];
            int[] v = new int[dim];
            double[] sign = new double[dim];
            for (int i = 0; i < dim; i++) {
                int k = p.phaseExponent(i);
                u[i] = (int) (i ^ x);
                v[i] = i;
                sign[i] = odd ? -PauliString.phaseImaginary(k) : PauliString.phaseReal(k);
                target[t][i] = (int) (i ^ x);
                source[t][i] = i;
                factorRe[t][i] = c * PauliString.phaseReal(k);
                factorIm[t][i] = c * PauliString.phaseImaginary(k);
            }
            expectation[t] = new LaneProgram.RowOverlap(u, v, sign, odd, 1);
        }
    }
}
