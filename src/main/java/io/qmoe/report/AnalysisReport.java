package io.qmoe.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.meanfield.AnalysisResult;
import io.qmoe.meanfield.AnalysisResult.QuantityFit;
import io.qmoe.meanfield.AnalysisResult.Sample;
import io.qmoe.meanfield.Quantity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes the output folder of {@code qmoe analyze}: {@code summary.json}, CSV tables, PNG plots and
 * {@code report.html} explaining each plot. Every file is written atomically.
 */
public final class AnalysisReport {
    private final AnalysisResult result;
    private final ObjectNode context;

    /**
     * @param context free-form facts about the run (circuit, data, versions, timing) copied into summary.json
     */
    public AnalysisReport(AnalysisResult result, ObjectNode context) {
        this.result = result;
        this.context = context;
    }

    /** Writes everything into {@code dir}. Returns the files written, relative to {@code dir}. */
    public List<String> write(Path dir) {
        List<String> files = new ArrayList<>();
        Json.write(dir.resolve("summary.json"), summary());
        files.add("summary.json");
        AtomicFiles.writeString(dir.resolve("distances.csv"), distancesCsv());
        files.add("distances.csv");
        AtomicFiles.writeString(dir.resolve("fits.csv"), fitsCsv());
        files.add("fits.csv");
        AtomicFiles.writeString(dir.resolve("loss.csv"), lossCsv());
        files.add("loss.csv");
        if (!result.fluctuations().isEmpty()) {
            AtomicFiles.writeString(dir.resolve("fluctuations.csv"), fluctuationsCsv());
            files.add("fluctuations.csv");
        }
        files.addAll(AnalysisPlots.write(result, dir));
        AtomicFiles.writeString(dir.resolve("report.html"), AnalysisHtml.render(result, context, files, dir));
        files.add("report.html");
        return files;
    }

