package io.qmoe.cli;

import io.qmoe.meanfield.AnalysisResult;
import io.qmoe.meanfield.MeanFieldAnalysis;
import io.qmoe.report.SampleFiles;
import io.qmoe.spark.HadoopFolder;
import io.qmoe.spark.SparkContexts;
import io.qmoe.spark.SparkSampleExecutor;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark path of {@code qmoe analyze} ({@code --master}, or started by {@code spark-submit}): the only class of
 * the command line that touches Spark, loaded only then, so the CLI runs without Spark on its class path otherwise.
 */
final class SparkAnalysis {
    private SparkAnalysis() {
    }

    /** What to say when Spark's classes are missing. */
    static UserInputException missing(Throwable e) {
        return new UserInputException("--master needs Apache Spark on the class path (missing "
                + e.getMessage() + "): use the qmoe launcher (it adds target/spark-lib) or spark-submit");
    }

    /** Checks the {@code --master} value's form before anything runs. */
    static void checkMaster(String master) {
        try {
            SparkContexts.quietLogs();
            SparkContexts.checkMaster(master);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--master " + e.getMessage());
        } catch (NoClassDefFoundError e) {
            throw missing(e);
        }
    }

    /** Whether a command runs on Spark: {@code --master} given, or started by spark-submit (which sets spark.master). */
    static boolean requested(String master) {
        return master != null || System.getProperty("spark.master") != null;
    }

    /** The checks every command makes before it runs on Spark: the master's form, and a backend tasks can share. */
    static void checkBeforeRunning(String master, String backend) {
        if (master != null) {
            try {
                checkMaster(master);
            } catch (NoClassDefFoundError e) {
                throw missing(e);
            }
        }
        SparkRecipe.checkBackend(backend);
    }

    /** The rows of {@code qmoe bench --section spark}. */
    static java.util.List<String> overheadRows(String master, boolean quick) {
        checkMaster(master);
        try {
            return io.qmoe.spark.SparkOverhead.rows(master, quick);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--master: " + e.getMessage());
        }
    }

    /** The sample store at a Hadoop FileSystem URI ({@code file:}, {@code hdfs:}, {@code s3a:}, …). */
    static SampleFiles store(String uri) {
        try {
            SparkContexts.quietLogs();
            return new SampleFiles(new HadoopFolder(uri));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--sample-store " + e.getMessage());
        } catch (NoClassDefFoundError e) {
            throw missing(e);
        }
    }

    /**
     * Runs {@code analysis} with every sample a Spark task on {@code master} (null: the master of spark-submit); the
     * reference runs here, on the driver. The context is stopped when the analysis ends, however it ends.
     */
    static AnalysisResult run(String master, SparkRecipe recipe, MeanFieldAnalysis analysis, SampleFiles store,
                              MeanFieldAnalysis.Listener listener) {
        JavaSparkContext context;
        try {
            context = SparkContexts.start(master, "qmoe analyze");
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--master: " + e.getMessage());
        }
        try {
            return analysis.run(listener, store, new SparkSampleExecutor(context, recipe));
        } finally {
            context.stop();
        }
    }
}
