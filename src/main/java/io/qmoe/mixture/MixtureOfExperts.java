package io.qmoe.mixture;

import io.qmoe.backend.ValuesAndGradients;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A mixture of N identical experts f_N(x) = (1/N) Σ_i f(θ_i, x), the model of Melchor Hernandez, Pastorello and
 * De Palma (arXiv:2501.14660), trained by gradient flow on the squared loss L = (1/(2M)) Σ_a (f_N(x_a) − y_a)².
 *
 * <p><b>Time scale.</b> The flow is on the mean-field time scale dθ_i/dt = −N ∇_{θ_i} L = −(1/M) Σ_a r_a ∇_θ f(θ_i, x_a)
 * with r_a = f_N(x_a) − y_a, so that the velocity of one particle stays O(1) as N grows and the empirical measure of
 * the angles follows the mean-field continuity equation.
 *
 * <p>{@link OutputScaling#LAZY} replaces 1/N by 1/√N in the output and scales the velocity to match, for the
 * contrast with the lazy (kernel) regime.
 *
 * <p>The angles of all experts are one flat array {@code angles[i*d + k]} on the torus [0, 2π)^d; they are not wrapped
 * during integration (the dynamics are 2π-periodic) and are wrapped only for output. This class holds no state besides
 * its configuration: angle arrays are passed in, so integrators and analyses can evaluate many states.
 */
public final class MixtureOfExperts {
    /** Default upper bound on the bindings sent to the backend in one call. */
    public static final int DEFAULT_MAX_BATCH = 1 << 16;
    /**
     * Experts per summation block of the predictions f_N(x_a): each block is summed in expert order, the block sums in
     * block order, so the bits depend on neither threads nor batch size (a distributed port sums the same way).
     */
    public static final int SUM_BLOCK = 1024;

    private final Expert expert;
    private final int size;
    private final int maxBatch;
    private final OutputScaling scaling;

    /**
     * A mixture of {@code size} copies of {@code expert}, batching as many bindings per backend call as the backend
     * prefers ({@link io.qmoe.backend.Estimator#preferredBatchSize()}: a whole step for a remote one).
     */
    public MixtureOfExperts(Expert expert, int size) {
        this(expert, size, expert.estimator().preferredBatchSize());
    }

    /**
     * A mixture whose backend calls carry at most {@code maxBatch} bindings (use {@link Integer#MAX_VALUE} for remote
     * backends, so one training-step evaluation is one job).
     */
    public MixtureOfExperts(Expert expert, int size, int maxBatch) {
        this(expert, size, maxBatch, OutputScaling.MEAN_FIELD);
    }

    /** A mixture with the given output scaling (see {@link OutputScaling}; the default is the mean-field one). */
    public MixtureOfExperts(Expert expert, int size, int maxBatch, OutputScaling scaling) {
        if (size < 1) {
            throw new IllegalArgumentException("the number of experts must be at least 1, got " + size);
        }
        if (expert.dimension() == 0) {
            throw new IllegalArgumentException("the expert's circuit has no trainable angles: a mixture of it has "
                    + "nothing to train");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maximum batch must be at least 1, got " + maxBatch);
        }
        this.expert = expert;
        this.size = size;
        this.maxBatch = maxBatch;
        this.scaling = scaling;
    }

    /** The output scaling. */
    public OutputScaling scaling() {
        return scaling;
    }

    /** The shared expert. */
    public Expert expert() {
        return expert;
    }

    /** Number N of experts. */
    public int size() {
        return size;
    }

    /** Dimension d of each expert's angle vector. */
    public int dimension() {
        return expert.dimension();
    }

    /**
     * N·d angles drawn i.i.d. uniform on [0, 2π) from a {@link SplittableRandom} seeded with {@code seed}, expert by
     * expert and angle by angle.
     */
    public double[] initialAngles(long seed) {
        return uniformAngles(size, dimension(), seed);
    }

    /** {@code n·d} i.i.d. uniform angles on [0, 2π) in a fixed order from a seeded generator. */
    public static double[] uniformAngles(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] angles = new double[arrayLength("N·d angles", n, d, 1)];
        for (int i = 0; i < angles.length; i++) {
            angles[i] = random.nextDouble() * 2 * Math.PI;
        }
        return angles;
    }

    /**
     * The mixture's output f_N(x) = scale · Σ_i f(θ_i, x) at new inputs, for angles {@code angles} (flat N·d, as
     * trained) and P input vectors {@code xs} (flat P·k).
     *
     * @return one prediction per input vector
     * @throws IllegalArgumentException for arrays of the wrong length or non-finite values
     */
    public double[] predict(double[] angles, double[] xs) {
        int d = dimension();
        int k = expert.featureCount();
        if (angles.length != (long) size * d) {
            throw new IllegalArgumentException("expected " + size + " x " + d + " angles, got " + angles.length);
        }
        if (k == 0 ? xs.length != 0 : xs.length % k != 0) {
            throw new IllegalArgumentException("input array of length " + xs.length + " is not a whole number of "
                    + k + "-feature vectors");
        }
        int p = k == 0 ? 1 : xs.length / k;
        double[] sums = expertSums(angles, xs, p);
        for (int a = 0; a < p; a++) {
            sums[a] = scaling.output(sums[a], size);
        }
        return sums;
    }

    /**
     * The unscaled sums S_a = Σ_i f(θ_i, x_a) at the data points, in the blocked order of {@link #SUM_BLOCK} (what
     * {@link #evaluate} scales into f_N). For a mixture of at most {@code SUM_BLOCK} experts this is one block's sum,
     * so a partitioned population that adds such block sums in block order, from 0, gets these very bits.
     *
     * @param angles flat N·d angles. Not modified.
     */
    public double[] dataSums(double[] angles, Dataset data) {
        checkSizes(angles, data);
        return expertSums(angles, data.featureArray(), data.size());
    }

    /** Predictions, residuals and loss at the given angles (no gradients). */
    public FlowEvaluation evaluate(double[] angles, Dataset data) {
        return evaluate(angles, data, false);
    }

    /** Predictions, residuals, loss and the velocity of every particle, in as few backend calls as the batch allows. */
    public FlowEvaluation evaluateWithVelocity(double[] angles, Dataset data) {
        return evaluate(angles, data, true);
    }

    /**
     * Two passes, neither holding an N·M array: the values give the predictions f_N(x_a) (summed in the blocked order
     * of {@link #SUM_BLOCK}) and so the residuals r_a; then the gradients are reduced at once into the velocities
     * v_i = −(1/M) Σ_a r_a ∇_θ f(θ_i, x_a) ({@link #residualVelocities}).
     */
    private FlowEvaluation evaluate(double[] angles, Dataset data, boolean withVelocity) {
        checkSizes(angles, data);
        int m = data.size();
        // a backend without the grid (remote: one job per evaluation) gets values and gradients in one pass
        ValuesAndGradients rows = withVelocity && !expert.gridGradientsAvailable()
                ? evaluateOnData(angles, data, true) : null;
        double[] predictions;
        if (rows == null) {
            predictions = expertSums(angles, data.featureArray(), m);
        } else {
            predictions = new double[m];
            double[] partial = new double[m];
            addBlocked(rows.values(), 0, size, 0, m, m, partial, predictions);
            for (int a = 0; a < m; a++) {
                predictions[a] += partial[a];
            }
        }
        FlowEvaluation values = fromSums(predictions, data, scaling, size);
        double[] residuals = values.residuals();
        double[] velocity = null;
        if (withVelocity) {
            velocity = rows == null ? residualVelocities(angles, data, residuals)
                    : velocities(rows.gradients(), residuals, dimension());
            double factor = scaling.velocityFactor(size);
            if (factor != 1.0) {
                for (int i = 0; i < velocity.length; i++) {
                    velocity[i] *= factor;
                }
            }
        }
        return new FlowEvaluation(values.predictions(), residuals, values.loss(), velocity);
    }

    /**
     * Predictions f_N(x_a) = scaling(S_a), residuals r_a = f_N(x_a) − y_a and loss L = (1/(2M)) Σ_a r_a² (summed in
     * ascending a) from the unscaled sums S_a of {@code size} experts, e.g. those of {@link #dataSums} or a partitioned
     * population's block sums added in block order; no velocities. {@code sums} is overwritten by the predictions.
     */
    public static FlowEvaluation fromSums(double[] sums, Dataset data, OutputScaling scaling, int size) {
        int m = data.size();
        double[] residuals = new double[m];
        double loss = 0;
        for (int a = 0; a < m; a++) {
            sums[a] = scaling.output(sums[a], size);
            residuals[a] = sums[a] - data.target(a);
            loss += residuals[a] * residuals[a];
        }
        loss /= 2.0 * m;
        return new FlowEvaluation(sums, residuals, loss, null);
    }

    /**
     * S_a = Σ_i f(θ_i, x_a) for the {@code p} feature vectors of {@code xs}, summed in a fixed order that depends on
     * neither the thread count nor the batch size: experts in blocks of {@link #SUM_BLOCK}, each block summed in
     * expert order from 0, then the block sums added in block order, S_a = (…((0 + s_0) + s_1) + …). Backend calls
     * carry at most {@code maxBatch} bindings (one expert × one point at least); the values of one call are held, no
     * more.
     */
    private double[] expertSums(double[] angles, double[] xs, int p) {
        int k = expert.featureCount();
        int pointChunk = Math.max(1, Math.min(p, maxBatch));
        int expertChunk = Math.max(1, Math.min(size, maxBatch / pointChunk));
        double[] sums = new double[p];
        double[] partial = new double[p];
        double[] values = new double[expertChunk * pointChunk];
        for (int from = 0; from < size; from += expertChunk) {
            int to = Math.min(size, from + expertChunk);
            for (int a0 = 0; a0 < p; a0 += pointChunk) {
                int a1 = Math.min(p, a0 + pointChunk);
                double[] chunkXs = a0 == 0 && a1 == p ? xs : Arrays.copyOfRange(xs, a0 * k, a1 * k);
                expert.gridValues(angles, from, to, chunkXs, a1 - a0, values, 0);
                addBlocked(values, from, to, a0, a1, a1 - a0, partial, sums);
            }
        }
        for (int a = 0; a < p; a++) {
            sums[a] += partial[a];
        }
        return sums;
    }

    /**
     * Adds the values of experts [from, to) × points [a0, a1) (laid out (i − from)·width + a − a0) to the running
     * block sums {@code partial}, moving each point's block sum into {@code sums} when a new block of
     * {@link #SUM_BLOCK} experts starts; the caller adds the last block. Experts must come in ascending order.
     */
    private static void addBlocked(double[] values, int from, int to, int a0, int a1, int width, double[] partial,
                                   double[] sums) {
        for (int i = from; i < to; i++) {
            boolean newBlock = i > 0 && i % SUM_BLOCK == 0;
            int row = (i - from) * width - a0;
            for (int a = a0; a < a1; a++) {
                if (newBlock) {
                    sums[a] += partial[a];
                    partial[a] = 0;
                }
                partial[a] += values[row + a];
            }
        }
    }

    /**
     * v_i = −(1/M) Σ_a r_a ∇_θ f(θ_i, x_a) for given residuals (the mixture's own, or those of a reference solution),
     * without holding the N·M·d gradients: they are reduced as they are computed, the products −r_a/M · ∇f added in
     * ascending a for each expert. Bit-identical to {@link #velocities} on {@link #evaluateOnData}'s gradients,
     * whatever the thread count or batch size (to rounding where the backend contracts the weights first,
     * {@link io.qmoe.backend.GridEvaluation#weightedGradients}; the bits still depend on neither).
     *
     * @param angles    flat N·d angles. Not modified.
     * @param data      the M data points. Not modified.
     * @param residuals r_a, one per data point. Not modified.
     * @return the N·d velocities (no output scaling applied)
     */
    public double[] residualVelocities(double[] angles, Dataset data, double[] residuals) {
        checkSizes(angles, data);
        int m = data.size();
        if (residuals.length != m) {
            throw new IllegalArgumentException("expected " + m + " residuals, got " + residuals.length);
        }
        int d = dimension();
        int k = expert.featureCount();
        double[] weights = new double[m];
        for (int a = 0; a < m; a++) {
            weights[a] = -residuals[a] / m;
        }
        double[] velocity = new double[size * d];
        double[] xs = data.featureArray();
        int pointChunk = Math.max(1, Math.min(m, maxBatch));
        int expertChunk = Math.max(1, Math.min(size, maxBatch / pointChunk));
        for (int from = 0; from < size; from += expertChunk) {
            int to = Math.min(size, from + expertChunk);
            for (int a0 = 0; a0 < m; a0 += pointChunk) {
                int a1 = Math.min(m, a0 + pointChunk);
                double[] chunkXs = a0 == 0 && a1 == m ? xs : Arrays.copyOfRange(xs, a0 * k, a1 * k);
                double[] chunkWeights = a0 == 0 && a1 == m ? weights : Arrays.copyOfRange(weights, a0, a1);
                expert.weightedGradients(angles, from, to, chunkXs, chunkWeights, velocity, from * d);
            }
        }
        return velocity;
    }

    /**
     * v_i = −(1/M) Σ_a r_a ∇_θ f(θ_i, x_a) from gradients laid out {@code [(i*M + a)*d + k]} (as
     * {@link #evaluateOnData} gives them); {@link #residualVelocities} computes the same without holding them.
     */
    public static double[] velocities(double[] gradients, double[] residuals, int d) {
        int m = residuals.length;
        int n = d == 0 ? 0 : gradients.length / (m * d);
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < m; a++) {
                double w = -residuals[a] / m;
                int base = (i * m + a) * d;
                for (int k = 0; k < d; k++) {
                    v[i * d + k] += w * gradients[base + k];
                }
            }
        }
        return v;
    }

    private void checkSizes(double[] angles, Dataset data) {
        if (angles.length != (long) size * dimension()) {
            throw new IllegalArgumentException("expected " + size + " x " + dimension() + " angles, got "
                    + angles.length);
        }
        if (data.featureCount() != expert.featureCount()) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has " + data.featureCount()
                    + " feature(s) but the circuit has " + expert.featureCount() + " data input(s) "
                    + expert.circuit().dataNames());
        }
    }

    /**
     * Values f(θ_i, x_a) of every expert at every data point, flat {@code [i*M + a]}, and (when asked) the gradients
     * flat {@code [(i*M + a)*d + k]}, in backend calls of at most the configured batch size.
     */
    public ValuesAndGradients evaluateOnData(double[] angles, Dataset data, boolean withGradients) {
        checkSizes(angles, data);
        int d = dimension();
        int m = data.size();
        int chunk = Math.max(1, maxBatch / m);
        int gradientLength = withGradients ? arrayLength("N·M·d gradient entries", size, m, d) : 0;
        double[] values = new double[arrayLength("N·M values", size, m, 1)];
        double[] gradients = new double[gradientLength];
        for (int from = 0; from < size; from += chunk) {
            int to = Math.min(size, from + chunk);
            ValuesAndGradients vg = expert.evaluateGrid(angles, from, to, data, withGradients);
            System.arraycopy(vg.values(), 0, values, from * m, (to - from) * m);
            if (withGradients) {
                System.arraycopy(vg.gradients(), 0, gradients, from * m * d, (to - from) * m * d);
            }
        }
        return new ValuesAndGradients(values, gradients, withGradients ? d : 0);
    }

    /**
     * Bytes that one velocity evaluation on {@code m} data points holds at once. With a backend that has
     * {@link io.qmoe.backend.GridEvaluation} (and differentiates its own circuits): the N·d velocities, the values of
     * one backend call (B = min(batch size, N·M)) and the residual-sized arrays, 8·(N·d + B + 3M), which grows with N·d
     * and not with N·M·d. Otherwise values and gradients come in one pass (one remote job per evaluation):
     * 8·N·M·(d + 1) + 8·N·d plus one call's binding rows, 8·B·(d + k + 1).
     */
    public long evaluationBytes(int m) {
        int d = dimension();
        int k = expert.featureCount();
        long batch = Math.min(maxBatch, (long) size * m);
        if (!expert.gridGradientsAvailable()) {
            // one pass: every value and gradient, plus the binding rows of one call
            return 8L * size * m * (d + 1) + 8L * size * d + 8L * batch * (d + k + 1);
        }
        return 8L * ((long) size * d + batch + 3L * m);
    }

    /** a·b·c as an array length, or a clear refusal when it exceeds what one Java array can hold. */
    private static int arrayLength(String what, int a, int b, int c) {
        long n = (long) a * b * c;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + " (" + a + (c == 1 ? " x " + b : " x " + b + " x " + c)
                    + " = " + n + ") exceed the largest Java array (2^31 - 8 entries); use fewer experts or data points");
        }
        return (int) n;
    }

    /** Wraps every angle into [0, 2π) (for output). */
    public static double[] wrap(double[] angles) {
        double[] out = new double[angles.length];
        double twoPi = 2 * Math.PI;
        for (int i = 0; i < angles.length; i++) {
            double w = angles[i] % twoPi;
            if (w < 0) {
                w += twoPi;
            }
            out[i] = w >= twoPi ? 0 : w;
        }
        return out;
    }
}
