package io.qmoe.strange;

/**
 * A Strange gate that has no qmoe circuit form (an oracle, arithmetic, a block, a Fourier transform, …). The message is
 * one line naming the step and the gate's class, e.g. {@code step 2: Strange gate Oracle has no qmoe circuit form}.
 */
public final class UnsupportedGateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The exception for gate class {@code gateClass} in step {@code step} (0-based). */
    public UnsupportedGateException(int step, String gateClass) {
        super("step " + step + ": Strange gate " + gateClass + " has no qmoe circuit form");
    }
}
