package io.qmoe.backend.statevector;

/**
 * In-place kernels on a state vector held as two {@code double[]} arrays (real and imaginary parts), qubit q = bit q
 * of the index. Every gate kernel walks its index space (pairs for one-qubit gates, quadruples for two-qubit gates,
 * amplitudes for diagonals) in contiguous runs: one index insertion per run, then an inner loop over consecutive
 * amplitudes. HotSpot C2 does not vectorise these loops (the partner of i is i + stride in the same array), so on a
 * JVM with the Vector API the runs' whole vectors, and the gates whose pairs lie within one vector (qubits 0 and 1),
 * go to {@link VectorKernels} ({@link Simd}), with the same bits as the scalar loops here. A kernel does share
 * {@code part} of {@code parts} equal shares of its index space, so one register can be split over threads; every
 * amplitude's new value depends only on its own pair, so the result is bit-identical however the work is split.
 * Nothing is allocated.
 */
final class StateKernels {
    private StateKernels() {
    }

    /** The start of share {@code part} of {@code parts} of an index space of {@code size}. */
    static int share(int size, int part, int parts) {
        return (int) ((long) size * part / parts);
    }

    /*
     * The runs: a kernel's inner loop over len consecutive pairs (i + k, j + k) or amplitudes i + k. When vectors()
     * the whole vectors go to VectorKernels, which computes the same bits; the scalar loop does the rest (all of it
     * without the Vector API, on small states, and until the vector code is compiled).
     */

    /** Whether a run of {@code len} on this state goes to {@link VectorKernels} ({@link Simd#use}). */
    private static boolean vectors(double[] re, int len) {
        return Simd.AVAILABLE && len >= Simd.LANES && Simd.use(re.length);
    }

    private static void realRun(double[] re, double[] im, int i, int j, int len, double c, double s) {
        int k = vectors(re, len) ? VectorKernels.real(re, im, i, j, len, c, s) : 0;
        for (; k < len; k++) {
            real(re, im, i + k, re, im, j + k, c, s);
        }
    }

    private static void imaginaryRun(double[] re, double[] im, int i, int j, int len, double c, double s) {
        int k = vectors(re, len) ? VectorKernels.imaginary(re, im, i, j, len, c, s) : 0;
        for (; k < len; k++) {
            imaginary(re, im, i + k, re, im, j + k, c, s);
        }
    }

    private static void denseRun(double[] re, double[] im, int i, int j, int len, double ar, double ai, double br,
            double bi, double cr, double ci, double dr, double di) {
        int k = vectors(re, len) ? VectorKernels.dense(re, im, i, j, len, ar, ai, br, bi, cr, ci, dr, di) : 0;
        for (; k < len; k++) {
            dense(re, im, i + k, re, im, j + k, ar, ai, br, bi, cr, ci, dr, di);
        }
    }

    private static void exchangeRun(double[] re, double[] im, int i, int j, int len) {
        int k = vectors(re, len) ? VectorKernels.exchange(re, im, i, j, len) : 0;
        for (; k < len; k++) {
            exchange(re, im, i + k, j + k);
        }
    }

    private static void phaseRun(double[] re, double[] im, int i, int len, double c, double s) {
        int k = vectors(re, len) ? VectorKernels.phase(re, im, i, len, c, s) : 0;
        for (; k < len; k++) {
            phase(re, im, i + k, c, s);
        }
    }

    /** The first multiple of 4 at or after {@code from}, at most {@code to}. */
    private static int up4(int from, int to) {
        return Math.min(to, (from + 3) & -4);
    }

    /** The first amplitude of pair k of qubit q: k with a zero bit inserted at q. */
    private static int pairStart(int k, int q) {
        return insertZero(k, q);
    }

    /** The length of the run of consecutive pairs from k (within a block of 2^q, and before {@code to}). */
    private static int runLength(int k, int q, int to) {
        int stride = 1 << q;
        return Math.min(stride - (k & (stride - 1)), to - k);
    }

