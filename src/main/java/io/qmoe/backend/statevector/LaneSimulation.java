package io.qmoe.backend.statevector;

import java.util.Arrays;

/**
 * One worker's buffers for {@link LaneProgram}: up to {@code lanes} consecutive bindings are bound, run forward, and read
 * out (expectation values) or differentiated (adjoint sweep) together. Each lane's arithmetic is exactly the same
 * whichever lane and group a binding lands in, so results do not depend on how a batch is split across threads.
 * Not thread-safe: one per worker.
 */
final class LaneSimulation {
    private final LaneProgram program;
    private final CompiledCircuit compiled;
    private final int lanes;
    private final double[][] re;
    private final double[][] im;
    private final double[][] lre;
    private final double[][] lim;
    /** cos and sin of every slot's (half) angle, per lane. */
    private final double[][] cos;
    private final double[][] sin;
    /**
     * Per slot, the (half) angle shared by every lane of the last group, if it had one: when the next group shares it
     * too (a mixture's rows of one expert are consecutive), its cos and sin are still in place.
     */
    private final double[] uniform;
    private final boolean[] uniformKnown;
    private final double[] argument;
    private final double[] lane;
    private final double[] total;
    /** Values and gradients of one group, for callers that reduce them at once (weighted gradients). */
    final double[] groupValues;
    final double[] groupGradients;
    /** The input vector of each lane's binding. */
    private final double[][] input;
    /** For a grid: the expert and the data point of each lane, and one expert's input vector. */
    private final int[] laneExpert;
    private final int[] lanePoint;
    private final double[] expertInput;

    LaneSimulation(LaneProgram program) {
        this.program = program;
        this.compiled = program.compiled;
        this.lanes = program.lanes;
        this.re = new double[program.dim][lanes];
        this.im = new double[program.dim][lanes];
        this.lre = new double[program.dim][lanes];
        this.lim = new double[program.dim][lanes];
        int slots = program.slotGate.length;
        this.cos = new double[slots][lanes];
        this.sin = new double[slots][lanes];
        this.uniform = new double[slots];
        this.uniformKnown = new boolean[slots];
        this.argument = new double[lanes];
        this.lane = new double[lanes];
        this.total = new double[lanes];
        this.groupValues = new double[lanes];
        this.groupGradients = new double[lanes * program.compiled.circuit().trainableCount()];
        this.input = new double[lanes][program.compiled.circuit().inputCount()];
        this.laneExpert = new int[lanes];
        this.lanePoint = new int[lanes];
        this.expertInput = new double[program.compiled.circuit().inputCount()];
    }

    /**
     * Binds rows {@code from}…{@code from + count − 1} to the lanes (unused lanes repeat the last row); for a grid with
     * its {@link LaneProgram#pointTrig} the trig of the slots without trainables comes from that table and the trig of
     * the slots without data once per expert, with the same bits as {@link #bind(InputRows, int, int)}.
     */
    void bind(InputRows rows, LaneProgram.PointTrig pointTrig, int from, int count) {
        if (pointTrig == null || !(rows instanceof InputRows.Grid grid)) {
            bind(rows, from, count);
        } else {
            bindGrid(grid, pointTrig, from, count);
        }
    }

    /**
     * Expert-major binding of a grid, first step: lane l holds expert {@code first + l} (unused lanes repeat the last
     * expert), and the slots that depend on trainables only get their trig here, once for all the data points that
     * {@link #bindPoint} then binds in turn.
     */
    void bindExperts(InputRows.Grid grid, int first, int count) {
        int d = grid.d;
        for (int l = 0; l < lanes; l++) {
            laneExpert[l] = first + Math.min(l, count - 1);
        }
        for (int s = 0; s < cos.length; s++) {
            uniformKnown[s] = false;
            if (!program.slotTrainable[s] || program.slotData[s]) {
                continue;
            }
            double[] c = cos[s];
            double[] sn = sin[s];
            int index = program.slotInput[s];
            for (int l = 0; l < lanes; l++) {
                if (l >= count) {
                    c[l] = c[count - 1];
                    sn[l] = sn[count - 1];
                    continue;
                }
                SineCosine.of(trainableArgument(grid, s, index, laneExpert[l], d), c, sn, l);
            }
        }
    }

