package io.qmoe.circuit;

/** What a named circuit input is: a trainable angle θ_k on the torus, or a data feature x_j. */
public enum InputKind {
    /** A trainable angle, one coordinate of an expert's point on the torus T^d. */
    TRAINABLE,
    /** A data feature, the same for every expert and fixed by the data point. */
    DATA
}
