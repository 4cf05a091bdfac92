package io.qmoe.circuit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable parameterised circuit on n qubits, started in |0…0⟩: a gate list whose angles are polynomials in named
 * inputs, each input either a trainable angle θ_k or a data feature x_j.
 *
 * <p><b>Input vector.</b> Everything that evaluates the circuit takes one {@code double[]} per binding laid out as
 * {@code [θ_0 … θ_{d-1}, x_0 … x_{k-1}]}: first the {@link #trainableCount() d} trainable angles in declaration order,
 * then the {@link #dataCount() k} data features. {@link #inputVector(double[], double[])} builds it.
 *
 * <p><b>Periodicity.</b> The mean-field picture needs f(θ, x) to be 2π-periodic in every θ_k. That holds when θ_k only
 * enters alone (not multiplied by another input) with an integer coefficient, and with an even coefficient in
 * controlled rotations (which are 4π-periodic on their controlled subspace). {@link #periodicityViolations()} lists the
 * places where it does not.
 */
public final class ParametricCircuit {
    private final int qubits;
    private final List<String> trainable;
    private final List<String> data;
    private final List<Gate> gates;
    private final Map<String, Integer> index;

    private ParametricCircuit(int qubits, List<String> trainable, List<String> data, List<Gate> gates,
                              Map<String, Integer> index) {
        this.qubits = qubits;
        this.trainable = trainable;
        this.data = data;
        this.gates = gates;
        this.index = index;
    }

    /** Starts a circuit on {@code qubits} qubits. */
    public static Builder builder(int qubits) {
        return new Builder(qubits);
    }

    /** Number of qubits. */
    public int qubitCount() {
        return qubits;
    }

    /** Number d of trainable angles. */
    public int trainableCount() {
        return trainable.size();
    }

    /** Number k of data features. */
    public int dataCount() {
        return data.size();
    }

    /** Length of the input vector, d + k. */
    public int inputCount() {
        return trainable.size() + data.size();
    }

    /** Trainable angle names, in input-vector order. */
    public List<String> trainableNames() {
        return trainable;
    }

    /** Data feature names, in input-vector order (after the trainable angles). */
    public List<String> dataNames() {
        return data;
    }

    /** Index of the named input in the input vector, or -1. */
    public int inputIndex(String name) {
        return index.getOrDefault(name, -1);
    }

    /** Kind of the input at {@code i} in the input vector. */
    public InputKind inputKind(int i) {
        return i < trainable.size() ? InputKind.TRAINABLE : InputKind.DATA;
    }

    /** The gates in application order. */
    public List<Gate> gates() {
        return gates;
    }

    /** Builds an input vector from θ and x, checking their lengths. */
    public double[] inputVector(double[] theta, double[] x) {
        if (theta.length != trainable.size()) {
            throw new IllegalArgumentException("expected " + trainable.size() + " trainable angle(s) "
                    + trainable + " but got " + theta.length);
        }
        if (x.length != data.size()) {
            throw new IllegalArgumentException("expected " + data.size() + " data feature(s) " + data
                    + " but got " + x.length);
        }
        double[] v = new double[inputCount()];
        System.arraycopy(theta, 0, v, 0, theta.length);
        System.arraycopy(x, 0, v, theta.length, x.length);
        return v;
    }

    /** Checks that every row of a batch has the input-vector length and finite values. */
    public void checkBindings(double[][] bindings) {
        for (int r = 0; r < bindings.length; r++) {
            if (bindings[r].length != inputCount()) {
                throw new IllegalArgumentException("binding " + r + " has " + bindings[r].length
                        + " values but the circuit has " + inputCount() + " inputs " + allNames());
            }
            for (int i = 0; i < bindings[r].length; i++) {
                if (!Double.isFinite(bindings[r][i])) {
                    throw new IllegalArgumentException("binding " + r + " has a non-finite value for input '"
                            + allNames().get(i) + "'");
                }
            }
        }
    }

    /**
     * Where binding {@code binding} makes a gate's angle non-finite (an overflowing product such as 1e300·θ with
     * θ = 1e10), as a phrase for a message, or null when every angle is finite. Slow (symbolic substitution): for
     * explaining a non-finite value after the fact, not for the hot path.
     */
    public String nonFiniteAngle(double[] binding) {
        List<String> names = allNames();
        for (int g = 0; g < gates.size(); g++) {
            AngleExpression a = gates.get(g).angle();
            if (a == null) {
                continue;
            }
            for (int i = 0; i < names.size() && i < binding.length; i++) {
                if (a.inputNames().contains(names.get(i))) {
                    a = a.substitute(names.get(i), binding[i]);
                }
            }
            double v = a.inputNames().isEmpty() ? a.constantValue() : Double.NaN;
            if (!Double.isFinite(v)) {
                return "gate " + (g + 1) + " (" + gates.get(g).kind().qasmName() + " " + gates.get(g).angle()
                        + ") has the non-finite angle " + v;
            }
        }
        return null;
    }

    /**
     * Refuses non-finite results where they arise: if {@code values[r]} is not finite, an IllegalArgumentException
     * names binding r and, where that is the cause, the gate whose angle overflowed.
     */
    public void requireFinite(double[][] bindings, double[] values) {
        for (int r = 0; r < values.length; r++) {
            if (!Double.isFinite(values[r])) {
                String why = nonFiniteAngle(bindings[r]);
                throw new IllegalArgumentException("binding " + r + " gives a non-finite value"
                        + (why == null ? "" : ": " + why));
            }
        }
    }

    /** All input names in input-vector order. */
    public List<String> allNames() {
        List<String> all = new ArrayList<>(trainable);
        all.addAll(data);
        return all;
    }

    /** Number of gate angles that depend on at least one trainable angle. */
    public int trainableGateCount() {
        int n = 0;
        for (Gate g : gates) {
            for (int k = 0; k < trainable.size(); k++) {
                if (g.dependsOn(k)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /**
     * Human-readable reasons why f is not 2π-periodic in some trainable angle; empty when the torus picture holds.
     */
    public List<String> periodicityViolations() {
        List<String> out = new ArrayList<>();
        for (int gi = 0; gi < gates.size(); gi++) {
            Gate g = gates.get(gi);
            for (int t = 0; t < g.termCount(); t++) {
                Monomial m = g.term(t);
                for (int f = 0; f < m.degree(); f++) {
                    int k = m.factor(f);
                    if (k >= trainable.size()) {
                        continue;
                    }
                    String where = "gate " + (gi + 1) + " (" + g + ")";
                    if (m.degree() > 1) {
                        out.add("trainable angle '" + trainable.get(k) + "' is multiplied by another input in "
                                + where);
                        break;
                    }
                    double c = m.coefficient();
                    boolean controlled = g.kind() == GateKind.CRX || g.kind() == GateKind.CRY
                            || g.kind() == GateKind.CRZ;
                    double period = controlled ? 2 : 1;
                    if (Math.rint(c / period) != c / period) {
                        out.add("trainable angle '" + trainable.get(k) + "' has coefficient " + c + " in " + where
                                + (controlled ? ": controlled rotations need an even integer coefficient"
                                : ": it needs an integer coefficient"));
                    }
                }
            }
        }
        return out;
    }

    /** Whether f is 2π-periodic in every trainable angle (see {@link #periodicityViolations()}). */
    public boolean isPeriodic() {
        return periodicityViolations().isEmpty();
    }

    /** The same gates with some inputs fixed to constants; those inputs leave the input list. */
    public ParametricCircuit withFixedInputs(Map<String, Double> values) {
        Builder b = builder(qubits);
        trainable.stream().filter(n -> !values.containsKey(n)).forEach(b::trainable);
        data.stream().filter(n -> !values.containsKey(n)).forEach(b::data);
        for (Gate g : gates) {
            AngleExpression a = g.angle();
            if (a != null) {
                for (Map.Entry<String, Double> e : values.entrySet()) {
                    a = a.substitute(e.getKey(), e.getValue());
                }
            }
            b.gate(g.kind(), a, g.qubits());
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "ParametricCircuit[" + qubits + " qubits, " + gates.size() + " gates, trainable=" + trainable
                + ", data=" + data + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParametricCircuit c && c.qubits == qubits && c.trainable.equals(trainable)
                && c.data.equals(data) && c.gates.equals(gates);
    }

    @Override
    public int hashCode() {
        return ((qubits * 31 + trainable.hashCode()) * 31 + data.hashCode()) * 31 + gates.hashCode();
    }

    /**
     * Builds a {@link ParametricCircuit}. Inputs are declared with {@link #trainable} and {@link #data}; an angle that
     * names an undeclared input is an error at {@link #build()} unless {@link #autoDeclareTrainable()} was called.
     */
    public static final class Builder {
        private final int qubits;
        private final List<String> trainable = new ArrayList<>();
        private final List<String> data = new ArrayList<>();
        private final List<Object[]> gates = new ArrayList<>();
        private boolean autoDeclare;

        private Builder(int qubits) {
            if (qubits < 1 || qubits > 30) {
                throw new IllegalArgumentException("qubit count must be between 1 and 30, got " + qubits);
            }
            this.qubits = qubits;
        }

        /** Declares trainable angles (in input-vector order). */
        public Builder trainable(String... names) {
            for (String n : names) {
                declare(n);
                trainable.add(n);
            }
            return this;
        }

        /** Declares data features (in input-vector order, after all trainable angles). */
        public Builder data(String... names) {
            for (String n : names) {
                declare(n);
                data.add(n);
            }
            return this;
        }

        /** Treats any undeclared name met in an angle as a new trainable angle, in order of first use. */
        public Builder autoDeclareTrainable() {
            autoDeclare = true;
            return this;
        }

        private void declare(String n) {
            if (n == null || !n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("'" + n + "' is not a valid input name");
            }
            if (n.equals("pi") || n.equals("tau") || n.equals("euler")) {
                throw new IllegalArgumentException("'" + n + "' is a reserved constant, not an input name");
            }
            if (trainable.contains(n) || data.contains(n)) {
                throw new IllegalArgumentException("input '" + n + "' is declared twice");
            }
        }

        /** Whether {@code name} has been declared as an input. */
        public boolean isDeclared(String name) {
            return trainable.contains(name) || data.contains(name);
        }

        /** Appends a gate; {@code angle} must be null exactly when the kind takes no angle. */
        public Builder gate(GateKind kind, AngleExpression angle, int... qubitIndices) {
            if (qubitIndices.length != kind.qubits()) {
                throw new IllegalArgumentException(kind.qasmName() + " acts on " + kind.qubits()
                        + " qubit(s) but " + qubitIndices.length + " were given");
            }
            for (int q : qubitIndices) {
                if (q < 0 || q >= qubits) {
                    throw new IllegalArgumentException("qubit " + q + " is out of range for a " + qubits
                            + "-qubit circuit");
                }
            }
            if (qubitIndices.length == 2 && qubitIndices[0] == qubitIndices[1]) {
                throw new IllegalArgumentException(kind.qasmName() + " needs two different qubits, got "
                        + qubitIndices[0] + " twice");
            }
            if (kind.parametric() != (angle != null)) {
                throw new IllegalArgumentException(kind.qasmName() + (kind.parametric()
                        ? " needs an angle" : " takes no angle"));
            }
            gates.add(new Object[] {kind, angle, qubitIndices.clone()});
            return this;
        }

        /** Appends a gate whose angle is given as text, e.g. {@code "2*theta0 + pi/4"}. */
        public Builder gate(GateKind kind, String angle, int... qubitIndices) {
            return gate(kind, AngleExpression.parse(angle), qubitIndices);
        }

        /** Appends a fixed (angle-free) gate. */
        public Builder gate(GateKind kind, int... qubitIndices) {
            return gate(kind, (AngleExpression) null, qubitIndices);
        }

        /** Hadamard. */
        public Builder h(int q) {
            return gate(GateKind.H, q);
        }

        /** Pauli X. */
        public Builder x(int q) {
            return gate(GateKind.X, q);
        }

        /** RX(angle). */
        public Builder rx(int q, String angle) {
            return gate(GateKind.RX, angle, q);
        }

        /** RY(angle). */
        public Builder ry(int q, String angle) {
            return gate(GateKind.RY, angle, q);
        }

        /** RZ(angle). */
        public Builder rz(int q, String angle) {
            return gate(GateKind.RZ, angle, q);
        }

        /** CNOT with the given control and target. */
        public Builder cx(int control, int target) {
            return gate(GateKind.CX, control, target);
        }

        /** CZ. */
        public Builder cz(int a, int b) {
            return gate(GateKind.CZ, a, b);
        }

        /** Builds the immutable circuit. */
        public ParametricCircuit build() {
            if (autoDeclare) {
                for (Object[] g : gates) {
                    AngleExpression a = (AngleExpression) g[1];
                    if (a != null) {
                        for (String n : a.inputNames()) {
                            if (!isDeclared(n)) {
                                trainable(n);
                            }
                        }
                    }
                }
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < trainable.size(); i++) {
                index.put(trainable.get(i), i);
            }
            for (int i = 0; i < data.size(); i++) {
                index.put(data.get(i), trainable.size() + i);
            }
            List<Gate> built = new ArrayList<>();
            for (Object[] g : gates) {
                GateKind kind = (GateKind) g[0];
                AngleExpression a = (AngleExpression) g[1];
                Monomial[] terms = a == null ? new Monomial[0] : a.bind(n -> index.getOrDefault(n, -1));
                built.add(new Gate(kind, (int[]) g[2], a, terms));
            }
            return new ParametricCircuit(qubits, List.copyOf(trainable), List.copyOf(data),
                    Collections.unmodifiableList(built), Map.copyOf(index));
        }
    }
}
