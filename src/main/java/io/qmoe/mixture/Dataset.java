package io.qmoe.mixture;

import java.util.List;

/**
 * M labelled points (x_a, y_a) with k features each, the data the mixture is trained on. Features are stored flat and
 * row-major ({@code features[a*k + j]}). Immutable: accessors return copies or single values.
 */
public final class Dataset {
    private final String name;
    private final List<String> featureNames;
    private final double[] features;
    private final double[] targets;

    /**
     * Creates a dataset, checking sizes and that every value is finite.
     *
     * @param features flat row-major, length M·k
     */
    public Dataset(String name, List<String> featureNames, double[] features, double[] targets) {
        int k = featureNames.size();
        if (targets.length == 0) {
            throw new IllegalArgumentException("dataset '" + name + "' has no data points");
        }
        if (features.length != (long) targets.length * k) {
            throw new IllegalArgumentException("dataset '" + name + "': " + features.length + " feature values for "
                    + targets.length + " points with " + k + " feature(s)");
        }
        for (int i = 0; i < features.length; i++) {
            if (!Double.isFinite(features[i])) {
                throw new IllegalArgumentException("dataset '" + name + "': feature " + featureNames.get(i % k)
                        + " of point " + (i / k + 1) + " is not finite");
            }
        }
        for (int a = 0; a < targets.length; a++) {
            if (!Double.isFinite(targets[a])) {
                throw new IllegalArgumentException("dataset '" + name + "': target of point " + (a + 1)
                        + " is not finite");
            }
        }
        this.name = name;
        this.featureNames = List.copyOf(featureNames);
        this.features = features.clone();
        this.targets = targets.clone();
    }

    /** A name for messages and run files (file name or task name). */
    public String name() {
        return name;
    }

    /** Number M of points. */
    public int size() {
        return targets.length;
    }

    /** Number k of features per point. */
    public int featureCount() {
        return featureNames.size();
    }

    /** Feature names (CSV header or x0, x1, …). */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Feature j of point a. */
    public double feature(int a, int j) {
        return features[a * featureNames.size() + j];
    }

    /** A copy of the features of point a. */
    public double[] features(int a) {
        int k = featureNames.size();
        double[] x = new double[k];
        System.arraycopy(features, a * k, x, 0, k);
        return x;
    }

    /** The features, flat row-major (M·k), without a copy: callers in this package must not modify them. */
    double[] featureArray() {
        return features;
    }

    /** Target y_a. */
    public double target(int a) {
        return targets[a];
    }

    /** A copy of all targets. */
    public double[] targets() {
        return targets.clone();
    }
}
