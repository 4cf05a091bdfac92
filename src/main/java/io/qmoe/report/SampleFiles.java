package io.qmoe.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.meanfield.AnalysisResult;
import io.qmoe.meanfield.MeanFieldAnalysis;
import io.qmoe.meanfield.Quantity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps the finished samples of an analysis as one JSON file each ({@code samples/N<n>-s<i>.json}, exact doubles,
 * written atomically) together with a fingerprint of the configuration ({@code samples/config.txt}, one
 * {@code name value} line per setting), so {@code qmoe analyze --resume} continues an interrupted sweep and refuses,
 * naming the setting, to mix samples of a different configuration. It deletes only files it wrote itself.
 */
public final class SampleFiles implements MeanFieldAnalysis.SampleStore, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern OWN = Pattern.compile("N\\d+-s\\d+\\.json|config\\.txt");

    /**
     * The folder the sample files live in: a local directory, or (io.qmoe.spark) a Hadoop FileSystem path that every
     * executor of a cluster reaches. Serializable, so a store can travel with the tasks that save into it.
     */
    public interface Folder extends java.io.Serializable {
        /** The text of file {@code name}, or empty if there is none. */
        Optional<String> read(String name) throws IOException;

        /** Writes file {@code name} so that a reader never sees it half written (atomically, or create-then-rename). */
        void write(String name, String text) throws IOException;

        /** The names of the files in the folder (none if it does not exist). */
        List<String> list() throws IOException;

        /** Deletes file {@code name}. */
        void delete(String name) throws IOException;

        /** The folder as shown in messages. */
        String describe();

        /** The folder that holds this one, as shown in messages. */
        String describeParent();
    }

    /** A local directory. */
    private record LocalFolder(String path) implements Folder {
        private Path dir() {
            return Path.of(path);
        }

        @Override
        public Optional<String> read(String name) throws IOException {
            Path f = dir().resolve(name);
            return Files.exists(f) ? Optional.of(Files.readString(f)) : Optional.empty();
        }

        @Override
        public void write(String name, String text) {
            AtomicFiles.writeString(dir().resolve(name), text);
        }

        @Override
        public List<String> list() throws IOException {
            if (!Files.isDirectory(dir())) {
                return List.of();
            }
            try (var files = Files.list(dir())) {
                return files.map(f -> f.getFileName().toString()).sorted().toList();
            }
        }

        @Override
        public void delete(String name) throws IOException {
            Files.delete(dir().resolve(name));
        }

        @Override
        public String describe() {
            return path;
        }

        @Override
        public String describeParent() {
            return String.valueOf(dir().getParent());
        }
    }

    private final Folder dir;

    /** Samples under {@code outDir/samples}. */
    public SampleFiles(Path outDir) {
        this(new LocalFolder(outDir.resolve("samples").toString()));
    }

    /** Samples in {@code folder} (the same file names and format as a local {@code samples} folder). */
    public SampleFiles(Folder folder) {
        this.dir = folder;
    }

    /**
     * Starts a new store (resume = false: the sample files of an earlier analysis are removed, nothing else) or checks
     * that the saved fingerprint matches line by line (resume = true).
     *
     * @throws IllegalArgumentException naming the first setting that differs, or a folder with nothing to resume
     */
    public void open(List<String> fingerprint, boolean resume) {
        String text = String.join("\n", fingerprint) + "\n";
        try {
            if (resume) {
                Optional<String> stamp = dir.read("config.txt");
                if (stamp.isEmpty()) {
                    throw new IllegalArgumentException("--resume: " + dir.describeParent() + " holds no unfinished "
                            + "analysis (no samples/config.txt)");
                }
                List<String> saved = stamp.get().lines().toList();
                for (int i = 0; i < Math.max(saved.size(), fingerprint.size()); i++) {
                    String was = i < saved.size() ? saved.get(i) : "";
                    String now = i < fingerprint.size() ? fingerprint.get(i) : "";
                    if (!was.equals(now)) {
                        throw new IllegalArgumentException("--resume: " + describe(was, now) + " differs from the "
                                + "analysis in " + dir.describeParent() + "; use the same command line, or --overwrite");
                    }
                }
                return;
            }
            for (String f : dir.list()) {
                if (OWN.matcher(f).matches()) {
                    dir.delete(f);
                }
            }
            dir.write("config.txt", text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir.describe() + ": " + e.getMessage(), e);
        }
    }

    /** Which setting a differing fingerprint line names: its first word. */
    private static String describe(String was, String now) {
        String line = now.isEmpty() ? was : now;
        int space = line.indexOf(' ');
        String key = space < 0 ? line : line.substring(0, space);
        return key.isEmpty() ? "the configuration" : "the " + key;
    }

    private static String file(int experts, int seedIndex) {
        return "N" + experts + "-s" + seedIndex + ".json";
    }

    @Override
    public Optional<AnalysisResult.Sample> load(int experts, int seedIndex) {
        String f = dir.describe() + "/" + file(experts, seedIndex);
        Optional<String> text;
        try {
            text = dir.read(file(experts, seedIndex));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        JsonNode o = Json.parse(text.get(), f);
        Quantity[] qs = Quantity.values();
        double[][] values = new double[qs.length][];
        for (Quantity q : qs) {
            values[q.ordinal()] = Json.doubles(field(o, f, q.key()));
        }
        double[][] clouds = null;
        if (o.hasNonNull("clouds")) {
            clouds = new double[o.get("clouds").size()][];
            for (int i = 0; i < clouds.length; i++) {
                JsonNode c = o.get("clouds").get(i);
                clouds[i] = c.isNull() ? null : Json.doubles(c);
            }
        }
        JsonNode p = field(o, f, "predictions");
        double[][] predictions = new double[p.size()][];
        for (int i = 0; i < predictions.length; i++) {
            predictions[i] = Json.doubles(p.get(i));
        }
        double[][] linear = null;
        if (o.hasNonNull("linear_predictions")) {
            JsonNode l = o.get("linear_predictions");
            linear = new double[l.size()][];
            for (int i = 0; i < linear.length; i++) {
                linear[i] = Json.doubles(l.get(i));
            }
        }
        AnalysisResult.Sample s = new AnalysisResult.Sample(field(o, f, "experts").asInt(),
                field(o, f, "seed_index").asInt(), field(o, f, "seed").asLong(), values,
                Json.doubles(field(o, f, "loss_history")), predictions, clouds, linear);
        if (s.experts() != experts || s.seedIndex() != seedIndex) {
            throw new IllegalArgumentException(f + ": holds N = " + s.experts() + " seed " + s.seedIndex()
                    + ", not what its name says; remove it or use --overwrite");
        }
        return Optional.of(s);
    }

    private static JsonNode field(JsonNode o, String file, String name) {
        if (!o.isObject() || !o.has(name)) {
            throw new IllegalArgumentException(file + ": field '" + name + "' is missing (a sample of an older qmoe, "
                    + "or a damaged file); remove it or use --overwrite");
        }
        return o.get(name);
    }

    @Override
    public void save(AnalysisResult.Sample s) {
        ObjectNode o = Json.object();
        o.put("experts", s.experts());
        o.put("seed_index", s.seedIndex());
        o.put("seed", s.seed());
        for (Quantity q : Quantity.values()) {
            o.set(q.key(), Json.array(s.series(q)));
        }
        o.set("loss_history", Json.array(s.lossHistory()));
        ArrayNode p = o.putArray("predictions");
        for (double[] row : s.predictions()) {
            p.add(Json.array(row));
        }
        if (s.linearPredictions() != null) {
            ArrayNode l = o.putArray("linear_predictions");
            for (double[] row : s.linearPredictions()) {
                l.add(Json.array(row));
            }
        }
        if (s.clouds() != null) {
            ArrayNode c = o.putArray("clouds");
            for (double[] cloud : s.clouds()) {
                if (cloud == null) {
                    c.addNull();
                } else {
                    c.add(Json.array(cloud));
                }
            }
        } else {
            o.putNull("clouds");
        }
        try {
            dir.write(file(s.experts(), s.seedIndex()), Json.text(o));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.describe() + "/" + file(s.experts(), s.seedIndex())
                    + ": " + e.getMessage(), e);
        }
    }
}
