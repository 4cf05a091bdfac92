package io.qmoe.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qmoe.backend.statevector.StateVectorEstimator;
import io.qmoe.circuit.ParametricCircuit;
import io.qmoe.circuit.PauliObservable;
import io.qmoe.meanfield.AnalysisConfig;
import io.qmoe.meanfield.AnalysisResult;
import io.qmoe.meanfield.MeanFieldAnalysis;
import io.qmoe.mixture.Dataset;
import io.qmoe.mixture.Expert;
import io.qmoe.mixture.Tasks;
import io.qmoe.report.AnalysisReport;
import io.qmoe.report.Json;
import io.qmoe.report.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps as Spark tasks on one shared {@code local[2]} context (UI off, driver on 127.0.0.1): the files of an analysis
 * are byte-identical to the thread pool's, and a resumed sweep takes the saved samples from a Hadoop {@code file:}
 * store instead of recomputing them.
 */
class SparkSweepTest {
    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    /** A two-angle, one-feature qubit expert on the state-vector engine; every JVM builds the same one. */
    record QubitSource() implements ExpertSource {
        @Override
        public Expert expert() {
            ParametricCircuit c = ParametricCircuit.builder(1).trainable("a").trainable("b").data("x")
                    .ry(0, "a").rx(0, "x").rz(0, "b").ry(0, "x").build();
            return Expert.on(c, PauliObservable.z(0), new StateVectorEstimator(1));
        }

        @Override
        public Dataset data() {
            return Tasks.sine(6);
        }
    }

    /**
     * The qubit expert, counting the data sets built: each block of a partitioned population builds one per job, each
     * sample task one.
     */
    record CountingSource() implements ExpertSource {
        static final AtomicLong DATA = new AtomicLong();

        @Override
        public Expert expert() {
            return new QubitSource().expert();
        }

        @Override
        public Dataset data() {
            DATA.incrementAndGet();
            return new QubitSource().data();
        }
    }

    @BeforeAll
    static void start() {
        spark = SparkContexts.start("local[2]", "qmoe-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static AnalysisConfig config() {
        return AnalysisConfig.builder().experts(8, 16, 24).seeds(2).referenceSize(96).time(0.4).dt(0.1)
                .snapshots(0, 0.2, 0.4).transportSnapshots(0, 0.4).gridCells(16).build();
    }

    private static MeanFieldAnalysis analysis() {
        QubitSource s = new QubitSource();
        return new MeanFieldAnalysis(s.expert(), s.data(), config());
    }

    /** The resume test needs no cloud distances: a cheaper sweep. */
    private static MeanFieldAnalysis cheap() {
        QubitSource s = new QubitSource();
        return new MeanFieldAnalysis(s.expert(), s.data(), AnalysisConfig.builder().experts(8, 16, 24).seeds(2)
                .referenceSize(48).time(0.2).dt(0.1).snapshots(0, 0.2).transportSnapshots().gridCells(0).build());
    }

    /** Every file under {@code root}, by relative name, as bytes. */
    private static Map<String, byte[]> files(Path root) throws Exception {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    private static void write(AnalysisResult r, Path out) {
        ObjectNode context = Json.object();
        context.put("circuit", "qubit");
        new AnalysisReport(r, context).write(out);
    }

    @Test
    void anAnalysisOnSparkWritesTheSameFilesAsOnThreads() throws Exception {
        AnalysisResult threads = analysis().run((d, t, s) -> { }, MeanFieldAnalysis.SampleStore.NONE, 2);
        AtomicLong last = new AtomicLong();
        AtomicLong total = new AtomicLong();
        AnalysisResult sparked = analysis().run((d, t, s) -> {
            last.set(d);
            total.set(t);
        }, MeanFieldAnalysis.SampleStore.NONE, new SparkSampleExecutor(spark, new QubitSource()));
        write(threads, dir.resolve("threads"));
        write(sparked, dir.resolve("spark"));
        Map<String, byte[]> a = files(dir.resolve("threads"));
        Map<String, byte[]> b = files(dir.resolve("spark"));
        assertThat(a).containsKeys("summary.json", "distances.csv", "fits.csv", "loss.csv", "fluctuations.csv");
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String name : a.keySet()) {
            assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
        }
        // progress counts the whole analysis, and reaches its end
        assertThat(total.get()).isPositive();
        assertThat(last.get()).isEqualTo(total.get());
    }

    @Test
    void aReferenceOfFourBlocksOrMoreRunsPartitionedOnSparkToTheSameFiles() throws Exception {
        // five blocks, the last of four particles; clouds kept at 0 and 0.2, not at 0.1
        AnalysisConfig config = AnalysisConfig.builder().experts(8, 16).seeds(2)
                .referenceSize(PartitionedReference.MIN_SIZE + 4).time(0.2).dt(0.1).snapshots(0, 0.1, 0.2)
                .transportSnapshots(0, 0.2).gridCells(8).build();
        QubitSource s = new QubitSource();
        AnalysisResult threads = new MeanFieldAnalysis(s.expert(), s.data(), config)
                .run((d, t, st) -> { }, MeanFieldAnalysis.SampleStore.NONE, 2);
        long before = CountingSource.DATA.get();
        AnalysisResult sparked = new MeanFieldAnalysis(s.expert(), s.data(), config).run((d, t, st) -> { },
                MeanFieldAnalysis.SampleStore.NONE, new SparkSampleExecutor(spark, new CountingSource()));
        // the population ran in blocks on the executors: 5 blocks x (the start + 2 RK4 steps x 4 stages) block sums,
        // beside the 4 sample tasks (on the driver it would have been none)
        assertThat(CountingSource.DATA.get() - before).isGreaterThanOrEqualTo(5 * 9 + 4);
        write(threads, dir.resolve("threads"));
        write(sparked, dir.resolve("spark"));
        Map<String, byte[]> a = files(dir.resolve("threads"));
        Map<String, byte[]> b = files(dir.resolve("spark"));
        assertThat(a).containsKeys("summary.json", "distances.csv", "loss.csv", "fluctuations.csv");
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String name : a.keySet()) {
            assertThat(b.get(name)).as(name).isEqualTo(a.get(name));
        }
        // the threshold: four whole blocks
        assertThat(PartitionedReference.partitioned(4 * io.qmoe.mixture.MixtureOfExperts.SUM_BLOCK)).isTrue();
        assertThat(PartitionedReference.partitioned(4 * io.qmoe.mixture.MixtureOfExperts.SUM_BLOCK - 1))
                .isFalse();
    }

