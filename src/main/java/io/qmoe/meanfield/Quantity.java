package io.qmoe.meanfield;

/**
 * A number the analysis measures for every (N, seed) sample at every snapshot time, with where it comes from and what
 * it should do in N. Quantities that need the reference are NaN in the lazy scaling; those that compare whole clouds
 * are measured only at the transport times and are NaN at the other snapshots — except the kernel distances
 * (the MMDs), which are measured at every snapshot when the kernel has short Fourier sums (d ≤ 3 at κ = 1, see
 * {@link io.qmoe.stats.TorusMmd}).
 */
public enum Quantity {
    /** D_N(t) = sqrt((1/N) Σ_i |θ_i(t) − θ̄_i(t)|²): the mixture against its twins driven by the reference. */
    COUPLING("coupling", true, false),
    /** G_N(t) = sqrt((1/M) Σ_a (f_N(x_a, t) − F_ref(x_a, t))²). */
    PREDICTION_GAP("prediction_gap", true, false),
    /** W₂(μ_N(t), μ_ref(t)) against the whole reference population (exact transport). */
    WASSERSTEIN("wasserstein", true, true),
    /** W₂(μ̄_N(t), μ_ref(t)): the twins are i.i.d. samples of μ_t, so this is the sampling part of W₂. */
    TWIN_WASSERSTEIN("twin_wasserstein", true, true),
    /** W₂(μ_N(t), μ̄_N(t)): at most D_N, and at least |W₂(μ_N, ref) − W₂(μ̄_N, ref)| (triangle inequality). */
    MIXTURE_TWIN_WASSERSTEIN("mixture_twin_wasserstein", true, true),
    /** MMD(μ_N(t), μ_ref(t)) with the von Mises product kernel: converges like N^-1/2 in every dimension. */
    KERNEL_DISTANCE("mmd", true, true),
    /** MMD(μ̄_N(t), μ_ref(t)): the sampling part of the kernel distance (the twins are i.i.d. samples of μ_t). */
    TWIN_KERNEL_DISTANCE("twin_mmd", true, true),
    /** MMD(μ_N(t), μ_N(0)): how far the cloud has moved, visible in any dimension. */
    KERNEL_MOTION("mmd_motion", false, true),
    /** MMD(μ_N(t), uniform) in closed form: at t = 0 the sampling floor of N uniform draws, later the departure. */
    KERNEL_TO_UNIFORM("mmd_uniform", false, true),
    /**
     * ‖K_t − K_0‖_F / ‖K_0‖_F for the mixture's own tangent kernel K_t(x_a, x_b) = (1/N) Σ_i ∇f(θ_i, x_a)·∇f(θ_i, x_b):
     * O(1) in the mean-field scaling (features are learned), shrinking like N^-1/2 in the lazy one (the kernel freezes).
     */
    KERNEL_DRIFT("ntk_drift", false, true),
    /** sqrt((1/N) Σ_i |θ_i(t) − θ_i(0)|²): how far the angles moved. */
    DISPLACEMENT("displacement", false, false),
    /** The mixture's loss L = (1/(2M)) Σ_a r_a². */
    LOSS("loss", false, false);

    private final String key;
    private final boolean needsReference;
    private final boolean comparesClouds;

    Quantity(String key, boolean needsReference, boolean comparesClouds) {
        this.key = key;
        this.needsReference = needsReference;
        this.comparesClouds = comparesClouds;
    }

    /** The name in files ({@code distances.csv} columns, {@code summary.json} keys). */
    public String key() {
        return key;
    }

    /** Whether it needs the reference solution (so is absent in the lazy scaling). */
    public boolean needsReference() {
        return needsReference;
    }

    /**
     * Whether it compares whole clouds: measured only at the transport times (the MMDs at every snapshot when the
     * kernel's Fourier sums are short).
     */
    public boolean comparesClouds() {
        return comparesClouds;
    }

    /** The quantity whose {@link #key()} is {@code key}. */
    public static Quantity ofKey(String key) {
        for (Quantity q : values()) {
            if (q.key.equals(key)) {
                return q;
            }
        }
        throw new IllegalArgumentException("no quantity named '" + key + "'");
    }
}
