package io.qmoe.mixture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Built-in regression tasks, named on the command line as {@code NAME} or {@code NAME:POINTS}.
 * <ul>
 *   <li>{@code teacher}: features i.i.d. uniform on [−π, π)^k and targets from a seeded random <em>teacher</em> of
 *   {@link #TEACHER_SIZE} expert(s) on the same circuit, so an exact fit exists (any N that is a multiple of the teacher
 *   size, and the mean-field limit). With one teacher expert the targets are of order one and the mixture has to learn
 *   features: the angle measure concentrates on the set of angles that reproduce the teacher.</li>
 *   <li>{@code sine}: one feature on an equally spaced grid of [−π, π), target 0.8·sin(x) (needs a circuit with one
 *   data feature; a circuit that cannot represent sin x plateaus at its best approximation).</li>
 * </ul>
 */
public final class Tasks {
    /** Number of experts in the teacher mixture of the {@code teacher} task. */
    public static final int TEACHER_SIZE = 1;
    /** Default number of data points. */
    public static final int DEFAULT_POINTS = 20;

    private Tasks() {
    }

    /** The names of the built-in tasks. */
    public static List<String> names() {
        return List.of("teacher", "sine");
    }

    /** Builds the task named by {@code spec} ({@code NAME[:POINTS]}) for the given expert, seeded by {@code seed}. */
    public static Dataset named(String spec, Expert expert, long seed) {
        String[] parts = spec.split(":", -1);
        String name = parts[0].toLowerCase(Locale.ROOT);
        int points = DEFAULT_POINTS;
        if (parts.length > 2) {
            throw new io.qmoe.InvalidSettingException("task", "'" + spec + "': expected NAME or NAME:POINTS");
        }
        if (parts.length == 2) {
            try {
                points = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new io.qmoe.InvalidSettingException("task", "'" + spec + "': '" + parts[1]
                        + "' is not a whole number of points");
            }
            if (points < 1) {
                throw new io.qmoe.InvalidSettingException("task", "'" + spec + "': the number of points must be at least 1");
            }
        }
        switch (name) {
            case "teacher":
                return teacher(expert, points, seed);
            case "sine":
                if (expert.featureCount() != 1) {
                    throw new io.qmoe.InvalidSettingException("task", "sine needs a circuit with exactly one data feature, but this "
                            + "one has " + expert.featureCount() + " " + expert.circuit().dataNames());
                }
                return sine(points);
            default:
                throw new io.qmoe.InvalidSettingException("task", "unknown task '" + parts[0] + "': use one of " + names()
                        + " or a data file");
        }
    }

    /** The teacher task: targets from a seeded random mixture of {@link #TEACHER_SIZE} copies of the expert. */
    public static Dataset teacher(Expert expert, int points, long seed) {
        int d = expert.dimension();
        int k = expert.featureCount();
        SplittableRandom random = new SplittableRandom(seed ^ 0x7EAC4E77L);
        double[] features = new double[points * k];
        for (int i = 0; i < features.length; i++) {
            features[i] = (random.nextDouble() * 2 - 1) * Math.PI;
        }
        double[] teacher = new double[TEACHER_SIZE * d];
        for (int i = 0; i < teacher.length; i++) {
            teacher[i] = random.nextDouble() * 2 * Math.PI;
        }
        double[] thetas = new double[TEACHER_SIZE * points * d];
        double[] xs = new double[TEACHER_SIZE * points * k];
        for (int j = 0; j < TEACHER_SIZE; j++) {
            for (int a = 0; a < points; a++) {
                int row = j * points + a;
                System.arraycopy(teacher, j * d, thetas, row * d, d);
                System.arraycopy(features, a * k, xs, row * k, k);
            }
        }
        double[] values = expert.values(thetas, xs);
        double[] targets = new double[points];
        for (int j = 0; j < TEACHER_SIZE; j++) {
            for (int a = 0; a < points; a++) {
                targets[a] += values[j * points + a] / TEACHER_SIZE;
            }
        }
        return new Dataset("teacher", featureNames(k), features, targets);
    }

    /** The sine task: x on an equally spaced grid of [−π, π), y = 0.8·sin(x). */
    public static Dataset sine(int points) {
        double[] x = new double[points];
        double[] y = new double[points];
        for (int a = 0; a < points; a++) {
            x[a] = -Math.PI + 2 * Math.PI * a / points;
            y[a] = 0.8 * StrictMath.sin(x[a]);
        }
        return new Dataset("sine", featureNames(1), x, y);
    }

    private static List<String> featureNames(int k) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            names.add("x" + j);
        }
        return names;
    }
}
