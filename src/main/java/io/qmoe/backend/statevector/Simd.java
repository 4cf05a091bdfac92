package io.qmoe.backend.statevector;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the state kernels use the JDK Vector API ({@link VectorKernels}). The Vector API is an incubator module in
 * Java 17: it is used only when the JVM was started with {@code --add-modules jdk.incubator.vector} (the {@code qmoe}
 * launcher and the test runner do), when the hardware has vectors of at least 256 bits, and when the system property
 * {@code qmoe.simd} is not {@code false}. Otherwise {@link VectorKernels} is never loaded and the scalar loops run.
 *
 * <p>Both paths give the same bits: the vector kernels do the scalar kernels' multiplications, additions and
 * subtractions in the same order, lane by lane (no fused multiply-add), and only move lanes otherwise. So which path
 * runs is a matter of speed only, and may change during a run: Vector API code is some hundred times slower than the
 * scalar loops until the JIT has compiled it, so the first kernel call on a state of at least {@link #MIN_DIM}
 * amplitudes starts one daemon thread that runs every vector kernel on its own small arrays until they are compiled
 * (a second or two of one core), and the kernels stay scalar until that thread is done.
 */
final class Simd {
    /** True when {@link VectorKernels} can be used (a constant for the JIT). */
    static final boolean AVAILABLE = detect();
    /** Doubles per vector when {@link #AVAILABLE} (4: 256 bits), else 1. */
    static final int LANES = AVAILABLE ? 4 : 1;
    /** States with fewer amplitudes stay scalar: they are cheap either way. */
    static final int MIN_DIM = 1 << 10;

    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static volatile boolean warm;

    private Simd() {
    }

    private static boolean detect() {
        if ("false".equalsIgnoreCase(System.getProperty("qmoe.simd", "true"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorKernels.usable();
        } catch (LinkageError e) {
            return false;
        }
    }

    /** Whether a kernel on a state of {@code dim} amplitudes uses the vector kernels now (starts the warm-up). */
    static boolean use(int dim) {
        if (!AVAILABLE || dim < MIN_DIM) {
            return false;
        }
        if (warm) {
            return true;
        }
        if (!STARTED.get() && STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                VectorKernels.warmUp();
                warm = true;
            }, "qmoe-vector-warm-up");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
        return false;
    }

    /** Waits until the vector kernels are compiled (tests and benchmarks); false when they are not available. */
    static boolean awaitWarm() {
        if (!AVAILABLE) {
            return false;
        }
        use(MIN_DIM);
        while (!warm) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** A one-line description of the kernel path, for reports. */
    static String describe() {
        return AVAILABLE ? "Vector API, " + LANES + " doubles per vector" : "scalar loops";
    }
}
