package io.qmoe.circuit;

/**
 * Builders for common expert circuits. Every trainable angle enters exactly once with coefficient 1, so the circuits
 * are 2π-periodic in every θ_k and suit the mean-field analysis.
 */
public final class Ansatz {
    private Ansatz() {
    }

    /**
     * A hardware-efficient ansatz with data re-uploading: {@code layers} times, encode every feature with
     * {@code RX(x_j)} on qubit {@code j mod n}, then apply RY(θ) and RZ(θ) on every qubit and a ring of CNOTs
     * (a single CNOT for two qubits, none for one). Trainable angles are named {@code t0, t1, …} in gate order;
     * data features {@code x0, x1, …}.
     */
    public static ParametricCircuit hardwareEfficient(int qubits, int layers, int features) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be at least 1, got " + layers);
        }
        if (features < 0) {
            throw new IllegalArgumentException("features must be non-negative, got " + features);
        }
        ParametricCircuit.Builder b = ParametricCircuit.builder(qubits);
        int params = 2 * qubits * layers;
        for (int k = 0; k < params; k++) {
            b.trainable("t" + k);
        }
        for (int j = 0; j < features; j++) {
            b.data("x" + j);
        }
        int k = 0;
        for (int layer = 0; layer < layers; layer++) {
            for (int j = 0; j < features; j++) {
                b.rx(j % qubits, "x" + j);
            }
            for (int q = 0; q < qubits; q++) {
                b.ry(q, "t" + k++);
                b.rz(q, "t" + k++);
            }
            if (qubits == 2) {
                b.cx(0, 1);
            } else if (qubits > 2) {
                for (int q = 0; q < qubits; q++) {
                    b.cx(q, (q + 1) % qubits);
                }
            }
        }
        return b.build();
    }

    /**
     * The single-qubit data re-uploading expert: {@code layers} blocks of {@code RY(t_{2l}) · RX(x0) · RY(t_{2l+1})}
     * (applied in that order), so with observable Z0 every trainable angle changes the output.
     */
    public static ParametricCircuit reuploadingQubit(int layers) {
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be at least 1, got " + layers);
        }
        ParametricCircuit.Builder b = ParametricCircuit.builder(1).data("x0");
        for (int l = 0; l < layers; l++) {
            b.trainable("t" + (2 * l), "t" + (2 * l + 1));
        }
        for (int l = 0; l < layers; l++) {
            b.ry(0, "t" + (2 * l));
            b.rx(0, "x0");
            b.ry(0, "t" + (2 * l + 1));
        }
        return b.build();
    }
}
