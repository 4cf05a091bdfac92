package io.qmoe.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code qmoe} command: evaluate, differentiate and train mixtures of quantum experts and analyse their
 * mean-field limit. Bad input ends with one line on standard error and exit code 2; an internal failure with exit
 * code 1 (run with {@code QMOE_DEBUG=1} to see the stack trace).
 */
@Command(name = "qmoe", mixinStandardHelpOptions = true, versionProvider = Versions.class,
        description = "Mixtures of quantum experts on the Strange simulator: evaluate circuits, train by gradient flow, "
                + "and measure the mean-field limit.",
        subcommands = {EvalCommand.class, CircuitsCommand.class, TrainCommand.class, AnalyzeCommand.class,
                WassersteinCommand.class, BenchCommand.class, BackendsCommand.class, PlanCommand.class,
                CommandLine.HelpCommand.class})
public final class QmoeCommand implements Runnable {
    /** Exit code for bad input. */
    public static final int USAGE_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new QmoeCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("qmoe: " + ex.getMessage().lines().findFirst().orElse("bad arguments")
                    + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
            return USAGE_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            Throwable t = ex;
            while ((t instanceof java.io.UncheckedIOException || t instanceof CommandLine.ExecutionException)
                    && t.getCause() != null && t.getMessage() == null) {
                t = t.getCause();
            }
            if (System.getenv("QMOE_DEBUG") != null) {
                t.printStackTrace(c.getErr());
            }
            if (t instanceof io.qmoe.InvalidSettingException setting) {
                // the library names its setting; on the command line that is the option of the same name
                c.getErr().println("qmoe: --" + setting.setting() + ": " + oneLine(setting.detail()));
                return USAGE_ERROR;
            }
            if (t instanceof IllegalArgumentException || t instanceof UserInputException
                    || t instanceof java.io.UncheckedIOException) {
                c.getErr().println("qmoe: " + oneLine(t.getMessage()));
                return USAGE_ERROR;
            }
            c.getErr().println("qmoe: internal error: " + oneLine(String.valueOf(t))
                    + " (set QMOE_DEBUG=1 for the stack trace)");
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // a resource limit, not a bug: say which limit and how to raise it (runs keep their last checkpoint)
            err.println("qmoe: out of memory with a " + heapAdvice());
            return 1;
        }
    }

    /** "heap limit of … MiB" and how to live with it or raise it: for every message about running out of memory. */
    static String heapAdvice() {
        return "heap limit of " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB; use fewer experts or data points, "
                + "or raise the limit, e.g. QMOE_JAVA_OPTS='-Xss8m -Xmx16g'";
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replace('\n', ' ').replace('\r', ' ');
    }
}