    @Test
    void aResumedSweepOnSparkTakesTheSavedSamplesAndRunsOnlyTheRest() throws Exception {
        Path samples = dir.resolve("store");
        List<String> fingerprint = List.of("test fingerprint", "--experts 8,16,24");
        SampleFiles store = new SampleFiles(new HadoopFolder(samples.toUri().toString()));
        store.open(fingerprint, false);
        SparkSampleExecutor executor = new SparkSampleExecutor(spark, new QubitSource());
        AnalysisResult whole = cheap().run((d, t, s) -> { }, store, executor);
        // the executors saved every sample, with the local store's names, and nothing else (no .crc side files)
        List<String> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(samples)) {
            list.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertThat(names).containsExactlyInAnyOrder("config.txt", "N8-s0.json", "N8-s1.json", "N16-s0.json",
                "N16-s1.json", "N24-s0.json", "N24-s1.json");

        // an interrupted sweep: N24 seed 1 never finished; a saved sample is marked so a recomputation would show
        Files.delete(samples.resolve("N24-s1.json"));
        Path marked = samples.resolve("N8-s1.json");
        ObjectNode node = (ObjectNode) Json.MAPPER.readTree(Files.readString(marked));
        double before = node.get("loss_history").get(0).asDouble();
        ((com.fasterxml.jackson.databind.node.ArrayNode) node.get("loss_history")).set(0, 12345.0);
        Files.writeString(marked, Json.text(node));
        FileTime[] times = new FileTime[names.size()];
        List<String> kept = List.of("N8-s0.json", "N8-s1.json", "N16-s0.json", "N16-s1.json", "N24-s0.json");
        for (int i = 0; i < kept.size(); i++) {
            Files.setLastModifiedTime(samples.resolve(kept.get(i)), FileTime.fromMillis(1_000_000_000_000L));
            times[i] = Files.getLastModifiedTime(samples.resolve(kept.get(i)));
        }

        SampleFiles again = new SampleFiles(new HadoopFolder(samples.toUri().toString()));
        again.open(fingerprint, true);
        AnalysisResult resumed = cheap().run((d, t, s) -> { }, again, executor);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(Files.getLastModifiedTime(samples.resolve(kept.get(i)))).as(kept.get(i)).isEqualTo(times[i]);
        }
        assertThat(samples.resolve("N24-s1.json")).exists();
        assertThat(resumed.samples()).hasSize(6);
        for (int i = 0; i < 6; i++) {
            AnalysisResult.Sample w = whole.samples().get(i);
            AnalysisResult.Sample r = resumed.samples().get(i);
            assertThat(r.experts()).isEqualTo(w.experts());
            assertThat(r.seedIndex()).isEqualTo(w.seedIndex());
            // NaN where a quantity is not measured: compare as Double.equals does
            assertThat(java.util.Arrays.deepEquals(r.values(), w.values())).isTrue();
            if (r.experts() == 8 && r.seedIndex() == 1) {
                // taken from the file, not recomputed
                assertThat(r.lossHistory()[0]).isEqualTo(12345.0).isNotEqualTo(before);
            } else {
                assertThat(r.lossHistory()).isEqualTo(w.lossHistory());
            }
        }
        // the recomputed sample is the one the whole sweep saved, bit for bit
        assertThat(java.util.Arrays.deepEquals(resumed.samples().get(5).predictions(), whole.samples().get(5).predictions()))
                .isTrue();
    }

    @Test
    void aStoreThatCannotTravelIsRefusedBeforeAnyTaskRuns() {
        MeanFieldAnalysis.SampleStore local = new MeanFieldAnalysis.SampleStore() {
            @Override
            public java.util.Optional<AnalysisResult.Sample> load(int experts, int seedIndex) {
                return java.util.Optional.empty();
            }

            @Override
            public void save(AnalysisResult.Sample sample) {
            }
        };
        assertThatThrownBy(() -> cheap().run((d, t, s) -> { }, local,
                new SparkSampleExecutor(spark, new QubitSource())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Serializable");
    }

    @Test
    void aMalformedMasterIsOneLineNamingTheValue() {
        assertThatThrownBy(() -> SparkContexts.checkMaster("locl[2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'locl[2]'").hasMessageContaining("local[N]");
        assertThat(SparkContexts.checkMaster(" local[*] ")).isEqualTo("local[*]");
        assertThat(SparkContexts.checkMaster("spark://10.0.0.1:7077")).isEqualTo("spark://10.0.0.1:7077");
    }
}
