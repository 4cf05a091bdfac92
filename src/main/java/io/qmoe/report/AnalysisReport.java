package io.qmoe.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.meanfield.AnalysisResult;
import io.qmoe.meanfield.AnalysisResult.QuantityFit;
import io.qmoe.meanfield.AnalysisResult.Sample;
import io.qmoe.meanfield.RateFit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

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
        files.addAll(AnalysisPlots.write(result, dir));
        AtomicFiles.writeString(dir.resolve("report.html"), AnalysisHtml.render(result, context, files));
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
        cfg.put("wasserstein_cap", c.wassersteinCap());
        cfg.put("scaling", c.scaling().name().toLowerCase(Locale.ROOT));
        cfg.put("grid_cells", c.gridCells());
        o.put("dimension", result.dimension());

        ArrayNode perN = o.putArray("per_n");
        for (int n : c.experts()) {
            ObjectNode row = perN.addObject();
            row.put("experts", n);
            for (var q : quantities().entrySet()) {
                ObjectNode stats = row.putObject(q.getKey());
                double[][] v = valuesFor(n, q.getValue());
                stats.set("mean", Json.array(mean(v)));
                stats.set("std", Json.array(std(v)));
            }
            double[] floors = result.samples().stream().filter(s -> s.experts() == n).mapToDouble(Sample::floor)
                    .toArray();
            row.put("uniform_floor_mean", Arrays.stream(floors).average().orElse(Double.NaN));
        }
        ArrayNode fits = o.putArray("fits");
        for (QuantityFit f : result.fits()) {
            ObjectNode row = fits.addObject();
            row.put("quantity", f.quantity());
            if (Double.isFinite(f.time())) {
                row.put("time", f.time());
            }
            putNumber(row, "slope", f.fit().slope());
            putNumber(row, "slope_stderr", f.fit().standardError());
            putNumber(row, "intercept", f.fit().intercept());
            row.put("points", f.fit().points());
            row.put("theory_slope", f.theory());
            row.put("theory", f.theoryNote());
        }
        if (result.reference() != null) {
            ObjectNode ref = o.putObject("reference");
            ref.put("size", result.reference().size());
            double[] l = result.reference().losses();
            ref.put("loss_start", l[0]);
            ref.put("loss_end", l[l.length - 1]);
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

    private static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    /** The per-snapshot quantities, by name. */
    static Map<String, Function<Sample, double[]>> quantities() {
        Map<String, Function<Sample, double[]>> q = new LinkedHashMap<>();
        q.put("coupling", Sample::coupling);
        q.put("prediction_gap", Sample::predictionGap);
        q.put("wasserstein", Sample::wasserstein);
        q.put("displacement", Sample::displacement);
        q.put("loss", Sample::loss);
        return q;
    }

    double[][] valuesFor(int n, Function<Sample, double[]> q) {
        return result.samples().stream().filter(s -> s.experts() == n).map(q).toArray(double[][]::new);
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

    private String distancesCsv() {
        StringBuilder sb = new StringBuilder("experts,seed_index,seed,time,coupling,prediction_gap,wasserstein,"
                + "displacement,loss,uniform_floor\n");
        double[] times = result.snapshotTimes();
        for (Sample s : result.samples()) {
            for (int t = 0; t < times.length; t++) {
                sb.append(s.experts()).append(',').append(s.seedIndex()).append(',').append(s.seed()).append(',')
                        .append(times[t]).append(',').append(s.coupling()[t]).append(',')
                        .append(s.predictionGap()[t]).append(',').append(s.wasserstein()[t]).append(',')
                        .append(s.displacement()[t]).append(',').append(s.loss()[t]).append(',')
                        .append(s.floor()).append('\n');
            }
        }
        return sb.toString();
    }

    private String fitsCsv() {
        StringBuilder sb = new StringBuilder("quantity,time,slope,slope_stderr,intercept,points,theory_slope\n");
        for (QuantityFit f : result.fits()) {
            RateFit r = f.fit();
            sb.append(f.quantity()).append(',').append(Double.isFinite(f.time()) ? String.valueOf(f.time()) : "")
                    .append(',').append(r.slope()).append(',').append(r.standardError()).append(',')
                    .append(r.intercept()).append(',').append(r.points()).append(',').append(f.theory())
                    .append('\n');
        }
        return sb.toString();
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
