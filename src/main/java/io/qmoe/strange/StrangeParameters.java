package io.qmoe.strange;

import io.qmoe.circuit.InputKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.redfx.strange.Gate;
import org.redfx.strange.Program;
import org.redfx.strange.Step;

/**
 * The named parameters of a Strange {@link Program} built with {@link ParametricGate}s: listing them in the order
 * {@link FromStrange#toCircuit} uses (first use, step by step), and binding values to every gate at once so the same
 * program runs again in Strange with new angles.
 */
public final class StrangeParameters {
    private StrangeParameters() {
    }

    /** The parametric gates of a program, step by step. */
    public static List<ParametricGate> gates(Program program) {
        List<ParametricGate> out = new ArrayList<>();
        for (Step s : program.getSteps()) {
            for (Gate g : s.getGates()) {
                if (g instanceof ParametricGate pg) {
                    out.add(pg);
                }
            }
        }
        return out;
    }

    /** The trainable parameter names in order of first use: the circuit's trainable angles θ. */
    public static List<String> trainableNames(Program program) {
        return names(program, InputKind.TRAINABLE);
    }

    /** The data parameter names in order of first use: the circuit's data features x. */
    public static List<String> dataNames(Program program) {
        return names(program, InputKind.DATA);
    }

    private static List<String> names(Program program, InputKind role) {
        Set<String> out = new LinkedHashSet<>();
        for (ParametricGate g : gates(program)) {
            if (g.angle().role() == role) {
                out.add(g.angle().parameter());
            }
        }
        return List.copyOf(out);
    }

    /**
     * Binds every parametric gate of the program to its parameter's value. Every parameter must have a value and
     * every key must name a parameter of the program (a misspelt name is an error, not a silent no-op).
     */
    public static void bind(Program program, Map<String, Double> values) {
        List<ParametricGate> gates = gates(program);
        Set<String> used = new LinkedHashSet<>();
        for (ParametricGate g : gates) {
            used.add(g.angle().parameter());
        }
        for (String key : values.keySet()) {
            if (!used.contains(key)) {
                throw new IllegalArgumentException("'" + key + "' is not a parameter of the program; it has "
                        + used);
            }
        }
        for (String name : used) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for parameter '" + name + "'");
            }
        }
        for (ParametricGate g : gates) {
            g.bind(values);
        }
    }

    /**
     * Binds the program from a qmoe point: {@code theta} in the order of {@link #trainableNames}, {@code x} in the
     * order of {@link #dataNames} (the input order of {@link FromStrange#toCircuit}), e.g. a trained expert's angles.
     */
    public static void bind(Program program, double[] theta, double[] x) {
        List<String> t = trainableNames(program);
        List<String> d = dataNames(program);
        if (theta.length != t.size() || x.length != d.size()) {
            throw new IllegalArgumentException("the program has trainable parameters " + t + " and data " + d
                    + "; got " + theta.length + " and " + x.length + " values");
        }
        Map<String, Double> values = new HashMap<>();
        for (int i = 0; i < theta.length; i++) {
            values.put(t.get(i), theta[i]);
        }
        for (int i = 0; i < x.length; i++) {
            values.put(d.get(i), x[i]);
        }
        bind(program, values);
    }
}