    /** Applies the 2×2 matrix [[a, b], [c, d]] (complex entries as re/im pairs) to qubit q. */
    static void apply1(double[] re, double[] im, int q, double ar, double ai, double br, double bi, double cr,
            double ci, double dr, double di, int part, int parts) {
        int stride = 1 << q;
        int blocks = re.length >> (q + 1);
        if (stride == 1) {
            apply1Adjacent(re, im, ar, ai, br, bi, cr, ci, dr, di, 2 * share(blocks, part, parts),
                    2 * share(blocks, part + 1, parts));
        } else if (blocks >= parts) {
            apply1Blocks(re, im, stride, ar, ai, br, bi, cr, ci, dr, di, share(blocks, part, parts) * (stride << 1),
                    share(blocks, part + 1, parts) * (stride << 1));
        } else {
            apply1Slices(re, im, stride, ar, ai, br, bi, cr, ci, dr, di, share(stride, part, parts),
                    share(stride, part + 1, parts));
        }
    }

    /** Qubit 0: the pairs (i, i + 1) for even i in [from, to). */
    private static void apply1Adjacent(double[] re, double[] im, double ar, double ai, double br, double bi, double cr,
            double ci, double dr, double di, int from, int to) {
        for (int i = from; i < to; i += 2) {
            dense(re, im, i, re, im, i + 1, ar, ai, br, bi, cr, ci, dr, di);
        }
    }

    /** Whole blocks of 2·stride amplitudes starting in [from, to); the inner loop spans exactly one stride. */
    private static void apply1Blocks(double[] re, double[] im, int stride, double ar, double ai, double br, double bi,
            double cr, double ci, double dr, double di, int from, int to) {
        for (int base = from; base < to; base += stride << 1) {
            int end = base + stride;
            denseRun(re, im, base, base + stride, end - base, ar, ai, br, bi, cr, ci, dr, di);
        }
    }

    /** Offsets [lo, hi) of every block (fewer blocks than shares: q is among the top qubits). */
    private static void apply1Slices(double[] re, double[] im, int stride, double ar, double ai, double br, double bi,
            double cr, double ci, double dr, double di, int lo, int hi) {
        for (int base = 0; base < re.length; base += stride << 1) {
            int end = base + hi;
            denseRun(re, im, base + lo, base + lo + stride, end - base - lo, ar, ai, br, bi, cr, ci, dr, di);
        }
    }



    /** (x, y) ← ([[a, b], [c, d]]) (x, y) for amplitudes x = ψ_i, y = ψ_j. */
    private static void dense(double[] ur, double[] ui, int i, double[] vr, double[] vi, int j, double ar,
                              double ai, double br, double bi, double cr, double ci, double dr, double di) {
        double xr = ur[i];
        double xi = ui[i];
        double yr = vr[j];
        double yi = vi[j];
        ur[i] = ar * xr - ai * xi + br * yr - bi * yi;
        ui[i] = ar * xi + ai * xr + br * yi + bi * yr;
        vr[j] = cr * xr - ci * xi + dr * yr - di * yi;
        vi[j] = cr * xi + ci * xr + dr * yi + di * yr;
    }

    /** Real rotation [[c, −s], [s, c]] on qubit q (RY). */
    static void rotateReal(double[] re, double[] im, int q, double c, double s, int part, int parts) {
        int stride = 1 << q;
        int blocks = re.length >> (q + 1);
        if (stride <= 2 && blocks >= parts && Simd.use(re.length)) {
            // both amplitudes of a pair in one vector; a share may start or end at an odd pair of qubit 0 (for
            // qubit 1 the shares are whole blocks of 4, so a = from, b = to)
            int from = share(blocks, part, parts) * (stride << 1);
            int to = share(blocks, part + 1, parts) * (stride << 1);
            int a = up4(from, to);
            int b = Math.max(a, to & -4);
            rotateRealAdjacent(re, im, c, s, from, a);
            VectorKernels.realLow(re, im, q, c, s, a, b);
            rotateRealAdjacent(re, im, c, s, b, to);
        } else if (stride == 1) {
            rotateRealAdjacent(re, im, c, s, 2 * share(blocks, part, parts), 2 * share(blocks, part + 1, parts));
        } else if (blocks >= parts) {
            rotateRealBlocks(re, im, stride, c, s, share(blocks, part, parts) * (stride << 1),
                    share(blocks, part + 1, parts) * (stride << 1));
        } else {
            rotateRealSlices(re, im, stride, c, s, share(stride, part, parts), share(stride, part + 1, parts));
        }
    }