    /**
     * Expert-major binding, second step: every lane of {@link #bindExperts} at data point {@code a} (row
     * (expert − grid.from)·M + a). Slots without trainables take the point's trig from the table, mixed slots are
     * evaluated per lane.
     */
    void bindPoint(InputRows.Grid grid, LaneProgram.PointTrig pointTrig, int a) {
        if (program.gridInputs) {
            for (int l = 0; l < lanes; l++) {
                grid.copy((laneExpert[l] - grid.from) * grid.points + a, input[l]);
            }
        }
        for (int s = 0; s < cos.length; s++) {
            if (!program.slotTrainable[s]) {
                Arrays.fill(cos[s], pointTrig.cos[s][a]);
                Arrays.fill(sin[s], pointTrig.sin[s][a]);
            } else if (program.slotData[s]) {
                for (int l = 0; l < lanes; l++) {
                    argument[l] = program.argument(s, input[l]);
                }
                SineCosine.of(argument, cos[s], sin[s]);
            }
        }
    }

    private void bindGrid(InputRows.Grid grid, LaneProgram.PointTrig pointTrig, int from, int count) {
        int last = from + count - 1;
        if (program.gridInputs) {
            for (int l = 0; l < lanes; l++) {
                grid.copy(Math.min(from + l, last), input[l]);
            }
        }
        int points = grid.points;
        int expert = grid.from + from / points;
        int point = from % points;
        for (int l = 0, r = from; l < lanes; l++) {
            laneExpert[l] = expert;
            lanePoint[l] = point;
            if (r < last) {
                r++;
                if (++point == points) {
                    point = 0;
                    expert++;
                }
            }
        }
        int d = grid.d;
        for (int s = 0; s < cos.length; s++) {
            uniformKnown[s] = false;
            double[] c = cos[s];
            double[] sn = sin[s];
            if (!program.slotTrainable[s]) {
                double[] pc = pointTrig.cos[s];
                double[] ps = pointTrig.sin[s];
                for (int l = 0; l < lanes; l++) {
                    c[l] = pc[lanePoint[l]];
                    sn[l] = ps[lanePoint[l]];
                }
            } else if (!program.slotData[s]) {
                // one evaluation per expert (its rows are consecutive lanes)
                int index = program.slotInput[s];
                int previous = -1;
                for (int l = 0; l < lanes; l++) {
                    int i = laneExpert[l];
                    if (i == previous) {
                        c[l] = c[l - 1];
                        sn[l] = sn[l - 1];
                        continue;
                    }
                    SineCosine.of(trainableArgument(grid, s, index, i, d), c, sn, l);
                    previous = i;
                }
            } else {
                for (int l = 0; l < lanes; l++) {
                    argument[l] = program.argument(s, input[l]);
                }
                SineCosine.of(argument, c, sn);
            }
        }
    }

    /** Binds rows {@code from}…{@code from + count − 1} to the lanes (unused lanes repeat the last row). */
    void bind(InputRows rows, int from, int count) {
        for (int l = 0; l < lanes; l++) {
            if (l < count) {
                rows.copy(from + l, input[l]);
            } else {
                System.arraycopy(input[count - 1], 0, input[l], 0, input[l].length);
            }
        }
        for (int s = 0; s < cos.length; s++) {
            int changes = 0;
            for (int l = 0; l < lanes; l++) {
                argument[l] = program.argument(s, input[l]);
                if (l > 0 && Double.doubleToRawLongBits(argument[l]) != Double.doubleToRawLongBits(argument[l - 1])) {
                    changes++;
                }
            }
            double[] c = cos[s];
            double[] sn = sin[s];
            if (changes == 0) {
                // every lane has the same angle (rows of one expert in a mixture): one evaluation, if any
                if (!uniformKnown[s] || Double.doubleToRawLongBits(argument[0])
                        != Double.doubleToRawLongBits(uniform[s])) {
                    SineCosine.of(argument[0], c, sn, 0);
                    Arrays.fill(c, c[0]);
                    Arrays.fill(sn, sn[0]);
                    uniform[s] = argument[0];
                    uniformKnown[s] = true;
                }
                continue;
            }
            uniformKnown[s] = false;
            if (changes == lanes - 1) {
                SineCosine.of(argument, c, sn);
                continue;
            }
            // runs of equal angles: one evaluation per run
            SineCosine.of(argument[0], c, sn, 0);
            for (int l = 1; l < lanes; l++) {
                if (Double.doubleToRawLongBits(argument[l]) == Double.doubleToRawLongBits(argument[l - 1])) {
                    c[l] = c[l - 1];
                    sn[l] = sn[l - 1];
                } else {
                    SineCosine.of(argument[l], c, sn, l);
                }
            }
        }
    }

