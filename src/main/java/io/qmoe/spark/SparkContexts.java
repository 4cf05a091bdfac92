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
     * Spark's (and Hadoop's) own log at WARN unless the user configured log4j2: Spark logs every start-up step at
     * INFO, which would swamp the command's output. Call before anything touches Spark or Hadoop (the first logger
     * fixes log4j's configuration); {@link #start} calls it too.
     */
    public static void quietLogs() {
        if (System.getProperty("log4j2.configurationFile") != null) {
            return;
        }
        java.net.URL quiet = SparkContexts.class.getResource("log4j2-quiet.properties");
        System.setProperty("log4j2.configurationFile", quiet.toString());
        // log4j may be configured already (spark-submit does it with Spark's defaults, at INFO): replace that, but
        // never a configuration someone chose (a log4j2.properties on the class path, e.g. a cluster's conf/)
        // the context Spark logs to (under spark-submit qmoe runs in a child class loader, with a context of its own)
        var context = (org.apache.logging.log4j.core.LoggerContext) org.apache.logging.log4j.LogManager.getContext(
                SparkConf.class.getClassLoader(), false);
        var config = context.getConfiguration();
        Object source = config.getConfigurationSource() == null ? null : config.getConfigurationSource().getLocation();
        if (config instanceof org.apache.logging.log4j.core.config.DefaultConfiguration || source == null
                || String.valueOf(source).contains("org/apache/spark/log4j2-defaults.properties")) {
            try {
                context.setConfigLocation(quiet.toURI());
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
