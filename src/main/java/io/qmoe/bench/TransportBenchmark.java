package io.qmoe.bench;

import io.qmoe.transport.TorusTransport;
import io.qmoe.transport.TransportResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The exact-transport measurements: {@link TorusTransport} on N = 10⁴ and 10⁵ points of T² and T⁴, for uniform
 * clouds and for "trained" clouds (two independent samples concentrated near a closed curve, as the angles of a
 * trained mixture are), W_2 between two clouds of N points each. Per row: the cold solve, the warm solve after every
 * point of the first cloud moved by a small smooth step (and, for N ≤ 10⁴, whether it gives the cold value of the moved
 * clouds to 1e-13), the
 * memory estimate, the certificate (largest dual violation over all N² pairs, primal − dual) and, where
 * {@code python3} has scipy and N ≤ 10⁴, {@code scipy.optimize.linear_sum_assignment} on the same clouds (read from a
 * temporary file, dense torus cost built in numpy, only the assignment call timed), with the relative difference of
 * W_2². Wired into {@code qmoe bench --section transport} by the command line.
 */
public final class TransportBenchmark {
    private static final double STEP = 0.01;
    private static final int SCIPY_MAX = 10_000;
    private static final String SCIPY_SCRIPT = String.join("\n",
            "import sys, time, numpy as np",
            "from scipy.optimize import linear_sum_assignment",
            "d = int(sys.argv[3])",
            "a = np.fromfile(sys.argv[1], dtype='<f8').reshape(-1, d)",
            "b = np.fromfile(sys.argv[2], dtype='<f8').reshape(-1, d)",
            "c = np.zeros((a.shape[0], b.shape[0]))",
            "for k in range(d):",
            "    t = np.abs(a[:, k][:, None] - b[:, k][None, :]) % (2 * np.pi)",
            "    t = np.minimum(t, 2 * np.pi - t)",
            "    c += t * t",
            "t0 = time.perf_counter()",
            "r, s = linear_sum_assignment(c)",
            "t1 = time.perf_counter()",
            "print(repr(t1 - t0), repr(float(np.sum(c[r, s])) / a.shape[0]))",
            "");

    private TransportBenchmark() {
    }

    /** Runs the full table (N = 10⁴ and 10⁵); see {@link #rows(int[])}. */
    public static List<String> rows() {
        return rows(new int[] {10_000, 100_000});
    }

    /**
     * Runs every size of {@code sizes} on T² and T⁴ for uniform and trained clouds and returns the Markdown table, one
     * string per line (header first). Starts with a small solve so the JIT has compiled the hot loops.
     */
    public static List<String> rows(int[] sizes) {
        List<String> out = new ArrayList<>();
        rows(sizes, out::add);
        return out;
    }

    /** Prints the table for the sizes given as arguments (default 10⁴ and 10⁵), each row as soon as it is measured. */
    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {10_000, 100_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        rows(sizes, line -> {
            System.out.println(line);
            System.out.flush();
        });
    }

    /** Runs every size of {@code sizes} and hands each line of the table to {@code out} as soon as it is measured. */
    public static void rows(int[] sizes, java.util.function.Consumer<String> out) {
        TorusTransport.solve(uniform(2000, 2, 7), uniform(2000, 2, 8), 2, 2);
        boolean scipy = scipyAvailable();
        out.accept("| clouds | d | N | W_2 | cold s | warm s | warm/cold | warm = cold | rounds | arcs | memory MB "
                + "| max dual violation | primal − dual | scipy s | ours/scipy | rel. diff W_2² |");
        out.accept("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: "
                + "| ---: | ---: |");
        for (int n : sizes) {
            for (int d : new int[] {2, 4}) {
                for (boolean trained : new boolean[] {false, true}) {
                    double[] a = trained ? nearCurve(n, d, 1) : uniform(n, d, 1);
                    double[] b = trained ? nearCurve(n, d, 2) : uniform(n, d, 2);
                    out.accept(row(trained ? "trained" : "uniform", a, b, n, d, scipy && n <= SCIPY_MAX));
                }
            }
        }
    }