    /** Runs the bound lanes from |0…0⟩. */
    void forward() {
        for (double[] r : re) {
            Arrays.fill(r, 0);
        }
        for (double[] r : im) {
            Arrays.fill(r, 0);
        }
        Arrays.fill(re[0], 1);
        for (LaneProgram.Op op : program.ops) {
            apply(op, re, im, 1);
        }
    }

    private void apply(LaneProgram.Op op, double[][] r, double[][] i, double sgn) {
        switch (op.type) {
            case LaneProgram.FIXED -> LaneKernels.fixed(r, i, op.a, op.b, sgn > 0 ? op.matrix : op.inverse);
            case LaneProgram.SWAP_ROWS -> LaneKernels.swapRows(r, i, op.a, op.b);
            case LaneProgram.NEGATE -> LaneKernels.negate(r, i, op.a);
            case LaneProgram.ROT_X -> LaneKernels.rotX(r, i, op.a, op.b, op.sigma, cos[op.slot], sin[op.slot], sgn);
            case LaneProgram.ROT_Y -> LaneKernels.rotY(r, i, op.a, op.b, cos[op.slot], sin[op.slot], sgn);
            case LaneProgram.PHASE -> LaneKernels.phase(r, i, op.a, op.sigma, cos[op.slot], sin[op.slot], sgn);
            default -> throw new IllegalStateException("unknown lane operation " + op.type);
        }
    }

    /** Writes ⟨O⟩ of the first {@code count} lanes to out[from…]. */
    void expectation(LaneObservable o, double[] out, int from, int count) {
        Arrays.fill(total, 0);
        for (int t = 0; t < o.coefficient.length; t++) {
            LaneKernels.overlap(o.expectation[t], re, im, re, im, lane);
            double c = o.coefficient[t];
            for (int l = 0; l < lanes; l++) {
                total[l] += c * lane[l];
            }
        }
        System.arraycopy(total, 0, out, from, count);
    }

    /**
     * After {@link #forward}: values and θ-gradients of the first {@code count} lanes by the adjoint sweep (λ = O·ψ,
     * then from the last gate back: ∂f/∂φ = 2·Im⟨λ|G|ψ⟩ and un-apply the gate from ψ and λ). Gradients are added to
     * {@code gradients[(gradientRow + l)·d + k]}, values written to {@code values[valueRow + l]}.
     */
    void adjoint(LaneObservable o, int count, double[] values, int valueRow, double[] gradients, int gradientRow,
                 int d) {
        expectation(o, values, valueRow, count);
        for (double[] r : lre) {
            Arrays.fill(r, 0);
        }
        for (double[] r : lim) {
            Arrays.fill(r, 0);
        }
        for (int t = 0; t < o.coefficient.length; t++) {
            LaneKernels.accumulate(lre, lim, re, im, o.target[t], o.source[t], o.factorRe[t], o.factorIm[t]);
        }
        LaneProgram.Op[] ops = program.ops;
        for (int k = ops.length - 1; k >= 0; k--) {
            LaneProgram.Op op = ops[k];
            int[] deps = program.trainables[op.gate];
            if (op.generator != null && deps.length > 0) {
                LaneKernels.overlap(op.generator, lre, lim, re, im, lane);
                double w = 2 * op.generator.weight;
                double[] constant = program.constantDerivative[op.gate];
                for (int l = 0; l < count; l++) {
                    double dp = w * lane[l];
                    int base = (gradientRow + l) * d;
                    for (int j = 0; j < deps.length; j++) {
                        double dj = constant[j];
                        if (Double.isNaN(dj)) {
                            dj = compiled.angleDerivative(op.gate, input[l], deps[j]);
                        }
                        gradients[base + deps[j]] += dp * dj;
                    }
                }
            }
            if (k > 0) {
                apply(op, re, im, -1);
                apply(op, lre, lim, -1);
            }
        }
    }

    /**
     * The angle of slot {@code s} (which reads trainables only) for expert {@code i} of the grid: straight from its one
     * angle when the slot reads a single trainable ({@code index} ≥ 0), else from the expert's d angles.
     */
    private double trainableArgument(InputRows.Grid grid, int s, int index, int i, int d) {
        if (index >= 0) {
            return program.argumentOf(s, grid.angles[i * d + index]);
        }
        System.arraycopy(grid.angles, i * d, expertInput, 0, d);
        return program.argument(s, expertInput);
    }
}
