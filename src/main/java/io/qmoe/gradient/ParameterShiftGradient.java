package io.qmoe.gradient;

import io.qmoe.backend.ValuesAndGradients;
import io.qmoe.backend.Estimates;
import io.qmoe.backend.Estimator;
import io.qmoe.circuit.AngleExpression;
import io.qmoe.circuit.Gate;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameter-shift rule, valid on hardware: for every gate occurrence g whose angle φ_g depends on a trainable
 * angle, ∂f/∂φ_g = ½[f(φ_g + π/2) − f(φ_g − π/2)] for gates exp(−iφG) whose generator has two eigenvalues one apart
 * (rx, ry, rz, p, cp, rxx, ryy, rzz), and the four-term rule
 * c₊[f(φ+π/2) − f(φ−π/2)] − c₋[f(φ+3π/2) − f(φ−3π/2)], c± = (√2 ± 1)/(4√2), for controlled rotations (generator
 * eigenvalues 0, ±½). Then ∂f/∂θ_k = Σ_g (∂φ_g/∂θ_k) ∂f/∂φ_g, which covers shared angles, coefficients and products.
 *
 * <p><b>One job per batch.</b> The rule is run on a derived circuit in which each such gate's angle gets an extra
 * input {@code qmoe_shift_g} added; the unshifted bindings (shift 0) and every shifted binding of the whole batch are
 * sent to the backend in ONE {@link Estimator#estimate} call, so a remote backend sees one job per gradient batch.
 */
public final class ParameterShiftGradient implements GradientMethod {
    private static final double C_PLUS = (Math.sqrt(2) + 1) / (4 * Math.sqrt(2));
    private static final double C_MINUS = (Math.sqrt(2) - 1) / (4 * Math.sqrt(2));

    private final Estimator backend;

    /** Shifts evaluated on {@code backend}. */
    public ParameterShiftGradient(Estimator backend) {
        this.backend = backend;
    }

    /** The backend the shifted circuits run on. */
    @Override
    public Estimator backend() {
        return backend;
    }

    @Override
    public String name() {
        return "parameter-shift";
    }

    @Override
    public ValuesAndGradients evaluate(ParametricCircuit circuit, PauliObservable observable, double[][] bindings) {
        circuit.checkBindings(bindings);
        int d = circuit.trainableCount();
        List<Integer> shifted = new ArrayList<>();
        for (int g = 0; g < circuit.gates().size(); g++) {
            for (int k = 0; k < d; k++) {
                if (circuit.gates().get(g).dependsOn(k)) {
                    shifted.add(g);
                    break;
                }
            }
        }
        ParametricCircuit derived = withShiftInputs(circuit, shifted);
        int inputs = circuit.inputCount();
        int s = shifted.size();
        // rows per binding: 1 unshifted + 2 per two-term gate + 4 per four-term gate
        int[] offset = new int[s + 1];
        for (int j = 0; j < s; j++) {
            offset[j + 1] = offset[j] + (circuit.gates().get(shifted.get(j)).kind().twoTermShiftRule() ? 2 : 4);
        }
        int perBinding = 1 + offset[s];
        double[][] rows = new double[bindings.length * perBinding][];
        for (int b = 0; b < bindings.length; b++) {
            for (int r = 0; r < perBinding; r++) {
                double[] row = new double[inputs + s];
                // derived input order: trainables, then shift inputs (also trainable), then data
                System.arraycopy(bindings[b], 0, row, 0, d);
                System.arraycopy(bindings[b], d, row, d + s, inputs - d);
                rows[b * perBinding + r] = row;
            }
            for (int j = 0; j < s; j++) {
                boolean two = circuit.gates().get(shifted.get(j)).kind().twoTermShiftRule();
                int first = b * perBinding + 1 + offset[j];
                rows[first][d + j] = Math.PI / 2;
                rows[first + 1][d + j] = -Math.PI / 2;
                if (!two) {
                    rows[first + 2][d + j] = 3 * Math.PI / 2;
                    rows[first + 3][d + j] = -3 * Math.PI / 2;
                }
            }
        }
        Estimates est = backend.estimate(derived, observable, rows);
        double[] f = est.values();
        double[] values = new double[bindings.length];
        double[] gradients = new double[bindings.length * d];
        for (int b = 0; b < bindings.length; b++) {
            values[b] = f[b * perBinding];
            for (int j = 0; j < s; j++) {
                Gate gate = circuit.gates().get(shifted.get(j));
                int first = b * perBinding + 1 + offset[j];
                double dphi = gate.kind().twoTermShiftRule()
                        ? 0.5 * (f[first] - f[first + 1])
                        : C_PLUS * (f[first] - f[first + 1]) - C_MINUS * (f[first + 2] - f[first + 3]);
                for (int k = 0; k < d; k++) {
                    double chain = gate.angleDerivative(bindings[b], k);
                    if (chain != 0) {
                        gradients[b * d + k] += chain * dphi;
                    }
                }
            }
        }
        return new ValuesAndGradients(values, gradients, d);
    }

    /** The circuit with {@code qmoe_shift_j} added to the angle of the j-th listed gate. */
    static ParametricCircuit withShiftInputs(ParametricCircuit c, List<Integer> gates) {
        ParametricCircuit.Builder b = ParametricCircuit.builder(c.qubitCount());
        c.trainableNames().forEach(b::trainable);
        String prefix = "qmoe_shift_";
        while (c.inputIndex(prefix + "0") >= 0) {
            prefix = "_" + prefix;
        }
        for (int j = 0; j < gates.size(); j++) {
            b.trainable(prefix + j);
        }
        c.dataNames().forEach(b::data);
        int next = 0;
        for (int g = 0; g < c.gates().size(); g++) {
            Gate gate = c.gates().get(g);
            AngleExpression angle = gate.angle();
            if (next < gates.size() && gates.get(next) == g) {
                angle = angle.plus(AngleExpression.input(prefix + next));
                next++;
            }
            b.gate(gate.kind(), angle, gate.qubits());
        }
        return b.build();
    }

}
