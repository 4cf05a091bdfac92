package io.qmoe.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.meanfield.AnalysisResult;
import io.qmoe.meanfield.MeanFieldAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Keeps the finished samples of an analysis as one JSON file each ({@code samples/N<n>-s<i>.json}, exact doubles,
 * written atomically) together with a fingerprint of the configuration, so {@code qmoe analyze --resume} continues an
 * interrupted sweep and refuses to mix samples of a different configuration.
 */
public final class SampleFiles implements MeanFieldAnalysis.SampleStore {
    private final Path dir;

    /** Samples under {@code outDir/samples}. */
    public SampleFiles(Path outDir) {
        this.dir = outDir.resolve("samples");
    }

    /**
     * Starts a new store (resume = false: any old samples are removed) or checks that the saved fingerprint matches
     * (resume = true).
     */
    public void open(String fingerprint, boolean resume) {
        Path stamp = dir.resolve("config.txt");
        try {
            if (resume) {
                if (!Files.exists(stamp)) {
                    throw new IllegalArgumentException("--resume: " + dir.getParent() + " holds no unfinished "
                            + "analysis (no samples/config.txt)");
                }
                if (!Files.readString(stamp).equals(fingerprint)) {
                    throw new IllegalArgumentException("--resume: the options, circuit or data differ from the "
                            + "analysis in " + dir.getParent() + "; use the same command line, or --overwrite");
                }
                return;
            }
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
            }
            AtomicFiles.writeString(stamp, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path file(int experts, int seedIndex) {
        return dir.resolve("N" + experts + "-s" + seedIndex + ".json");
    }

    @Override
    public Optional<AnalysisResult.Sample> load(int experts, int seedIndex) {
        Path f = file(experts, seedIndex);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        JsonNode o = Json.read(f);
        double[][] clouds = null;
        if (o.hasNonNull("clouds")) {
            clouds = new double[o.get("clouds").size()][];
            for (int i = 0; i < clouds.length; i++) {
                clouds[i] = Json.doubles(o.get("clouds").get(i));
            }
        }
        return Optional.of(new AnalysisResult.Sample(o.get("experts").asInt(), o.get("seed_index").asInt(),
                o.get("seed").asLong(), Json.doubles(o.get("coupling")), Json.doubles(o.get("prediction_gap")),
                Json.doubles(o.get("wasserstein")), Json.doubles(o.get("displacement")), Json.doubles(o.get("loss")),
                o.get("floor").asDouble(), Json.doubles(o.get("loss_history")), clouds));
    }

    @Override
    public void save(AnalysisResult.Sample s) {
        ObjectNode o = Json.object();
        o.put("experts", s.experts());
        o.put("seed_index", s.seedIndex());
        o.put("seed", s.seed());
        o.set("coupling", Json.array(s.coupling()));
        o.set("prediction_gap", Json.array(s.predictionGap()));
        o.set("wasserstein", Json.array(s.wasserstein()));
        o.set("displacement", Json.array(s.displacement()));
        o.set("loss", Json.array(s.loss()));
        o.put("floor", s.floor());
        o.set("loss_history", Json.array(s.lossHistory()));
        if (s.clouds() != null) {
            ArrayNode c = o.putArray("clouds");
            for (double[] cloud : s.clouds()) {
                c.add(Json.array(cloud));
            }
        } else {
            o.putNull("clouds");
        }
        Json.write(file(s.experts(), s.seedIndex()), o);
    }
}
