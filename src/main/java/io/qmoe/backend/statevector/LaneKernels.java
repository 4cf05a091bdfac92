package io.qmoe.backend.statevector;

/**
 * The row operations of {@link LaneProgram} on lane-batched states: {@code re[i][l]}, {@code im[i][l]} is amplitude i
 * of lane l. Every inner loop runs over the lanes of one or two rows with per-lane cos/sin, which the JIT vectorises;
 * nothing is allocated. {@code sgn} = −1 applies the inverse of a parametric gate (the sine changes sign).
 */
final class LaneKernels {
    private LaneKernels() {
    }

    /** A fixed 2×2 matrix (ar, ai, br, bi, cr, ci, dr, di) on each pair of rows. */
    static void fixed(double[][] re, double[][] im, int[] a, int[] b, double[] m) {
        double ar = m[0];
        double ai = m[1];
        double br = m[2];
        double bi = m[3];
        double cr = m[4];
        double ci = m[5];
        double dr = m[6];
        double di = m[7];
        for (int p = 0; p < a.length; p++) {
            double[] xr = re[a[p]];
            double[] xi = im[a[p]];
            double[] yr = re[b[p]];
            double[] yi = im[b[p]];
            for (int l = 0; l < xr.length; l++) {
                double x0 = xr[l];
                double x1 = xi[l];
                double y0 = yr[l];
                double y1 = yi[l];
                xr[l] = ar * x0 - ai * x1 + br * y0 - bi * y1;
                xi[l] = ar * x1 + ai * x0 + br * y1 + bi * y0;
                yr[l] = cr * x0 - ci * x1 + dr * y0 - di * y1;
                yi[l] = cr * x1 + ci * x0 + dr * y1 + di * y0;
            }
        }
    }

    /** Exchanges each pair of rows (a permutation gate): only the row references move. */
    static void swapRows(double[][] re, double[][] im, int[] a, int[] b) {
        for (int p = 0; p < a.length; p++) {
            double[] t = re[a[p]];
            re[a[p]] = re[b[p]];
            re[b[p]] = t;
            t = im[a[p]];
            im[a[p]] = im[b[p]];
            im[b[p]] = t;
        }
    }

    /** Negates the rows. */
    static void negate(double[][] re, double[][] im, int[] rows) {
        for (int row : rows) {
            double[] xr = re[row];
            double[] xi = im[row];
            for (int l = 0; l < xr.length; l++) {
                xr[l] = -xr[l];
                xi[l] = -xi[l];
            }
        }
    }

    /** x ← c·x − i·σs·y, y ← c·y − i·σs·x on each pair (rx, crx, rxx, ryy). */
    static void rotX(double[][] re, double[][] im, int[] a, int[] b, double[] sigma, double[] cos, double[] sin,
                     double sgn) {
        for (int p = 0; p < a.length; p++) {
            double[] xr = re[a[p]];
            double[] xi = im[a[p]];
            double[] yr = re[b[p]];
            double[] yi = im[b[p]];
            double sg = sgn * sigma[p];
            for (int l = 0; l < xr.length; l++) {
                double c = cos[l];
                double s = sg * sin[l];
                double x0 = xr[l];
                double x1 = xi[l];
                double y0 = yr[l];
                double y1 = yi[l];
                xr[l] = c * x0 + s * y1;
                xi[l] = c * x1 - s * y0;
                yr[l] = c * y0 + s * x1;
                yi[l] = c * y1 - s * x0;
            }
        }
    }

    /** x ← c·x − s·y, y ← s·x + c·y on each pair (ry, cry). */
    static void rotY(double[][] re, double[][] im, int[] a, int[] b, double[] cos, double[] sin, double sgn) {
        for (int p = 0; p < a.length; p++) {
            double[] xr = re[a[p]];
            double[] xi = im[a[p]];
            double[] yr = re[b[p]];
            double[] yi = im[b[p]];
            for (int l = 0; l < xr.length; l++) {
                double c = cos[l];
                double s = sgn * sin[l];
                double x0 = xr[l];
                double x1 = xi[l];
                double y0 = yr[l];
                double y1 = yi[l];
                xr[l] = c * x0 - s * y0;
                xi[l] = c * x1 - s * y1;
                yr[l] = s * x0 + c * y0;
                yi[l] = s * x1 + c * y1;
            }
        }
    }

    /** Row i ← (c + i·σ_i·s)·row i (rz, p, cp, crz, rzz). */
    static void phase(double[][] re, double[][] im, int[] rows, double[] sigma, double[] cos, double[] sin,
                      double sgn) {
        for (int p = 0; p < rows.length; p++) {
            double[] xr = re[rows[p]];
            double[] xi = im[rows[p]];
            double sg = sgn * sigma[p];
            for (int l = 0; l < xr.length; l++) {
                double c = cos[l];
                double s = sg * sin[l];
                double x0 = xr[l];
                double x1 = xi[l];
                xr[l] = c * x0 - s * x1;
                xi[l] = c * x1 + s * x0;
            }
        }
    }

    /**
     * Per lane, the real or imaginary part of Σ_p sign_p · conj(A[u_p]) · B[v_p], into {@code out} (overwritten).
     */
    static void overlap(LaneProgram.RowOverlap o, double[][] are, double[][] aim, double[][] bre, double[][] bim,
                        double[] out) {
        java.util.Arrays.fill(out, 0);
        int[] u = o.u;
        int[] v = o.v;
        double[] sign = o.sign;
        for (int p = 0; p < u.length; p++) {
            double[] ar = are[u[p]];
            double[] ai = aim[u[p]];
            double[] br = bre[v[p]];
            double[] bi = bim[v[p]];
            double s = sign[p];
            if (o.imaginary) {
                for (int l = 0; l < out.length; l++) {
                    out[l] += s * (ar[l] * bi[l] - ai[l] * br[l]);
                }
            } else {
                for (int l = 0; l < out.length; l++) {
                    out[l] += s * (ar[l] * br[l] + ai[l] * bi[l]);
                }
            }
        }
    }

    /** λ[target[p]] += (fr[p] + i·fi[p]) · ψ[source[p]] for every p. */
    static void accumulate(double[][] lre, double[][] lim, double[][] pre, double[][] pim, int[] target, int[] source,
                           double[] fr, double[] fi) {
        for (int p = 0; p < target.length; p++) {
            double[] yr = lre[target[p]];
            double[] yi = lim[target[p]];
            double[] xr = pre[source[p]];
            double[] xi = pim[source[p]];
            double r = fr[p];
            double i = fi[p];
            for (int l = 0; l < yr.length; l++) {
                yr[l] += r * xr[l] - i * xi[l];
                yi[l] += r * xi[l] + i * xr[l];
            }
        }
    }
}