    /** The content of summary.json. */
    public ObjectNode summary() {
        ObjectNode o = Json.object();
        o.setAll(context);
        var c = result.config();
        ObjectNode cfg = o.putObject("config");
        ArrayNode ex = cfg.putArray("experts");
        Arrays.stream(c.experts()).forEach(ex::add);
        cfg.put("seeds", c.seeds());
        cfg.put("reference_size", c.referenceSize());
        cfg.put("seed", c.seed());
        cfg.put("time", c.time());
        cfg.put("dt", c.dt());
        cfg.put("integrator", c.integrator());
        cfg.set("snapshots", Json.array(result.snapshotTimes()));
        cfg.set("transport_snapshots", Json.array(result.transportTimes()));
        cfg.put("kernel_concentration", c.kernelConcentration());
        cfg.put("scaling", c.scaling().name().toLowerCase(Locale.ROOT));
        cfg.put("grid_cells", c.gridCells());
        cfg.put("tangent_linear", c.tangentLinear());
        o.put("dimension", result.dimension());

        ArrayNode perN = o.putArray("per_n");
        for (int n : c.experts()) {
            ObjectNode row = perN.addObject();
            row.put("experts", n);
            for (Quantity q : measured()) {
                ObjectNode stats = row.putObject(q.key());
                double[][] v = valuesFor(n, q);
                stats.set("mean", Json.array(mean(v)));
                stats.set("std", Json.array(std(v)));
            }
        }
        ArrayNode fits = o.putArray("fits");
        for (QuantityFit f : result.fits()) {
            ObjectNode row = fits.addObject();
            row.put("quantity", f.quantity());
            if (Double.isFinite(f.time())) {
                row.put("time", f.time());
            }
            putNumber(row, "slope", f.slope());
            putNumber(row, "slope_ci_low", f.slopeInterval().lo());
            putNumber(row, "slope_ci_high", f.slopeInterval().hi());
            row.put("confidence", 0.95);
            row.put("seeds", f.seeds());
            row.put("bootstrap_resamples", f.slopeInterval().resamples());
            putNumber(row, "intercept", f.intercept());
            row.put("points", f.means().size());
            putNumber(row, "theory_slope", f.theorySlope());
            putNumber(row, "theory_constant", f.theoryConstant());
            row.put("theory_curve", f.theory().name());
            row.put("theory", f.theoryNote());
            row.put("theory_inside_interval", f.agreesWithTheory());
            ArrayNode means = row.putArray("means");
            for (var m : f.means()) {
                ObjectNode mo = means.addObject();
                putNumber(mo, "mean", m.estimate());
                putNumber(mo, "ci_low", m.lo());
                putNumber(mo, "ci_high", m.hi());
            }
        }
        if (result.reference() != null) {
            ObjectNode ref = o.putObject("reference");
            ref.put("size", result.reference().size());
            double[] l = result.reference().losses();
            ref.put("loss_start", l[0]);
            ref.put("loss_end", l[l.length - 1]);
            ObjectNode ntk = ref.putObject("tangent_kernel");
            ntk.set("times", Json.array(result.transportTimes()));
            ArrayNode drift = ntk.putArray("relative_drift");
            ArrayNode spectra = ntk.putArray("eigenvalues");
            for (int t = 0; t < result.snapshotTimes().length; t++) {
                if (result.reference().kernelSpectra()[t] != null) {
                    putNumber(drift, result.reference().kernelDrift()[t]);
                    spectra.add(Json.array(result.reference().kernelSpectra()[t]));
                }
            }
        }
        ObjectNode kernel = o.putObject("kernel_distance");
        kernel.put("kernel", "von Mises product: k(a, b) = prod_k exp(kappa (cos(a_k - b_k) - 1))");
        kernel.put("kappa", c.kernelConcentration());
        kernel.put("estimator", "V-statistic; to the uniform law in closed form (exp(-kappa) I0(kappa))^d");
        ArrayNode constants = o.putArray("constants_in_time");
        for (var k : result.constants()) {
            ObjectNode row = constants.addObject();
            row.put("quantity", k.quantity());
            row.put("experts", k.experts());
            row.set("times", Json.array(k.times()));
            row.set("sqrt_n_mean", Json.array(k.scaled().stream().mapToDouble(i -> i.estimate()).toArray()));
            row.set("ci_low", Json.array(k.scaled().stream().mapToDouble(i -> i.lo()).toArray()));
            row.set("ci_high", Json.array(k.scaled().stream().mapToDouble(i -> i.hi()).toArray()));
            putNumber(row, "early_growth_rate", k.growth().earlyRate());
            row.put("regime", k.growth().regime().name().toLowerCase(Locale.ROOT));
            putNumber(row, "plateau_level", k.growth().plateauLevel());
            putNumber(row, "plateau_time", k.growth().plateauTime());
        }
        ArrayNode fluct = o.putArray("fluctuations");
        for (var f : result.fluctuations()) {
            ObjectNode row = fluct.addObject();
            row.put("experts", f.experts());
            row.put("time", f.time());
            row.put("seeds", f.seeds());
            putNumber(row, "trace_variance", f.traceVariance());
            ObjectNode zeta = row.putObject("data_mean");
            putNumber(zeta, "mean", f.moments().mean());
            putNumber(zeta, "variance", f.moments().variance());
            putNumber(zeta, "skewness", f.moments().skewness());
            putNumber(zeta, "excess_kurtosis", f.moments().excessKurtosis());
            if (f.normality() != null) {
                putNumber(zeta, "anderson_darling", f.normality().modified());
                putNumber(zeta, "p_value", f.normality().pValue());
            }
            row.set("mean", Json.array(f.mean()));
            ArrayNode cov = row.putArray("covariance");
            for (double[] r : f.covariance()) {
                cov.add(Json.array(r));
            }
        }
        if (!result.linearPredictions().isEmpty()) {
            ObjectNode tl = o.putObject("tangent_linear");
            tl.put("what", "Z_a = sqrt(N)(f_N(x_a) - F(x_a)) against its tangent-linear prediction Zlin_a, path by "
                    + "path (same seed, same initial angles)");
            tl.put("correlation", "Pearson correlation of Z_a and Zlin_a across seeds for each data point a, "
                    + "averaged over the points");
            tl.put("variance_ratio", "sum_a Var Z_a / sum_a Var Zlin_a across seeds");
            tl.put("interval", "95% percentile bootstrap over whole seeds (2000 resamples)");
            tl.put("derivatives", "central differences of the O(N d) velocity and output functions, largest angle "
                    + "step 2^-17 rad");
            ArrayNode rows = tl.putArray("per_n_and_time");
            for (var p : result.linearPredictions()) {
                ObjectNode row = rows.addObject();
                row.put("experts", p.experts());
                row.put("time", p.time());
                row.put("seeds", p.seeds());
                putNumber(row, "correlation", p.correlation().estimate());
                putNumber(row, "correlation_ci_low", p.correlation().lo());
                putNumber(row, "correlation_ci_high", p.correlation().hi());
                putNumber(row, "variance_ratio", p.varianceRatio().estimate());
                putNumber(row, "variance_ratio_ci_low", p.varianceRatio().lo());
                putNumber(row, "variance_ratio_ci_high", p.varianceRatio().hi());
            }
        }
        if (result.grid() != null) {
            ObjectNode g = o.putObject("grid_vs_particles");
            g.put("cells_per_axis", result.grid().cells());
            g.put("max_residual_gap", result.grid().maxResidualGap());
            g.put("mass_error", result.grid().massError());
            g.put("min_density", result.grid().minDensity());
        }
        return o;
    }

