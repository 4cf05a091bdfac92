package io.qmoe.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long run: a progress bar with ETA on an interactive terminal, plain log lines (at most one every few
 * seconds, plus the last) otherwise, nothing when quiet. Writes to standard error so standard output stays parseable.
 */
final class Progress implements AutoCloseable {
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final String task;
    private final long max;
    private final ProgressBar bar;
    private final PrintWriter log;
    private final long start = System.nanoTime();
    private long lastLog = System.nanoTime();

    private Progress(String task, long max, ProgressBar bar, PrintWriter log) {
        this.task = task;
        this.max = max;
        this.bar = bar;
        this.log = log;
    }

    /** A progress reporter for {@code max} units of work. */
    static Progress start(String task, long max, boolean quiet, PrintWriter err) {
        if (quiet) {
            return new Progress(task, max, null, null);
        }
        if (System.console() != null && System.getenv("CI") == null) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
            return new Progress(task, max, bar, null);
        }
        return new Progress(task, max, null, err);
    }

    /** Reports that {@code done} units are finished, with a short status such as the loss. */
    void update(long done, String status) {
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(status);
        } else if (log != null) {
            long now = System.nanoTime();
            if (now - lastLog >= LOG_INTERVAL_NANOS || done == max) {
                lastLog = now;
                double elapsed = (now - start) / 1e9;
                String eta = done > 0 && done < max ? String.format(" eta %.0fs", elapsed * (max - done) / done) : "";
                log.printf("%s: %d/%d %s (%.1fs%s)%n", task, done, max, status, elapsed, eta);
                log.flush();
            }
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
