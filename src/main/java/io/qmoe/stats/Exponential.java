package io.qmoe.stats;

/**
 * e^x in plain IEEE arithmetic (additions, multiplications, {@link Math#rint} and {@link Math#scalb}, all exactly
 * specified), so it gives the same bits on every CPU and JVM, like {@link StrictMath#exp}, but without its cost in the
 * kernel-distance loops, where it is called once per pair of points. Method: x = k·ln 2 + r with k = rint(x / ln 2)
 * and r computed with a two-part ln 2 (Cody–Waite; k·LN2_HI is exact for |k| ≤ 2^11), |r| ≤ ln 2 / 2; e^r by its
 * Taylor polynomial to degree 13 (truncation below 5·10⁻¹⁸ relative), evaluated by Horner; the result p·2^k. Within
 * 2 ulp of {@link StrictMath#exp} for |x| ≤ 700 (tested on 10⁶ arguments); outside, and for NaN, it returns
 * {@link StrictMath#exp}.
 */
final class Exponential {
    private static final double LN2_HI = Double.longBitsToDouble(0x3fe62e42fee00000L);
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double LIMIT = 700;
    private static final double[] TAYLOR = new double[14];

    static {
        double f = 1;
        for (int n = 0; n < TAYLOR.length; n++) {
            if (n > 0) {
                f *= n;
            }
            TAYLOR[n] = 1 / f;
        }
    }

    private Exponential() {
    }

    /** e^x, the same bits everywhere. */
    static double exp(double x) {
        if (!(Math.abs(x) <= LIMIT)) {
            return StrictMath.exp(x);
        }
        double k = Math.rint(x * INV_LN2);
        double r = (x - k * LN2_HI) - k * LN2_LO;
        double p = TAYLOR[13];
        for (int n = 12; n >= 0; n--) {
            p = p * r + TAYLOR[n];
        }
        return Math.scalb(p, (int) k);
    }
}
