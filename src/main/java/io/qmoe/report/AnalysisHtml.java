package io.qmoe.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.meanfield.AnalysisResult;
import io.qmoe.meanfield.AnalysisResult.QuantityFit;
import java.util.List;
import java.util.Locale;

/** The self-contained {@code report.html} of an analysis: the fitted rates and each plot with how to read it. */
final class AnalysisHtml {
    private AnalysisHtml() {
    }

    static String render(AnalysisResult r, ObjectNode context, List<String> files, java.nio.file.Path dir) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>qmoe mean-field analysis"
                + "</title>\n<style>body{font-family:sans-serif;max-width:980px;margin:2em auto;line-height:1.45}"
                + "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}"
                + "th{background:#eee}img{max-width:100%;border:1px solid #ddd}code{background:#f4f4f4}</style>"
                + "</head><body>\n");
        h.append("<h1>Mean-field limit of a mixture of quantum experts</h1>\n<p>");
        context.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                h.append("<b>").append(esc(e.getKey())).append("</b>: ").append(esc(e.getValue().asText()))
                        .append("<br>\n");
            }
        });
        var c = r.config();
        h.append(String.format(Locale.ROOT, "<b>d</b>: %d trainable angles; <b>N</b>: %s; %d seed(s) per N; "
                        + "reference population %s; t in [0, %g], %s with dt = %g; scaling %s.</p>\n",
                r.dimension(), java.util.Arrays.toString(c.experts()), c.seeds(),
                r.reference() == null ? "none (lazy scaling)" : String.valueOf(r.reference().size()), c.time(),
                c.integrator(), c.dt(), c.scaling().name().toLowerCase(Locale.ROOT)));
        h.append("<h2>Fitted rates</h2>\n<p>Each slope is the least-squares slope of log(mean over seeds) against "
                + "log(N); the interval is a 95 % percentile bootstrap over whole seeds (2000 resamples), with the "
                + "number of seeds beside it. The theory slope is the least-squares slope of the theory "
                + "<em>curve</em> on this sweep's own N grid (sqrt(log N / N) has slope about -0.39 over "
                + "N = 16..1024, not -0.5). Theory: D<sub>N</sub>, G<sub>N</sub> and W<sub>2</sub>(mixture, twins) "
                + "decay as N<sup>-1/2</sup> (propagation of chaos); W<sub>2</sub> to the reference contains the "
                + "sampling error of N points, N<sup>-1/2</sup> for d = 1, about (log N / N)<sup>1/2</sup> for d = 2 "
                + "and N<sup>-1/d</sup> for d &ge; 3. The twins are i.i.d. samples of &mu;<sub>t</sub>, so "
                + "W<sub>2</sub>(twins, reference) is that sampling part, and for every sample "
                + "|W<sub>2</sub>(&mu;<sub>N</sub>, ref) - W<sub>2</sub>(twins, ref)| &le; "
                + "W<sub>2</sub>(&mu;<sub>N</sub>, twins) &le; D<sub>N</sub>.</p>\n");
        if (c.seeds() < 10) {
            h.append("<p class=\"warn\"><b>Warning:</b> only " + c.seeds() + " seed(s) per N back these slopes; "
                    + "with fewer than 10 the bootstrap intervals are rough (the seed-to-seed spread of "
                    + "D<sub>N</sub> is heavy-tailed).</p>\n");
        }
        if (r.dimension() >= 3 && r.reference() != null) {
            h.append("<p><b>d = " + r.dimension() + " &ge; 3:</b> W<sub>2</sub> between N points and the reference "
                    + "is dominated by the sampling error N<sup>-1/d</sup>; it barely moves between t = 0 and the "
                    + "end and shows the empirical-measure rate, not the dynamics. Read D<sub>N</sub> and "
                    + "G<sub>N</sub> for propagation of chaos.</p>\n");
        }
        h.append("<table><tr><th>quantity</th><th>t</th><th>slope</th><th>95 % interval</th><th>seeds</th>"
                + "<th>theory slope</th><th></th></tr>\n");
        double last = r.snapshotTimes()[r.snapshotTimes().length - 1];
        for (QuantityFit f : r.fits()) {
            if (f.time() != last && r.transportTimes().length > 0 && f.time() != 0
                    && java.util.Arrays.stream(r.transportTimes()).noneMatch(t -> t == f.time())) {
                continue;
            }
            h.append(String.format(Locale.ROOT, "<tr><td style=\"text-align:left\">%s</td><td>%.3g</td><td>%.3f</td>"
                            + "<td>[%.3f, %.3f]</td><td>%d</td><td>%.3f</td><td style=\"text-align:left\">%s</td>"
                            + "</tr>\n", esc(f.quantity()), f.time(), f.slope(), f.slopeInterval().lo(),
                    f.slopeInterval().hi(), f.seeds(), f.theorySlope(), esc(f.theoryNote())));
        }
        h.append("</table>\n<p>Every fit at every snapshot time is in <code>fits.csv</code>.</p>\n");
        if (r.grid() != null) {
            h.append(String.format(Locale.ROOT, "<h2>Grid solver against the particle reference</h2><p>An "
                            + "independent finite-volume solution of the continuity equation on a %d-cell-per-axis "
                            + "periodic grid gives residuals within <b>%.3g</b> of the particle reference at every "
                            + "time and data point (mass conserved to %.1e, smallest density %.3g). Both approximate "
                            + "the same &mu;<sub>t</sub>; the gap shrinks as the grid and the population grow.</p>\n",
                    r.grid().cells(), r.grid().maxResidualGap(), r.grid().massError(), r.grid().minDensity()));
        }
        section(h, files, dir, "loss_vs_time.png", "Loss against time",
                "The training loss of one mixture per N and of the reference population. In the mean-field scaling "
                        + "all curves approach the reference curve as N grows: the loss of a large mixture is a "
                        + "deterministic function of time.");
        section(h, files, dir, "rate_coupling.png", "Coupling distance against N",
                "D<sub>N</sub>(t) is the root-mean-square torus distance between each expert and its twin in the "
                        + "nonlinear process, started at the same angle but driven by the reference residuals. It "
                        + "measures propagation of chaos without any sampling error; its slope should be close to "
                        + "-1/2.");
        section(h, files, dir, "rate_prediction_gap.png", "Prediction gap against N",
                "G<sub>N</sub>(t) is the root-mean-square difference between the mixture's predictions and the "
                        + "reference predictions on the data. Its slope should be close to -1/2 as well.");
        section(h, files, dir, "rate_wasserstein.png", "Wasserstein distance against N",
                "Exact W<sub>2</sub> (optimal transport with the torus distance) between the N-expert cloud and "
                        + "the whole reference cloud. It is dominated by the sampling error of N points, drawn as "
                        + "the sampling part W<sub>2</sub>(twins, reference): plotted alone it shows the "
                        + "empirical-measure rate in d, not the dynamics.");
        section(h, files, dir, "rate_mmd.png", "Kernel distance against N",
                "MMD(&mu;<sub>N</sub>(t), &mu;<sub>t</sub>) with the von Mises product kernel (bandwidth "
                        + "1/&radic;&kappa; radians; &kappa; in summary.json) against the whole reference. Unlike "
                        + "W<sub>2</sub> it converges like N<sup>-1/2</sup> in every dimension, so it shows the "
                        + "dynamics even for d &ge; 3. Its sampling part is MMD(twins, reference); "
                        + "MMD(&mu;<sub>N</sub>(t), &mu;<sub>N</sub>(0)) (distances.csv, mmd_motion) shows how far "
                        + "the cloud has moved, and MMD to the uniform law (mmd_uniform, closed form) its departure "
                        + "from the start.");
        section(h, files, dir, "constants_coupling.png", "Constants in time: coupling",
                "&radic;N&middot;D<sub>N</sub>(t) against t for every N, with the 95 % bootstrap band: the curves "
                        + "collapse when the rate is N<sup>-1/2</sup>. Gronwall's bound allows the constant to grow "
                        + "like e<sup>Ct</sup>; summary.json (constants_in_time) gives the early growth rate of "
                        + "log(&radic;N&middot;D<sub>N</sub>), whether it saturates and at which level.");
        section(h, files, dir, "constants_prediction_gap.png", "Constants in time: prediction gap",
                "&radic;N&middot;G<sub>N</sub>(t) likewise.");
        section(h, files, dir, "fluctuation_variance.png", "Fluctuations: variance against N",
                "Z<sub>a</sub> = &radic;N (f<sub>N</sub>(x<sub>a</sub>) - F(x<sub>a</sub>)) across seeds: the "
                        + "central limit theorem of the mixture says its law converges to a centred Gaussian whose "
                        + "covariance does not depend on N, so this curve is flat when the CLT scaling is right. "
                        + "Moments (mean, variance, skewness, excess kurtosis) and an Anderson-Darling test of the "
                        + "data mean of Z per N and time are in summary.json (fluctuations), with the covariance "
                        + "matrix across data points; every Z is in fluctuations.csv. Moments need many seeds: "
                        + "the number behind each figure is given beside it.");
        section(h, files, dir, "fluctuation_qq.png", "Fluctuations: normal Q-Q plot",
                "The data mean of Z at the largest N and the last time, standardised, against normal quantiles: "
                        + "points on the diagonal when the fluctuations are Gaussian.");
        section(h, files, dir, "tangent_linear.png", "Fluctuations: the tangent-linear prediction",
                "Beside each sample's twins the linearised fluctuations &eta; = &radic;N(&theta; - "
                        + "&theta;&#772;) are integrated with the same stages (--tangent-linear); they predict "
                        + "Z<sub>a</sub> by Zlin<sub>a</sub> = S<sub>a</sub> + (1/N) &Sigma;<sub>j</sub> "
                        + "&nabla;f(&theta;&#772;<sub>j</sub>, x<sub>a</sub>)&middot;&eta;<sub>j</sub>, where "
                        + "S<sub>a</sub> = &radic;N(mean of the twins' outputs - F) carries the initial sampling "
                        + "noise. Plotted against N at the last time: the correlation of Z<sub>a</sub> with "
                        + "Zlin<sub>a</sub> across seeds, for each data point and then averaged over the points, "
                        + "and the variance ratio &Sigma;<sub>a</sub> Var Z<sub>a</sub> / &Sigma;<sub>a</sub> Var "
                        + "Zlin<sub>a</sub>, each with its 95 % bootstrap interval over seeds. Both tend to 1 as N "
                        + "grows where the central limit theorem holds: the fluctuations are then the solution of "
                        + "the linear equation, path by path. A correlation well below 1 at large N, or a ratio "
                        + "away from 1, means the nonlinear part of the fluctuations has not died out "
                        + "(Z - Zlin is of order N<sup>-1/2</sup> when it has).");
        if (!r.linearPredictions().isEmpty()) {
            h.append("<table><tr><th>N</th><th>t</th><th>seeds</th><th>correlation</th><th>95 % interval</th>"
                    + "<th>Var Z / Var Zlin</th><th>95 % interval</th></tr>\n");
            for (var p : r.linearPredictions()) {
                if (p.time() != last && java.util.Arrays.stream(r.transportTimes()).noneMatch(t -> t == p.time())) {
                    continue;
                }
                h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%.3g</td><td>%d</td><td>%.4f</td>"
                                + "<td>[%.4f, %.4f]</td><td>%.4f</td><td>[%.4f, %.4f]</td></tr>\n", p.experts(),
                        p.time(), p.seeds(), p.correlation().estimate(), p.correlation().lo(), p.correlation().hi(),
                        p.varianceRatio().estimate(), p.varianceRatio().lo(), p.varianceRatio().hi()));
            }
            h.append("</table>\n<p>At the transport times and the last time; every snapshot time is in "
                    + "summary.json (tangent_linear), and every Z with its Zlin in fluctuations.csv.</p>\n");
        }
        section(h, files, dir, "ntk_drift.png", "Tangent kernel drift",
                "K<sub>t</sub>(x<sub>a</sub>, x<sub>b</sub>) = &int; &nabla;f(&theta;, x<sub>a</sub>)&middot;"
                        + "&nabla;f(&theta;, x<sub>b</sub>) d&mu;<sub>t</sub>, of the reference (the mean-field limit) "
                        + "and of each mixture. In the mean-field scaling it moves by O(1) whatever N is (features "
                        + "are learned; rate fit ntk_drift with slope 0); with --scaling lazy it freezes, shrinking "
                        + "like N<sup>-1/2</sup>. The reference's spectrum at each time is in summary.json.");
        section(h, files, dir, "rate_displacement.png", "How far the angles move",
                "Root-mean-square distance of the angles from their initial values. In the mean-field scaling "
                        + "it stays of order one for every N (the features are learned); in the lazy 1/sqrt(N) "
                        + "scaling it decays like N<sup>-1/2</sup> (the angles barely move).");
        section(h, files, dir, "densities.png", "Angle densities",
                "Histograms of the first two angles (heat maps on the torus [0, 2&pi;)<sup>2</sup>, one colour scale "
                        + "for all panels; a histogram when d = 1) at the transport times, for the smallest N, the "
                        + "largest N and the reference. The large mixture looks like the reference; the small one "
                        + "is a noisy version of it.");
        h.append("<h2>Files</h2><ul>");
        for (String f : files) {
            h.append("<li><a href=\"").append(esc(f)).append("\">").append(esc(f)).append("</a></li>");
        }
        h.append("</ul></body></html>\n");
        return h.toString();
    }

    private static void section(StringBuilder h, List<String> files, java.nio.file.Path dir, String file, String title,
                                String text) {
        if (!files.contains(file)) {
            return;
        }
        h.append("<h2>").append(title).append("</h2>\n<p>").append(text).append("</p>\n<img src=\"")
                .append(dataUri(dir, file)).append("\" alt=\"").append(title).append("\"><br>\n<small><a href=\"")
                .append(file).append("\">").append(file).append("</a> &middot; <a href=\"")
                .append(file.replace(".png", ".svg")).append("\">SVG</a></small>\n");
    }

    /** The PNG as a data URI, so the report is one self-contained file that can be mailed. */
    private static String dataUri(java.nio.file.Path dir, String file) {
        try {
            byte[] png = java.nio.file.Files.readAllBytes(dir.resolve(file));
            return "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png);
        } catch (java.io.IOException e) {
            return file;
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