    /** Qubit 0: the pairs (i, i + 1) for even i in [from, to). */
    private static void rotateRealAdjacent(double[] re, double[] im, double c, double s, int from, int to) {
        for (int i = from; i < to; i += 2) {
            real(re, im, i, re, im, i + 1, c, s);
        }
    }

    /** Whole blocks of 2·stride amplitudes starting in [from, to); the inner loop spans exactly one stride. */
    private static void rotateRealBlocks(double[] re, double[] im, int stride, double c, double s, int from, int to) {
        for (int base = from; base < to; base += stride << 1) {
            int end = base + stride;
            realRun(re, im, base, base + stride, end - base, c, s);
        }
    }

    /** Offsets [lo, hi) of every block (fewer blocks than shares: q is among the top qubits). */
    private static void rotateRealSlices(double[] re, double[] im, int stride, double c, double s, int lo, int hi) {
        for (int base = 0; base < re.length; base += stride << 1) {
            int end = base + hi;
            realRun(re, im, base + lo, base + lo + stride, end - base - lo, c, s);
        }
    }



    private static void real(double[] ur, double[] ui, int i, double[] vr, double[] vi, int j, double c, double s) {
        double xr = ur[i];
        double xi = ui[i];
        double yr = vr[j];
        double yi = vi[j];
        ur[i] = c * xr - s * yr;
        ui[i] = c * xi - s * yi;
        vr[j] = s * xr + c * yr;
        vi[j] = s * xi + c * yi;
    }

    /** [[c, −i s], [−i s, c]] on qubit q (RX). */
    static void rotateX(double[] re, double[] im, int q, double c, double s, int part, int parts) {
        int stride = 1 << q;
        int blocks = re.length >> (q + 1);
        if (stride == 1) {
            rotateXAdjacent(re, im, c, s, 2 * share(blocks, part, parts), 2 * share(blocks, part + 1, parts));
        } else if (blocks >= parts) {
            rotateXBlocks(re, im, stride, c, s, share(blocks, part, parts) * (stride << 1),
                    share(blocks, part + 1, parts) * (stride << 1));
        } else {
            rotateXSlices(re, im, stride, c, s, share(stride, part, parts), share(stride, part + 1, parts));
        }
    }

    /** Qubit 0: the pairs (i, i + 1) for even i in [from, to). */
    private static void rotateXAdjacent(double[] re, double[] im, double c, double s, int from, int to) {
        for (int i = from; i < to; i += 2) {
            imaginary(re, im, i, re, im, i + 1, c, s);
        }
    }

    /** Whole blocks of 2·stride amplitudes starting in [from, to); the inner loop spans exactly one stride. */
    private static void rotateXBlocks(double[] re, double[] im, int stride, double c, double s, int from, int to) {
        for (int base = from; base < to; base += stride << 1) {
            int end = base + stride;
            imaginaryRun(re, im, base, base + stride, end - base, c, s);
        }
    }

    /** Offsets [lo, hi) of every block (fewer blocks than shares: q is among the top qubits). */
    private static void rotateXSlices(double[] re, double[] im, int stride, double c, double s, int lo, int hi) {
        for (int base = 0; base < re.length; base += stride << 1) {
            int end = base + hi;
            imaginaryRun(re, im, base + lo, base + lo + stride, end - base - lo, c, s);
        }
    }



    /** (x, y) ← (c x − i s y, c y − i s x). */
    private static void imaginary(double[] ur, double[] ui, int i, double[] vr, double[] vi, int j, double c,
                                  double s) {
        double xr = ur[i];
        double xi = ui[i];
        double yr = vr[j];
        double yi = vi[j];
        ur[i] = c * xr + s * yi;
        ui[i] = c * xi - s * yr;
        vr[j] = c * yr + s * xi;
        vi[j] = c * yi - s * xr;
    }

