package io.qmoe.spark;

import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Spark contexts for the command line and the tests: the master checked first (so a typo gives one line, not a Spark
 * stack trace), the web UI off unless asked for ({@code spark.ui.enabled}), Spark's own log at WARN unless a log4j2
 * configuration was given, and in local mode the driver on the loopback address. Under {@code spark-submit} the
 * master and every other setting come from the submit (system properties {@code spark.*}).
 */
public final class SparkContexts {
    /** What a master may look like (the forms Spark 4 accepts). */
    private static final Pattern MASTER = Pattern.compile("local(\\[(\\*|[1-9]\\d*)(,[1-9]\\d*)?])?"
            + "|local-cluster\\[[1-9]\\d*,[1-9]\\d*,[1-9]\\d*]|spark://\\S+|yarn|k8s://\\S+");
    /** What {@code --master} accepts, for help texts and errors. */
    public static final String MASTERS = "local, local[N], local[*], spark://HOST:PORT, yarn or k8s://URL";

    private SparkContexts() {
    }

    /** Whether this JVM was started by {@code spark-submit} (it sets {@code spark.master}). */
    public static boolean submitted() {
        return System.getProperty("spark.master") != null;
    }

    /**
     * Checks a master URL's form.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    public static String checkMaster(String master) {
        String m = master.strip();
        if (!MASTER.matcher(m).matches()) {
            throw new IllegalArgumentException("'" + master + "' is not a Spark master (use " + MASTERS + ")");
        }
        return m;
    }

    /**
     * Starts a context named {@code appName}; {@code master} null takes the master from {@code spark-submit}.
     *
     * @throws IllegalArgumentException for a malformed master, or one Spark cannot reach, in one line
     */
    public static JavaSparkContext start(String master, String appName) {
        quietLogs();
        SparkConf conf = new SparkConf().setAppName(appName);
        if (master != null) {
            conf.setMaster(checkMaster(master));
        } else if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("no Spark master: give --master (" + MASTERS + ") or use spark-submit");
        }
        conf.setIfMissing("spark.ui.enabled", "false");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        if (conf.get("spark.master").toLowerCase(Locale.ROOT).startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        JavaSparkContext context;
        try {
            context = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IllegalArgumentException("cannot start Spark on " + conf.get("spark.master") + ": " + reason, e);
        }
        if (System.getProperty("log4j2.configurationFile") == null) {
            context.setLogLevel("WARN");
        }
        return context;
    }

    /**
     * Spark's own log at WARN unless the user configured log4j2: Spark logs every start-up step at INFO, which would
     * swamp the command's output.
     */
    private static void quietLogs() {
        if (System.getProperty("log4j2.configurationFile") != null) {
            return;
        }
        System.setProperty("log4j2.configurationFile", "classpath:io/qmoe/spark/log4j2-quiet.properties");
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
    }
}
