package io.qmoe.backend.shots;

import io.qmoe.backend.Estimates;
import io.qmoe.backend.Estimator;
import io.qmoe.backend.ProbabilitySource;
import io.qmoe.circuit.GateKind;
import io.qmoe.circuit.Gate;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Emulates finite-shot hardware on top of an exact backend. The observable's terms are grouped into qubit-wise
 * commuting sets; for each group the circuit is rotated into the group's basis (H for X, S†·H for Y), the exact basis
 * probabilities come from the inner backend (one batched call per group), and {@code shots} outcomes are drawn per
 * binding. Each term is estimated by the mean of its ±1 parities over the shots, so estimates are always physical
 * (|⟨P⟩| ≤ 1 per term); the standard error is the sample standard deviation of the per-shot group value over √shots,
 * summed in quadrature over groups.
 *
 * <p><b>Seeding.</b> Call number c of this estimator draws binding r's shots from a generator seeded by
 * (seed, c, r): a fresh estimator with the same seed, called with the same sequence of batches, gives the same
 * numbers whatever the thread count; two calls with the same batch draw independent samples, as hardware would.
 *
 * <p>Exact-state methods (adjoint gradients) refuse this backend: it is not a state-vector simulator.
 */
public final class ShotSamplingEstimator implements Estimator {
    private final Estimator inner;
    private final ProbabilitySource probabilities;
    private final int shots;
    private final long seed;
    private final AtomicLong calls = new AtomicLong();

    /**
     * Samples {@code shots} measurements per binding and group from the exact backend {@code inner}, which must be
     * able to return basis probabilities (the state-vector engine can).
     */
    public ShotSamplingEstimator(Estimator inner, int shots, long seed) {
        if (shots < 1) {
            throw new IllegalArgumentException("shots must be at least 1, got " + shots);
        }
        this.probabilities = inner.basisProbabilities().orElseThrow(() -> new IllegalArgumentException(
                "shot sampling needs an exact backend that gives basis probabilities (statevector or strange); '"
                        + inner.name() + "' does not"));
        this.inner = inner;
        this.shots = shots;
        this.seed = seed;
    }

    /** Shots per binding and measurement group. */
    public int shots() {
        return shots;
    }

    @Override
    public String name() {
        return "shots:" + shots + ":" + inner.name();
    }

    @Override
    public boolean exact() {
        return false;
    }

    /** Call numbers seed the draws, so the numbers depend on the order of calls: one caller at a time. */
    @Override
    public boolean concurrentCalls() {
        return false;
    }

    /** Closes the inner backend, which this estimator owns. */
    @Override
    public void close() {
        inner.close();
    }

    @Override
    public Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        return estimate(circuit, observable, bindings, shots);
    }

    /**
     * Draws enough shots per binding and group that the standard error is at most {@code precision}: with B_g the sum
     * of |coefficients| of group g, each shot's value lies in [−B_g, B_g], so its variance is at most B_g², and
     * ⌈Σ_g B_g² / precision²⌉ shots per group bound the total variance by precision².
     */
    @Override
    public Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings,
                              double precision) {
        if (!(precision > 0) || !Double.isFinite(precision)) {
            throw new IllegalArgumentException("precision must be a positive number, got " + precision);
        }
        double bound = 0;
        for (MeasurementGroups.Group g : MeasurementGroups.of(observable, circuit.qubitCount())) {
            double b = 0;
            for (PauliObservable.Term t : g.terms()) {
                b += Math.abs(t.coefficient());
            }
            bound += b * b;
        }
        double needed = Math.ceil(bound / (precision * precision));
        if (needed > 1e9) {
            throw new IllegalArgumentException("precision " + precision + " needs " + (long) needed
                    + " shots per group (at most 1e9)");
        }
        return estimate(circuit, observable, bindings, (int) Math.max(1, needed));
    }

    private Estimates estimate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings,
                               int shots) {
        observable.requireQubits(circuit.qubitCount());
        circuit.checkBindings(bindings);
        long call = calls.getAndIncrement();
        int n = circuit.qubitCount();
        double constant = MeasurementGroups.constant(observable);
        List<MeasurementGroups.Group> groups = MeasurementGroups.of(observable, n);
        double[] values = new double[bindings.length];
        double[] variances = new double[bindings.length];
        java.util.Arrays.fill(values, constant);
        for (int gi = 0; gi < groups.size(); gi++) {
            MeasurementGroups.Group g = groups.get(gi);
            double[][] p = probabilities.probabilities(rotated(circuit, g.basis()), bindings);
            for (int r = 0; r < bindings.length; r++) {
                SplittableRandom random = new SplittableRandom(mix(seed, call, r, gi));
                double[] est = sample(p[r], g, random, shots);
                values[r] += est[0];
                variances[r] += est[1];
            }
        }
        double[] errors = new double[bindings.length];
        for (int r = 0; r < errors.length; r++) {
            errors[r] = Math.sqrt(variances[r]);
        }
        return new Estimates(values, errors);
    }

    /** Draws the shots for one binding and group: {sum of coefficient × term mean, variance of that sum}. */
    private static double[] sample(double[] prob, MeasurementGroups.Group g, SplittableRandom random, int shots) {
        int dim = prob.length;
        double[] cdf = new double[dim];
        double acc = 0;
        for (int b = 0; b < dim; b++) {
            acc += prob[b];
            cdf[b] = acc;
        }
        List<PauliObservable.Term> terms = g.terms();
        long[] masks = new long[terms.size()];
        for (int t = 0; t < masks.length; t++) {
            PauliObservable.Term term = terms.get(t);
            masks[t] = term.pauli().xMask() | term.pauli().zMask();
        }
        double sum = 0;
        double sumSq = 0;
        for (int s = 0; s < shots; s++) {
            double u = random.nextDouble() * acc;
            int lo = 0;
            int hi = dim - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            double value = 0;
            for (int t = 0; t < masks.length; t++) {
                boolean odd = (Long.bitCount(lo & masks[t]) & 1) != 0;
                value += odd ? -terms.get(t).coefficient() : terms.get(t).coefficient();
            }
            sum += value;
            sumSq += value * value;
        }
        double mean = sum / shots;
        double var = shots > 1 ? Math.max(0, (sumSq - shots * mean * mean) / (shots - 1)) : 0;
        return new double[] {mean, var / shots};
    }

    /** The circuit followed by the basis change that makes the group's Paulis diagonal. */
    static ParametricCircuit rotated(ParametricCircuit c, char[] basis) {
        ParametricCircuit.Builder b = ParametricCircuit.builder(c.qubitCount());
        c.trainableNames().forEach(b::trainable);
        c.dataNames().forEach(b::data);
        for (Gate g : c.gates()) {
            b.gate(g.kind(), g.angle(), g.qubits());
        }
        for (int q = 0; q < basis.length; q++) {
            if (basis[q] == 'X') {
                b.h(q);
            } else if (basis[q] == 'Y') {
                b.gate(GateKind.SDG, q);
                b.h(q);
            }
        }
        return b.build();
    }

    private static long mix(long seed, long call, int row, int group) {
        long h = seed * 0x9E3779B97F4A7C15L ^ call * 0xC2B2AE3D27D4EB4FL ^ (long) row * 0x165667B19E3779F9L
                ^ (long) group * 0xD6E8FEB86659FD93L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }
}