    /** diag(e^{i·p0}, e^{i·p1}) on qubit q given as cos/sin pairs (c0 + i s0, c1 + i s1). */
    static void diagonal1(double[] re, double[] im, int q, double c0, double s0, double c1, double s1, int part,
                          int parts) {
        int stride = 1 << q;
        // shares of whole blocks of 2·2^q amplitudes (or of 8 for the lowest qubits); the top qubits slice by amplitude
        int block = Math.max(8, stride << 1);
        int blocks = re.length / block;
        if (blocks < parts) {
            diagonalRuns(re, im, q, c0, s0, c1, s1, share(re.length, part, parts), share(re.length, part + 1, parts));
        } else if (stride < 8 && Simd.use(re.length)) {
            diagonalLowVector(re, im, q, c0, s0, c1, s1, share(blocks, part, parts) * block,
                    share(blocks, part + 1, parts) * block);
        } else if (stride < 8) {
            diagonalLow(re, im, q, c0, s0, c1, s1, share(blocks, part, parts) * block,
                    share(blocks, part + 1, parts) * block);
        } else {
            diagonalRuns(re, im, q, c0, s0, c1, s1, share(blocks, part, parts) * block,
                    share(blocks, part + 1, parts) * block);
        }
    }

    /** Amplitudes [from, to) in runs of constant bit q. */
    private static void diagonalRuns(double[] re, double[] im, int q, double c0, double s0, double c1, double s1,
                                     int from, int to) {
        int stride = 1 << q;
        boolean skip0 = c0 == 1 && s0 == 0;
        for (int i0 = from; i0 < to; ) {
            int end = Math.min(to, (i0 | (stride - 1)) + 1);
            boolean one = (i0 & stride) != 0;
            if (one || !skip0) {
                double c = one ? c1 : c0;
                double s = one ? s1 : s0;
                phaseRun(re, im, i0, end - i0, c, s);
            }
            i0 = end;
        }
    }

    /**
     * Qubits 0–2 on whole 8-amplitude blocks [from, to): the phase of each of the 8 positions is set once, and the
     * straight-line body over a block is what C2 packs into vector operations.
     */
    private static void diagonalLow(double[] re, double[] im, int q, double c0, double s0, double c1, double s1,
                                    int from, int to) {
        double[] c = new double[8];
        double[] s = new double[8];
        for (int t = 0; t < 8; t++) {
            boolean one = (t & (1 << q)) != 0;
            c[t] = one ? c1 : c0;
            s[t] = one ? s1 : s0;
        }
        double ca = c[0];
        double cb = c[1];
        double cc = c[2];
        double cd = c[3];
        double ce = c[4];
        double cf = c[5];
        double cg = c[6];
        double ch = c[7];
        double sa = s[0];
        double sb = s[1];
        double sc = s[2];
        double sd = s[3];
        double se = s[4];
        double sf = s[5];
        double sg = s[6];
        double sh = s[7];
        for (int i = from; i < to; i += 8) {
            phase(re, im, i, ca, sa);
            phase(re, im, i + 1, cb, sb);
            phase(re, im, i + 2, cc, sc);
            phase(re, im, i + 3, cd, sd);
            phase(re, im, i + 4, ce, se);
            phase(re, im, i + 5, cf, sf);
            phase(re, im, i + 6, cg, sg);
            phase(re, im, i + 7, ch, sh);
        }
    }

    /** {@link #diagonalLow} on vectors: the same phase for every amplitude, without skipping a phase of 1. */
    private static void diagonalLowVector(double[] re, double[] im, int q, double c0, double s0, double c1,
            double s1, int from, int to) {
        if (q < 2) {
            VectorKernels.phaseLow(re, im, q, c0, s0, c1, s1, from, to);
            return;
        }
        for (int i = from; i < to; i += 8) {
            VectorKernels.phase(re, im, i, 4, c0, s0);
            VectorKernels.phase(re, im, i + 4, 4, c1, s1);
        }
    }