    private static String row(String kind, double[] a, double[] b, int n, int d, boolean scipy) {
        long t0 = System.nanoTime();
        TransportResult first = TorusTransport.solve(a, b, d, 2);
        double cold = (System.nanoTime() - t0) / 1e9;
        double[] moved = a.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += STEP * Math.sin(3 * a[i] + i % d);
        }
        long t1 = System.nanoTime();
        TransportResult warm = TorusTransport.warmStart(moved, b, d, 2, first);
        double warmTime = (System.nanoTime() - t1) / 1e9;
        String same = "–";
        if (n <= SCIPY_MAX) {
            TransportResult coldMoved = TorusTransport.solve(moved, b, d, 2);
            same = Math.abs(coldMoved.primal() - warm.primal()) <= 1e-13 * coldMoved.primal() ? "yes" : "NO";
        }
        long bytes = TorusTransport.estimatedBytes(n, n, first.candidateArcs());
        String scipyCells = "| – | – | – |";
        if (scipy) {
            double[] s = runScipy(a, b, d);
            if (s != null) {
                scipyCells = String.format(Locale.ROOT, "| %.2f | %.3f | %.1e |", s[0], cold / s[0],
                        Math.abs(first.primal() - s[1]) / s[1]);
            }
        }
        return String.format(Locale.ROOT, "| %s | %d | %d | %.6f | %.2f | %.2f | %.2f | %s | %d | %d | %.0f | %.1e "
                        + "| %.1e %s", kind, d, n, first.value(), cold, warmTime, warmTime / cold, same,
                first.rounds(), first.candidateArcs(), bytes / 1e6, first.maxViolation(), first.gap(), scipyCells);
    }

    /** Seconds of linear_sum_assignment and its mean cost, or null when the run fails. */
    private static double[] runScipy(double[] a, double[] b, int d) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("qmoe-transport");
            Path fa = dir.resolve("a.bin");
            Path fb = dir.resolve("b.bin");
            Path script = dir.resolve("lsa.py");
            Files.write(fa, littleEndian(a));
            Files.write(fb, littleEndian(b));
            Files.writeString(script, SCIPY_SCRIPT);
            Process proc = new ProcessBuilder("python3", script.toString(), fa.toString(), fb.toString(),
                    Integer.toString(d)).redirectErrorStream(true).start();
            String text;
            try (InputStream in = proc.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!proc.waitFor(30, TimeUnit.MINUTES) || proc.exitValue() != 0) {
                return null;
            }
            String[] parts = text.split("\\s+");
            return new double[] {Double.parseDouble(parts[parts.length - 2]),
                Double.parseDouble(parts[parts.length - 1])};
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            deleteQuietly(dir);
        }
    }

    private static boolean scipyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import scipy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static byte[] littleEndian(double[] x) {
        ByteBuffer buf = ByteBuffer.allocate(8 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : x) {
            buf.putDouble(v);
        }
        return buf.array();
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static double[] uniform(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble() * 2 * Math.PI;
        }
        return x;
    }

    /**
     * Points near the closed curve s ↦ (s, 2 + 1.5 sin s, 1 + cos 2s, 3 + 0.5 sin 3s) (first d coordinates), s uniform,
     * with Gaussian noise of standard deviation 0.05 per coordinate.
     */
    private static double[] nearCurve(int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            double s = rnd.nextDouble() * 2 * Math.PI;
            double[] c = {s, 2 + 1.5 * Math.sin(s), 1 + Math.cos(2 * s), 3 + 0.5 * Math.sin(3 * s)};
            for (int k = 0; k < d; k++) {
                x[i * d + k] = c[k] + 0.05 * gaussian(rnd);
            }
        }
        return x;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
