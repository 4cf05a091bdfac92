package io.qmoe.backend;

/**
 * In-place kernels on a state vector held as two {@code double[]} arrays (real and imaginary parts), qubit q = bit q
 * of the index. Loops walk blocks of 2^q so the inner loop is a contiguous stride the JIT can vectorise; nothing is
 * allocated.
 */
final class StateKernels {
    private StateKernels() {
    }

    /** Applies the 2×2 matrix [[a, b], [c, d]] (complex entries as re/im pairs) to qubit q. */
    static void apply1(double[] re, double[] im, int q, double ar, double ai, double br, double bi, double cr,
                       double ci, double dr, double di) {
        int dim = re.length;
        int stride = 1 << q;
        if (stride < 8) {
            for (int k = 0, half = dim >> 1; k < half; k++) {
                int i = insertZero(k, q);
                int j = i + stride;
                double xr = re[i];
                double xi = im[i];
                double yr = re[j];
                double yi = im[j];
                re[i] = ar * xr - ai * xi + br * yr - bi * yi;
                im[i] = ar * xi + ai * xr + br * yi + bi * yr;
                re[j] = cr * xr - ci * xi + dr * yr - di * yi;
                im[j] = cr * xi + ci * xr + dr * yi + di * yr;
            }
            return;
        }
        for (int base = 0; base < dim; base += stride << 1) {
            int end = base + stride;
            for (int i = base; i < end; i++) {
                int j = i + stride;
                double xr = re[i];
                double xi = im[i];
                double yr = re[j];
                double yi = im[j];
                re[i] = ar * xr - ai * xi + br * yr - bi * yi;
                im[i] = ar * xi + ai * xr + br * yi + bi * yr;
                re[j] = cr * xr - ci * xi + dr * yr - di * yi;
                im[j] = cr * xi + ci * xr + dr * yi + di * yr;
            }
        }
    }

    /** Applies the 2×2 matrix to {@code target} on the subspace where {@code control} is 1. */
    static void applyControlled1(double[] re, double[] im, int control, int target, double ar, double ai, double br,
                                 double bi, double cr, double ci, double dr, double di) {
        int quarter = re.length >> 2;
        int lo = Math.min(control, target);
        int hi = Math.max(control, target);
        int cbit = 1 << control;
        int stride = 1 << target;
        for (int k = 0; k < quarter; k++) {
            int i = insertZero(insertZero(k, lo), hi) | cbit;
            int j = i + stride;
            double xr = re[i];
            double xi = im[i];
            double yr = re[j];
            double yi = im[j];
            re[i] = ar * xr - ai * xi + br * yr - bi * yi;
            im[i] = ar * xi + ai * xr + br * yi + bi * yr;
            re[j] = cr * xr - ci * xi + dr * yr - di * yi;
            im[j] = cr * xi + ci * xr + dr * yi + di * yr;
        }
    }

    /** Real rotation [[c, −s], [s, c]] on qubit q (RY). */
    static void rotateReal(double[] re, double[] im, int q, double c, double s) {
        int dim = re.length;
        int stride = 1 << q;
        if (stride == 1) {
            for (int i = 0; i < dim; i += 2) {
                double xr = re[i];
                double xi = im[i];
                double yr = re[i + 1];
                double yi = im[i + 1];
                re[i] = c * xr - s * yr;
                im[i] = c * xi - s * yi;
                re[i + 1] = s * xr + c * yr;
                im[i + 1] = s * xi + c * yi;
            }
            return;
        }
        if (stride < 8) {
            for (int k = 0, half = dim >> 1; k < half; k++) {
                int i = insertZero(k, q);
                int j = i + stride;
                double xr = re[i];
                double xi = im[i];
                double yr = re[j];
                double yi = im[j];
                re[i] = c * xr - s * yr;
                im[i] = c * xi - s * yi;
                re[j] = s * xr + c * yr;
                im[j] = s * xi + c * yi;
            }
            return;
        }
        for (int base = 0; base < dim; base += stride << 1) {
            int end = base + stride;
            for (int i = base; i < end; i++) {
                int j = i + stride;
                double xr = re[i];
                double xi = im[i];
                double yr = re[j];
                double yi = im[j];
                re[i] = c * xr - s * yr;
                im[i] = c * xi - s * yi;
                re[j] = s * xr + c * yr;
                im[j] = s * xi + c * yi;
            }
        }
    }

    /** [[c, −i s], [−i s, c]] on qubit q (RX). */
    static void rotateX(double[] re, double[] im, int q, double c, double s) {
        int dim = re.length;
        int stride = 1 << q;
        if (stride == 1) {
            for (int i = 0; i < dim; i += 2) {
                double xr = re[i];
                double xi = im[i];
                double yr = re[i + 1];
                double yi = im[i + 1];
                re[i] = c * xr + s * yi;
                im[i] = c * xi - s * yr;
                re[i + 1] = c * yr + s * xi;
                im[i + 1] = c * yi - s * xr;
            }
            return;
        }
        if (stride < 8) {
            for (int k = 0, half = dim >> 1; k < half; k++) {
                int i = insertZero(k, q);
                int j = i + stride;
                double xr = re[i];
                double xi = im[i];
                double yr = re[j];
                double yi = im[j];
                re[i] = c * xr + s * yi;
                im[i] = c * xi - s * yr;
                re[j] = c * yr + s * xi;
                im[j] = c * yi - s * xr;
            }
            return;
        }
        for (int base = 0; base < dim; base += stride << 1) {
            int end = base + stride;
            for (int i = base; i < end; i++) {
                int j = i + stride;
                double xr = re[i];
                double xi = im[i];
                double yr = re[j];
                double yi = im[j];
                re[i] = c * xr + s * yi;
                im[i] = c * xi - s * yr;
                re[j] = c * yr + s * xi;
                im[j] = c * yi - s * xr;
            }
        }
    }