    /** ψ_i ← (c + i s) ψ_i. */
    private static void phase(double[] re, double[] im, int i, double c, double s) {
        double xr = re[i];
        double xi = im[i];
        re[i] = c * xr - s * xi;
        im[i] = c * xi + s * xr;
    }

    /** The first amplitude of quadruple k of qubits lo &lt; hi (both bits zero). */
    private static int quadStart(int k, int lo, int hi) {
        return insertZero(insertZero(k, lo), hi);
    }

    /** Applies the 2×2 matrix to {@code target} on the subspace where {@code control} is 1. */
    static void applyControlled1(double[] re, double[] im, int control, int target, double ar, double ai, double br,
                                 double bi, double cr, double ci, double dr, double di, int part, int parts) {
        int quarter = re.length >> 2;
        int from = share(quarter, part, parts);
        int to = share(quarter, part + 1, parts);
        int lo = Math.min(control, target);
        int hi = Math.max(control, target);
        int cbit = 1 << control;
        int stride = 1 << target;
        for (int k = from; k < to; ) {
            int len = runLength(k, lo, to);
            int start = quadStart(k, lo, hi) | cbit;
            denseRun(re, im, start, start + stride, len, ar, ai, br, bi, cr, ci, dr, di);
            k += len;
        }
    }

    /** Multiplies the amplitudes with both bits a and b set by c + i s (controlled phase; CZ is c = −1, s = 0). */
    static void phaseOnBoth(double[] re, double[] im, int a, int b, double c, double s, int part, int parts) {
        int quarter = re.length >> 2;
        int from = share(quarter, part, parts);
        int to = share(quarter, part + 1, parts);
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        int both = (1 << a) | (1 << b);
        for (int k = from; k < to; ) {
            int len = runLength(k, lo, to);
            int start = quadStart(k, lo, hi) | both;
            phaseRun(re, im, start, len, c, s);
            k += len;
        }
    }

    /** exp(−iφ/2 · Z_a Z_b): phase c − i s when the bits agree, c + i s when they differ. */
    static void zz(double[] re, double[] im, int a, int b, double c, double s, int part, int parts) {
        int dim = re.length;
        int from = share(dim, part, parts);
        int to = share(dim, part + 1, parts);
        int lo = Math.min(a, b);
        int mask = (1 << a) | (1 << b);
        for (int i0 = from; i0 < to; ) {
            // bits a and b are constant on runs of 2^lo consecutive amplitudes
            int end = Math.min(to, (i0 | ((1 << lo) - 1)) + 1);
            int bits = i0 & mask;
            double ss = bits == 0 || bits == mask ? -s : s;
            phaseRun(re, im, i0, end - i0, c, ss);
            i0 = end;
        }
    }

    /**
     * exp(−iφ/2 · P_a P_b) for P = X (yy = false) or Y (yy = true): ψ_i ← c ψ_i − i s σ_i ψ_{i⊕m}, with σ = 1 for XX and
     * σ = −1 (bits equal) or +1 (bits differ) for YY; the pairs are enumerated by the lower of the two bits.
     */
    static void xxOrYy(double[] re, double[] im, int a, int b, double c, double s, boolean yy, int part, int parts) {
        int half = re.length >> 1;
        int from = share(half, part, parts);
        int to = share(half, part + 1, parts);
        int mask = (1 << a) | (1 << b);
        int low = Math.min(a, b);
        int highBit = 1 << Math.max(a, b);
        for (int k = from; k < to; ) {
            int len = runLength(k, low, to);
            int start = pairStart(k, low);
            // the first amplitude of a pair has the low bit clear, so the bits agree when the high bit is clear too
            double ss = yy && (start & highBit) == 0 ? -s : s;
            // only the bits below the low one vary in a run, so the partners i ⊕ m are consecutive too
            imaginaryRun(re, im, start, start ^ mask, len, c, ss);
            k += len;
        }
    }

