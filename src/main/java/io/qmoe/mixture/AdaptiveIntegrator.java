package io.qmoe.mixture;

/**
 * Embedded Dormand–Prince 5(4) with error control ({@link DormandPrince54}: Hipparchus's step control, its norms
 * summed in chunks so that a partitioned population gets the same bits), restarted on every {@link #advance} interval
 * so that a run resumed at an interval boundary reproduces an uninterrupted one exactly.
 */
public final class AdaptiveIntegrator implements FlowIntegrator {
    private final double tolerance;

    /** Uses {@code tolerance} as both the relative and the absolute error bound per step. */
    public AdaptiveIntegrator(double tolerance) {
        if (!(tolerance > 0) || !Double.isFinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be a positive number, got " + tolerance);
        }
        this.tolerance = tolerance;
    }

    /** The error tolerance. */
    public double tolerance() {
        return tolerance;
    }

    @Override
    public String name() {
        return "adaptive";
    }

    @Override
    public boolean fixedStep() {
        return false;
    }

    @Override
    public void advance(VelocityField field, double t0, double t1, double[] angles) {
        DormandPrince54.integrate(new InMemory(field, angles), t0, t1, tolerance);
    }

    /** The population as one array, its velocities from {@code field}. */
    private static final class InMemory implements DormandPrince54.Population {
        private final VelocityField field;
        private final double[] y;
        private final double[][] k = new double[DormandPrince54.STAGES][];
        private final double[] stage;
        private final double[] end;

        InMemory(VelocityField field, double[] y) {
            this.field = field;
            this.y = y;
            this.stage = new double[y.length];
            this.end = new double[y.length];
        }

        @Override
        public int dimension() {
            return y.length;
        }

        @Override
        public double[] start(double t, double tolerance) {
            k[0] = field.velocity(t, y);
            return DormandPrince54.total(DormandPrince54.startSums(y, k[0], tolerance), 2);
        }

        @Override
        public double probe(double t, double h, double tolerance) {
            DormandPrince54.probeState(y, k[0], h, stage);
            double[] v = field.velocity(t + h, stage);
            return DormandPrince54.total(DormandPrince54.probeSums(y, k[0], v, tolerance), 1)[0];
        }

        @Override
        public double attempt(double t, double h, double tolerance) {
            for (int s = 1; s < DormandPrince54.STAGES; s++) {
                DormandPrince54.stageState(y, k, s, h, stage);
                k[s] = field.velocity(DormandPrince54.stageTime(t, h, s), stage);
            }
            DormandPrince54.endState(y, k, h, end);
            return DormandPrince54.total(DormandPrince54.errorSums(y, k, end, h, tolerance), 1)[0];
        }

        @Override
        public void accept() {
            System.arraycopy(end, 0, y, 0, y.length);
            k[0] = k[DormandPrince54.STAGES - 1];
        }
    }
}