    /** diag(e^{i·p0}, e^{i·p1}) on qubit q given as cos/sin pairs. */
    static void diagonal1(double[] re, double[] im, int q, double c0, double s0, double c1, double s1) {
        int dim = re.length;
        int stride = 1 << q;
        if (stride < 8) {
            for (int i = 0; i < dim; i++) {
                boolean one = (i & stride) != 0;
                double c = one ? c1 : c0;
                double s = one ? s1 : s0;
                double xr = re[i];
                double xi = im[i];
                re[i] = c * xr - s * xi;
                im[i] = c * xi + s * xr;
            }
            return;
        }
        boolean skip0 = c0 == 1 && s0 == 0;
        for (int base = 0; base < dim; base += stride << 1) {
            int end = base + stride;
            if (!skip0) {
                for (int i = base; i < end; i++) {
                    double xr = re[i];
                    double xi = im[i];
                    re[i] = c0 * xr - s0 * xi;
                    im[i] = c0 * xi + s0 * xr;
                }
            }
            for (int i = end; i < end + stride; i++) {
                double xr = re[i];
                double xi = im[i];
                re[i] = c1 * xr - s1 * xi;
                im[i] = c1 * xi + s1 * xr;
            }
        }
    }

    /** Multiplies the amplitudes with both bits a and b set by e^{iλ} (controlled phase). */
    static void phaseOnBoth(double[] re, double[] im, int a, int b, double c, double s) {
        int quarter = re.length >> 2;
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        int both = (1 << a) | (1 << b);
        for (int k = 0; k < quarter; k++) {
            int i = insertZero(insertZero(k, lo), hi) | both;
            double xr = re[i];
            double xi = im[i];
            re[i] = c * xr - s * xi;
            im[i] = c * xi + s * xr;
        }
    }

    /** exp(−iφ/2 · Z_a Z_b): phase e^{−iφ/2} when the bits agree, e^{+iφ/2} when they differ. */
    static void zz(double[] re, double[] im, int a, int b, double c, double s) {
        int dim = re.length;
        for (int i = 0; i < dim; i++) {
            double sign = (((i >> a) ^ (i >> b)) & 1) == 0 ? -1 : 1;
            double xr = re[i];
            double xi = im[i];
            double ss = sign * s;
            re[i] = c * xr - ss * xi;
            im[i] = c * xi + ss * xr;
        }
    }

    /**
     * exp(−iφ/2 · P_a P_b) for P = X (yy = false) or Y (yy = true): ψ_i ← c ψ_i − i s σ_i ψ_{i⊕m}, with σ = 1 for XX and
     * σ = −1 (bits equal) or +1 (bits differ) for YY.
     */
    static void xxOrYy(double[] re, double[] im, int a, int b, double c, double s, boolean yy) {
        int dim = re.length;
        int mask = (1 << a) | (1 << b);
        int low = Math.min(a, b);
        for (int i = 0; i < dim; i++) {
            if ((i & (1 << low)) != 0) {
                continue;
            }
            int j = i ^ mask;
            double sigma = yy ? ((((i >> a) ^ (i >> b)) & 1) == 0 ? -1 : 1) : 1;
            double ss = s * sigma;
            double xr = re[i];
            double xi = im[i];
            double yr = re[j];
            double yi = im[j];
            // new_i = c x − i ss y ; new_j = c y − i ss x   (σ is the same for i and j: both bits flip)
            re[i] = c * xr + ss * yi;
            im[i] = c * xi - ss * yr;
            re[j] = c * yr + ss * xi;
            im[j] = c * yi - ss * xr;
        }
    }

    /** Bit flip on qubit q (X). */
    static void flip(double[] re, double[] im, int q) {
        int dim = re.length;
        int stride = 1 << q;
        for (int base = 0; base < dim; base += stride << 1) {
            int end = base + stride;
            for (int i = base; i < end; i++) {
                int j = i + stride;
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
    }

    /** CNOT: swaps the amplitude pairs with the control bit set, enumerated by inserting the two fixed bits. */
    static void cnot(double[] re, double[] im, int control, int target) {
        int quarter = re.length >> 2;
        int lo = Math.min(control, target);
        int hi = Math.max(control, target);
        int cbit = 1 << control;
        int tbit = 1 << target;
        for (int k = 0; k < quarter; k++) {
            int i = insertZero(insertZero(k, lo), hi) | cbit;
            int j = i | tbit;
            double t = re[i];
            re[i] = re[j];
            re[j] = t;
            t = im[i];
            im[i] = im[j];
            im[j] = t;
        }
    }

    /** k with a zero bit inserted at position b. */
    static int insertZero(int k, int b) {
        int low = k & ((1 << b) - 1);
        return ((k >> b) << (b + 1)) | low;
    }

    /** SWAP. */
    static void swap(double[] re, double[] im, int a, int b) {
        int quarter = re.length >> 2;
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        int abit = 1 << a;
        int bbit = 1 << b;
        for (int k = 0; k < quarter; k++) {
            int base = insertZero(insertZero(k, lo), hi);
            int i = base | abit;
            int j = base | bbit;
            double t = re[i];
            re[i] = re[j];
            re[j] = t;
            t = im[i];
            im[i] = im[j];
            im[j] = t;
        }
    }

    /** Flips the sign of amplitudes with both bits set (CZ). */
    static void cz(double[] re, double[] im, int a, int b) {
        int quarter = re.length >> 2;
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        int both = (1 << a) | (1 << b);
        for (int k = 0; k < quarter; k++) {
            int i = insertZero(insertZero(k, lo), hi) | both;
            re[i] = -re[i];
            im[i] = -im[i];
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