    /** Bit flip on qubit q (X). */
    static void flip(double[] re, double[] im, int q, int part, int parts) {
        int stride = 1 << q;
        int blocks = re.length >> (q + 1);
        if (stride <= 2 && blocks >= parts && Simd.use(re.length)) {
            int from = share(blocks, part, parts) * (stride << 1);
            int to = share(blocks, part + 1, parts) * (stride << 1);
            int a = up4(from, to);
            int b = Math.max(a, to & -4);
            flipAdjacent(re, im, from, a);
            VectorKernels.permuteLow(re, im, q == 0 ? VectorKernels.FLIP_0 : VectorKernels.FLIP_1, a, b);
            flipAdjacent(re, im, b, to);
        } else if (stride == 1) {
            flipAdjacent(re, im, 2 * share(blocks, part, parts), 2 * share(blocks, part + 1, parts));
        } else if (blocks >= parts) {
            flipBlocks(re, im, stride, share(blocks, part, parts) * (stride << 1),
                    share(blocks, part + 1, parts) * (stride << 1));
        } else {
            flipSlices(re, im, stride, share(stride, part, parts), share(stride, part + 1, parts));
        }
    }

    /** Qubit 0: the pairs (i, i + 1) for even i in [from, to). */
    private static void flipAdjacent(double[] re, double[] im, int from, int to) {
        for (int i = from; i < to; i += 2) {
            exchange(re, im, i, i + 1);
        }
    }

    /** Whole blocks of 2·stride amplitudes starting in [from, to); the inner loop spans exactly one stride. */
    private static void flipBlocks(double[] re, double[] im, int stride, int from, int to) {
        for (int base = from; base < to; base += stride << 1) {
            int end = base + stride;
            exchangeRun(re, im, base, base + stride, end - base);
        }
    }

    /** Offsets [lo, hi) of every block (fewer blocks than shares: q is among the top qubits). */
    private static void flipSlices(double[] re, double[] im, int stride, int lo, int hi) {
        for (int base = 0; base < re.length; base += stride << 1) {
            int end = base + hi;
            exchangeRun(re, im, base + lo, base + lo + stride, end - base - lo);
        }
    }

    private static void exchange(double[] re, double[] im, int i, int j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
    }

    /** CNOT: swaps the amplitude pairs with the control bit set, in runs of consecutive quadruples. */
    static void cnot(double[] re, double[] im, int control, int target, int part, int parts) {
        if (Math.min(control, target) < 2 && Simd.use(re.length) && cnotLow(re, im, control, target, part, parts)) {
            return;
        }
        int quarter = re.length >> 2;
        int from = share(quarter, part, parts);
        int to = share(quarter, part + 1, parts);
        int lo = Math.min(control, target);
        int hi = Math.max(control, target);
        int cbit = 1 << control;
        int tbit = 1 << target;
        for (int k = from; k < to; ) {
            int len = runLength(k, lo, to);
            int start = quadStart(k, lo, hi) | cbit;
            exchangeRun(re, im, start, start + tbit, len);
            k += len;
        }
    }