    private static void putNumber(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /** The quantities this analysis measured (those needing the reference only in the mean-field scaling). */
    List<Quantity> measured() {
        return Arrays.stream(Quantity.values()).filter(q -> result.reference() != null || !q.needsReference())
                .toList();
    }

    double[][] valuesFor(int n, Quantity q) {
        return result.samples().stream().filter(s -> s.experts() == n).map(s -> s.series(q))
                .toArray(double[][]::new);
    }

    static double[] mean(double[][] v) {
        double[] m = new double[v[0].length];
        for (double[] row : v) {
            for (int i = 0; i < m.length; i++) {
                m[i] += row[i] / v.length;
            }
        }
        return m;
    }

    static double[] std(double[][] v) {
        double[] m = mean(v);
        double[] s = new double[m.length];
        if (v.length < 2) {
            Arrays.fill(s, Double.NaN);
            return s;
        }
        for (double[] row : v) {
            for (int i = 0; i < m.length; i++) {
                s[i] += (row[i] - m[i]) * (row[i] - m[i]) / (v.length - 1);
            }
        }
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.sqrt(s[i]);
        }
        return s;
    }

    /** One row per (N, seed, snapshot time) with every quantity; empty where a quantity was not measured. */
    private String distancesCsv() {
        StringBuilder sb = new StringBuilder("experts,seed_index,seed,time");
        List<Quantity> qs = measured();
        for (Quantity q : qs) {
            sb.append(',').append(q.key());
        }
        sb.append('\n');
        double[] times = result.snapshotTimes();
        for (Sample s : result.samples()) {
            for (int t = 0; t < times.length; t++) {
                sb.append(s.experts()).append(',').append(s.seedIndex()).append(',').append(s.seed()).append(',')
                        .append(times[t]);
                for (Quantity q : qs) {
                    double v = s.value(q, t);
                    sb.append(',').append(Double.isNaN(v) ? "" : String.valueOf(v));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private String fitsCsv() {
        StringBuilder sb = new StringBuilder("quantity,time,slope,slope_ci_low,slope_ci_high,seeds,intercept,"
                + "theory_curve,theory_slope,theory_constant\n");
        for (QuantityFit f : result.fits()) {
            sb.append(f.quantity()).append(',').append(f.time()).append(',').append(f.slope()).append(',')
                    .append(f.slopeInterval().lo()).append(',').append(f.slopeInterval().hi()).append(',')
                    .append(f.seeds()).append(',').append(f.intercept()).append(',').append(f.theory().name())
                    .append(',').append(f.theorySlope()).append(',').append(f.theoryConstant()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Z_a = sqrt(N) (f_N(x_a) − F_ref(x_a)) for every (N, seed, snapshot t > 0, a), for other tools' statistics, and
     * beside it the tangent-linear prediction z_linear when that section ran.
     */
    private String fluctuationsCsv() {
        boolean linear = !result.linearPredictions().isEmpty();
        StringBuilder sb = new StringBuilder("experts,seed_index,time,point,z" + (linear ? ",z_linear" : "") + "\n");
        double[] times = result.snapshotTimes();
        for (Sample s : result.samples()) {
            for (int t = 0; t < times.length; t++) {
                if (times[t] == 0) {
                    continue;
                }
                double[] f = s.predictions()[t];
                double[] limit = result.reference().predictions()[nearest(result.times(), times[t])];
                for (int a = 0; a < f.length; a++) {
                    sb.append(s.experts()).append(',').append(s.seedIndex()).append(',').append(times[t]).append(',')
                            .append(a).append(',').append(Math.sqrt(s.experts()) * (f[a] - limit[a]));
                    if (linear) {
                        sb.append(',').append(s.linearPredictions()[t][a]);
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static int nearest(double[] grid, double t) {
        int best = 0;
        for (int j = 0; j < grid.length; j++) {
            if (Math.abs(grid[j] - t) < Math.abs(grid[best] - t)) {
                best = j;
            }
        }
        return best;
    }

    private String lossCsv() {
        StringBuilder sb = new StringBuilder("experts,seed_index,time,loss\n");
        if (result.reference() != null) {
            double[] l = result.reference().losses();
            for (int j = 0; j < l.length; j++) {
                sb.append("reference,0,").append(result.times()[j]).append(',').append(l[j]).append('\n');
            }
        }
        for (Sample s : result.samples()) {
            for (int j = 0; j < s.lossHistory().length; j++) {
                sb.append(s.experts()).append(',').append(s.seedIndex()).append(',').append(result.times()[j])
                        .append(',').append(s.lossHistory()[j]).append('\n');
            }
        }
        return sb.toString();
    }
}
