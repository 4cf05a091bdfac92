package io.qmoe.meanfield;

import io.qmoe.transport.TorusTransport;
import io.qmoe.transport.TransportResult;
import java.util.Arrays;

/**
 * Exact Wasserstein distances between uniform empirical measures on the flat torus, with the periodic distance per
 * coordinate: W_p = (min over couplings of the mean |θ − θ'|^p)^{1/p}, p ∈ {1, 2}, for any sizes n_a and n_b (weights
 * 1/n_a and 1/n_b). Solved exactly as a transportation problem by {@link TorusTransport} (sparse successive shortest
 * paths certified optimal over all pairs); memory is O((n_a + n_b)·k), and only a problem whose estimate exceeds the
 * heap is refused. For d = 1 the distance to the uniform measure has a closed form.
 */
public final class Wasserstein {
    private Wasserstein() {
    }

    /** W_2 between the uniform measures on the two clouds. */
    public static double w2(TorusPoints a, TorusPoints b) {
        return distance(a, b, 2);
    }

    /** W_1 between the uniform measures on the two clouds. */
    public static double w1(TorusPoints a, TorusPoints b) {
        return distance(a, b, 1);
    }

    /** W_p between the uniform measures on the two clouds, p = 1 or 2. */
    public static double distance(TorusPoints a, TorusPoints b, int p) {
        return transport(a, b, p).value();
    }

    /**
     * The optimal transport behind {@link #distance}: W_p, the plan, the potentials and the optimality certificate
     * (largest dual violation over all pairs, primal and dual objectives).
     *
     * @throws IllegalArgumentException when p ∉ {1, 2}, the dimensions differ, or the problem cannot fit in the heap
     */
    public static TransportResult transport(TorusPoints a, TorusPoints b, int p) {
        checkArguments(a, b, p);
        return TorusTransport.solve(a.raw(), b.raw(), a.dimension(), p);
    }

    /**
     * {@link #transport} for clouds of the same sizes as those of {@code previous} whose points have moved a little:
     * the same exact, certified result, found from the previous potentials and plan.
     */
    public static TransportResult transport(TorusPoints a, TorusPoints b, int p, TransportResult previous) {
        checkArguments(a, b, p);
        return TorusTransport.warmStart(a.raw(), b.raw(), a.dimension(), p, previous);
    }

    private static void checkArguments(TorusPoints a, TorusPoints b, int p) {
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("p must be 1 or 2, got " + p);
        }
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException("clouds of dimension " + a.dimension() + " and " + b.dimension());
        }
    }

    /**
     * Exact W_2 between N angles on the circle (d = 1) and the uniform measure on it: with the circle scaled to unit
     * length and sorted points x_k, W_2² = inf_α ∫₀¹ |F⁻¹(t) − t − α|² dt, the variance of g(t) = F⁻¹(t) − t
     * (optimal transport on the circle, Delon–Salomon–Sobolevskii), then scaled by 2π.
     */
    public static double w2ToUniformCircle(double[] angles) {
        int n = angles.length;
        if (n == 0) {
            throw new IllegalArgumentException("no angles");
        }
        double[] x = TorusPoints.of(1, angles).raw().clone();
        for (int i = 0; i < n; i++) {
            x[i] /= 2 * Math.PI;
        }
        Arrays.sort(x);
        double mean = 0;
        double second = 0;
        for (int k = 1; k <= n; k++) {
            double lo = (k - 1) / (double) n;
            double hi = k / (double) n;
            double xk = x[k - 1];
            mean += xk / n - (hi * hi - lo * lo) / 2;
            double a = hi - xk;
            double b = lo - xk;
            second += (a * a * a - b * b * b) / 3;
        }
        double var = Math.max(0, second - mean * mean);
        return 2 * Math.PI * Math.sqrt(var);
    }
}