    /**
     * CNOT with a qubit below 2 on vectors (Simd.use), where a pair is within one vector or the control is a lane
     * mask; false (nothing done) when a share would not be whole vectors. A share is still the amplitude slice
     * [part·2^n/parts, (part + 1)·2^n/parts) when both qubits are below n − log2(parts) (see
     * {@link ForwardPlan#barriers}).
     */
    private static boolean cnotLow(double[] re, double[] im, int control, int target, int part, int parts) {
        int dim = re.length;
        if (control < 2 && target < 2) {
            if (dim / 4 < parts) {
                return false;
            }
            VectorKernels.permuteLow(re, im, control == 0 ? VectorKernels.CNOT_01 : VectorKernels.CNOT_10,
                    4 * share(dim / 4, part, parts), 4 * share(dim / 4, part + 1, parts));
            return true;
        }
        if (target < 2) {
            // the amplitudes with the control set, in runs of 2^control, half-index h ↦ h with the control bit set
            int quads = dim >> 3;
            if (quads < parts) {
                return false;
            }
            int from = 4 * share(quads, part, parts);
            int to = 4 * share(quads, part + 1, parts);
            int cbit = 1 << control;
            int kind = target == 0 ? VectorKernels.FLIP_0 : VectorKernels.FLIP_1;
            for (int h = from; h < to; ) {
                int len = runLength(h, control, to);
                int start = insertZero(h, control) | cbit;
                VectorKernels.permuteLow(re, im, kind, start, start + len);
                h += len;
            }
            return true;
        }
        // control below 2, target at or above 2: blocks of 2·2^target as for a one-qubit gate on the target
        int stride = 1 << target;
        int blocks = dim >> (target + 1);
        if (blocks >= parts) {
            int to = share(blocks, part + 1, parts) * (stride << 1);
            for (int base = share(blocks, part, parts) * (stride << 1); base < to; base += stride << 1) {
                VectorKernels.exchangeLow(re, im, control, base, base + stride, stride);
            }
            return true;
        }
        int lo = 4 * share(stride / 4, part, parts);
        int hi = 4 * share(stride / 4, part + 1, parts);
        for (int base = 0; base < dim; base += stride << 1) {
            VectorKernels.exchangeLow(re, im, control, base + lo, base + lo + stride, hi - lo);
        }
        return true;
    }

    /** k with a zero bit inserted at position b. */
    static int insertZero(int k, int b) {
        int low = k & ((1 << b) - 1);
        return ((k >> b) << (b + 1)) | low;
    }

    /** SWAP: exchanges the amplitudes with bits (a, b) = (1, 0) and (0, 1). */
    static void swap(double[] re, double[] im, int a, int b, int part, int parts) {
        int quarter = re.length >> 2;
        int from = share(quarter, part, parts);
        int to = share(quarter, part + 1, parts);
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        int abit = 1 << a;
        int flip = (1 << a) | (1 << b);
        for (int k = from; k < to; ) {
            int len = runLength(k, lo, to);
            int start = quadStart(k, lo, hi) | abit;
            exchangeRun(re, im, start, start ^ flip, len);
            k += len;
        }
    }

    /** Im⟨λ|X_q|ψ⟩ = Σ_i Im(conj λ_i · ψ_{i⊕2^q}), summed over pairs. */
    static double imagOverlapX(double[] lre, double[] lim, double[] pre, double[] pim, int q) {
        int half = lre.length >> 1;
        int stride = 1 << q;
        double sum = 0;
        for (int k = 0; k < half; k++) {
            int i = insertZero(k, q);
            int j = i + stride;
            sum += lre[i] * pim[j] - lim[i] * pre[j] + lre[j] * pim[i] - lim[j] * pre[i];
        }
        return sum;
    }

    /** Im⟨λ|Y_q|ψ⟩: Y|0⟩ = i|1⟩, Y|1⟩ = −i|0⟩, so it is Σ_pairs Re(conj λ_j ψ_i) − Re(conj λ_i ψ_j). */
    static double imagOverlapY(double[] lre, double[] lim, double[] pre, double[] pim, int q) {
        int half = lre.length >> 1;
        int stride = 1 << q;
        double sum = 0;
        for (int k = 0; k < half; k++) {
            int i = insertZero(k, q);
            int j = i + stride;
            sum += lre[j] * pre[i] + lim[j] * pim[i] - lre[i] * pre[j] - lim[i] * pim[j];
        }
        return sum;
    }

    /** Im⟨λ|Z_q|ψ⟩ = Σ_{bit q = 0} Im(conj λ_i ψ_i) − Σ_{bit q = 1} Im(conj λ_j ψ_j). */
    static double imagOverlapZ(double[] lre, double[] lim, double[] pre, double[] pim, int q) {
        int half = lre.length >> 1;
        int stride = 1 << q;
        double sum = 0;
        for (int k = 0; k < half; k++) {
            int i = insertZero(k, q);
            int j = i + stride;
            sum += lre[i] * pim[i] - lim[i] * pre[i] - lre[j] * pim[j] + lim[j] * pre[j];
        }
        return sum;
    }
}
