package io.qmoe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code qmoe} command in a child JVM (this test run's classpath), the way a user's shell does, so exit
 * codes, standard error and the files left are what a user would see. Start it and wait, or start it and keep the
 * process (to test what a second run sees while the first holds a folder).
 */
public final class ChildCli {
    /** What a finished child run gave. */
    public record Result(int code, String out, String err) {
    }

    private ChildCli() {
    }

    /** Runs {@code qmoe args…} with extra environment variables and waits (at most two minutes). */
    public static Result run(Map<String, String> env, String... args) {
        try {
            Path out = Files.createTempFile("qmoe-out", ".txt");
            Path err = Files.createTempFile("qmoe-err", ".txt");
            Process p = builder(env, args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("qmoe " + String.join(" ", args) + " did not end in two minutes");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code qmoe args…} and waits. */
    public static Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Starts {@code qmoe args…} without waiting; the caller destroys or waits for the process. */
    public static Process start(Map<String, String> env, String... args) {
        try {
            return builder(env, args).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "io.qmoe.cli.QmoeCommand"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        return pb;
    }
}
