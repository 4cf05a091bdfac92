package io.qmoe.backend.statevector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The inner loops of {@link StateKernels} on 256-bit vectors of the JDK Vector API (4 doubles a vector). Loaded only
 * when {@link Simd#AVAILABLE}: this class references the incubator module {@code jdk.incubator.vector}, which a JVM
 * resolves only when started with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Every lane computes exactly what the scalar kernel computes for that amplitude: the same products, summed in the
 * same order ({@code a − b} as {@code a + (−b)} where that is written shorter: IEEE defines them equal), no fused
 * multiply-add; lanes are only moved by {@code rearrange} and {@code blend}. So the state has the same bits on either
 * path. The run kernels ({@link #real} …) do the whole vectors of a run and return how many amplitudes they did; the
 * caller does the rest with its scalar loop. The low-qubit kernels ({@code …Low}, qubit 0 or 1: both amplitudes of a
 * pair lie in one vector) take ranges that start and end at multiples of 4. Nothing is allocated.
 */
final class VectorKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int L = 4;
    /** Lane permutations: flip bit 0, flip bit 1, CNOT control 0 → target 1, CNOT control 1 → target 0. */
    private static final VectorShuffle<Double> FLIP0 = VectorShuffle.fromValues(S, 1, 0, 3, 2);
    private static final VectorShuffle<Double> FLIP1 = VectorShuffle.fromValues(S, 2, 3, 0, 1);
    private static final VectorShuffle<Double> CX01 = VectorShuffle.fromValues(S, 0, 3, 2, 1);
    private static final VectorShuffle<Double> CX10 = VectorShuffle.fromValues(S, 0, 1, 3, 2);
    /** The first and second amplitude of each pair of qubit 0 (X0, Y0) and of qubit 1 (X1, Y1), in every lane. */
    private static final VectorShuffle<Double> X0 = VectorShuffle.fromValues(S, 0, 0, 2, 2);
    private static final VectorShuffle<Double> Y0 = VectorShuffle.fromValues(S, 1, 1, 3, 3);
    private static final VectorShuffle<Double> X1 = VectorShuffle.fromValues(S, 0, 1, 0, 1);
    private static final VectorShuffle<Double> Y1 = VectorShuffle.fromValues(S, 2, 3, 2, 3);
    /** Lanes whose bit 0 (ODD0) or bit 1 (ODD1) is set. */
    private static final VectorMask<Double> ODD0 = VectorMask.fromValues(S, false, true, false, true);
    private static final VectorMask<Double> ODD1 = VectorMask.fromValues(S, false, false, true, true);

    private VectorKernels() {
    }

    /** Whether the hardware runs 256-bit double vectors natively (else the Vector API would be emulated, slowly). */
    static boolean usable() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256 && S.length() == L;
    }

    /**
     * Runs every kernel on private arrays until the JIT has compiled it (about 2000 calls of 256 vectors each: past
     * the C2 thresholds of invocations and loop back-edges). For {@link Simd}'s warm-up thread; touches no shared
     * state.
     */
    static void warmUp() {
        int dim = 1 << 10;
        double[] re = new double[dim];
        double[] im = new double[dim];
        re[0] = 1;
        double c = Math.cos(0.1);
        double s = Math.sin(0.1);
        for (int round = 0; round < 2000; round++) {
            int half = dim / 2;
            real(re, im, 0, half, half, c, s);
            imaginary(re, im, 0, half, half, c, s);
            dense(re, im, 0, half, half, c, 0, -s, 0, s, 0, c, 0);
            exchange(re, im, 0, half, half);
            phase(re, im, 0, dim, c, s);
            int q = round & 1;
            phaseLow(re, im, q, c, -s, c, s, 0, dim);
            realLow(re, im, q, c, s, 0, dim);
            permuteLow(re, im, round & 3, 0, dim);
            exchangeLow(re, im, q, 0, half, half);
        }
    }

    /** {@code len} rounded down to whole vectors. */
    private static int whole(int len) {
        return len & -L;
    }

    /** Real rotation [[c, −s], [s, c]] on the pairs (i + k, j + k), k &lt; len; returns the k done. */
    static int real(double[] re, double[] im, int i, int j, int len, double c, double s) {
        int end = whole(len);
        for (int k = 0; k < end; k += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i + k);
            DoubleVector yr = DoubleVector.fromArray(S, re, j + k);
            xr.mul(c).sub(yr.mul(s)).intoArray(re, i + k);
            xr.mul(s).add(yr.mul(c)).intoArray(re, j + k);
            DoubleVector xi = DoubleVector.fromArray(S, im, i + k);
            DoubleVector yi = DoubleVector.fromArray(S, im, j + k);
            xi.mul(c).sub(yi.mul(s)).intoArray(im, i + k);
            xi.mul(s).add(yi.mul(c)).intoArray(im, j + k);
        }
        return end;
    }

    /** (x, y) ← (c x − i s y, c y − i s x) on the pairs (i + k, j + k), k &lt; len; returns the k done. */
    static int imaginary(double[] re, double[] im, int i, int j, int len, double c, double s) {
        int end = whole(len);
        for (int k = 0; k < end; k += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i + k);
            DoubleVector xi = DoubleVector.fromArray(S, im, i + k);
            DoubleVector yr = DoubleVector.fromArray(S, re, j + k);
            DoubleVector yi = DoubleVector.fromArray(S, im, j + k);
            xr.mul(c).add(yi.mul(s)).intoArray(re, i + k);
            xi.mul(c).sub(yr.mul(s)).intoArray(im, i + k);
            yr.mul(c).add(xi.mul(s)).intoArray(re, j + k);
            yi.mul(c).sub(xr.mul(s)).intoArray(im, j + k);
        }
        return end;
    }

    /** (x, y) ← [[a, b], [c, d]] (x, y) on the pairs (i + k, j + k), k &lt; len; returns the k done. */
    static int dense(double[] re, double[] im, int i, int j, int len, double ar, double ai, double br, double bi,
            double cr, double ci, double dr, double di) {
        int end = whole(len);
        for (int k = 0; k < end; k += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i + k);
            DoubleVector xi = DoubleVector.fromArray(S, im, i + k);
            DoubleVector yr = DoubleVector.fromArray(S, re, j + k);
            DoubleVector yi = DoubleVector.fromArray(S, im, j + k);
            xr.mul(ar).sub(xi.mul(ai)).add(yr.mul(br)).sub(yi.mul(bi)).intoArray(re, i + k);
            xi.mul(ar).add(xr.mul(ai)).add(yi.mul(br)).add(yr.mul(bi)).intoArray(im, i + k);
            xr.mul(cr).sub(xi.mul(ci)).add(yr.mul(dr)).sub(yi.mul(di)).intoArray(re, j + k);
            xi.mul(cr).add(xr.mul(ci)).add(yi.mul(dr)).add(yr.mul(di)).intoArray(im, j + k);
        }
        return end;
    }

    /** Exchanges the amplitudes i + k and j + k, k &lt; len; returns the k done. */
    static int exchange(double[] re, double[] im, int i, int j, int len) {
        int end = whole(len);
        for (int k = 0; k < end; k += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i + k);
            DoubleVector yr = DoubleVector.fromArray(S, re, j + k);
            yr.intoArray(re, i + k);
            xr.intoArray(re, j + k);
            DoubleVector xi = DoubleVector.fromArray(S, im, i + k);
            DoubleVector yi = DoubleVector.fromArray(S, im, j + k);
            yi.intoArray(im, i + k);
            xi.intoArray(im, j + k);
        }
        return end;
    }

    /** ψ_{i+k} ← (c + i s) ψ_{i+k}, k &lt; len; returns the k done. */
    static int phase(double[] re, double[] im, int i, int len, double c, double s) {
        int end = whole(len);
        for (int k = 0; k < end; k += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i + k);
            DoubleVector xi = DoubleVector.fromArray(S, im, i + k);
            xr.mul(c).sub(xi.mul(s)).intoArray(re, i + k);
            xi.mul(c).add(xr.mul(s)).intoArray(im, i + k);
        }
        return end;
    }

    /**
     * diag(c0 + i s0, c1 + i s1) on qubit q ∈ {0, 1} over [from, to) (multiples of 4): the lane's phase is chosen by
     * its bit q, so each lane does the scalar {@code phase} with its own c and s.
     */
    static void phaseLow(double[] re, double[] im, int q, double c0, double s0, double c1, double s1, int from,
            int to) {
        VectorMask<Double> one = q == 0 ? ODD0 : ODD1;
        DoubleVector c = DoubleVector.broadcast(S, c0).blend(c1, one);
        DoubleVector s = DoubleVector.broadcast(S, s0).blend(s1, one);
        for (int i = from; i < to; i += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i);
            DoubleVector xi = DoubleVector.fromArray(S, im, i);
            xr.mul(c).sub(xi.mul(s)).intoArray(re, i);
            xi.mul(c).add(xr.mul(s)).intoArray(im, i);
        }
    }

    /**
     * Real rotation [[c, −s], [s, c]] on qubit q ∈ {0, 1} over [from, to) (multiples of 4). Each lane gets the first
     * (x) and second (y) amplitude of its pair; the first lane of a pair computes c x + (−s) y = c x − s y, the second
     * s x + c y, as the scalar kernel does.
     */
    static void realLow(double[] re, double[] im, int q, double c, double s, int from, int to) {
        VectorMask<Double> second = q == 0 ? ODD0 : ODD1;
        DoubleVector p = DoubleVector.broadcast(S, c).blend(s, second);
        DoubleVector r = DoubleVector.broadcast(S, -s).blend(c, second);
        if (q == 0) {
            for (int i = from; i < to; i += L) {
                realLow(re, im, i, p, r, X0, Y0);
            }
        } else {
            for (int i = from; i < to; i += L) {
                realLow(re, im, i, p, r, X1, Y1);
            }
        }
    }

    private static void realLow(double[] re, double[] im, int i, DoubleVector p, DoubleVector r,
            VectorShuffle<Double> x, VectorShuffle<Double> y) {
        DoubleVector vr = DoubleVector.fromArray(S, re, i);
        DoubleVector vi = DoubleVector.fromArray(S, im, i);
        vr.rearrange(x).mul(p).add(vr.rearrange(y).mul(r)).intoArray(re, i);
        vi.rearrange(x).mul(p).add(vi.rearrange(y).mul(r)).intoArray(im, i);
    }

    /** Kinds of in-vector permutation for {@link #permuteLow}. */
    static final int FLIP_0 = 0;
    /** Flip of bit 1. */
    static final int FLIP_1 = 1;
    /** CNOT with control qubit 0 and target qubit 1. */
    static final int CNOT_01 = 2;
    /** CNOT with control qubit 1 and target qubit 0. */
    static final int CNOT_10 = 3;

    /** Permutes the lanes of every vector in [from, to) (multiples of 4) by {@code kind}. */
    static void permuteLow(double[] re, double[] im, int kind, int from, int to) {
        switch (kind) {
            case FLIP_0 -> {
                for (int i = from; i < to; i += L) {
                    permute(re, im, i, FLIP0);
                }
            }
            case FLIP_1 -> {
                for (int i = from; i < to; i += L) {
                    permute(re, im, i, FLIP1);
                }
            }
            case CNOT_01 -> {
                for (int i = from; i < to; i += L) {
                    permute(re, im, i, CX01);
                }
            }
            default -> {
                for (int i = from; i < to; i += L) {
                    permute(re, im, i, CX10);
                }
            }
        }
    }

    private static void permute(double[] re, double[] im, int i, VectorShuffle<Double> p) {
        DoubleVector.fromArray(S, re, i).rearrange(p).intoArray(re, i);
        DoubleVector.fromArray(S, im, i).rearrange(p).intoArray(im, i);
    }

    /**
     * Exchanges i + k and j + k for the k &lt; len (a multiple of 4, i and j too) whose bit {@code control} ∈ {0, 1}
     * is set: a CNOT with a low control and a target at or above qubit 2.
     */
    static void exchangeLow(double[] re, double[] im, int control, int i, int j, int len) {
        VectorMask<Double> m = control == 0 ? ODD0 : ODD1;
        for (int k = 0; k < len; k += L) {
            DoubleVector xr = DoubleVector.fromArray(S, re, i + k);
            DoubleVector yr = DoubleVector.fromArray(S, re, j + k);
            xr.blend(yr, m).intoArray(re, i + k);
            yr.blend(xr, m).intoArray(re, j + k);
            DoubleVector xi = DoubleVector.fromArray(S, im, i + k);
            DoubleVector yi = DoubleVector.fromArray(S, im, j + k);
            xi.blend(yi, m).intoArray(im, i + k);
            yi.blend(xi, m).intoArray(im, j + k);
        }
    }
}
