package io.qmoe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the qmoe command in-process and captures its exit code and both streams. */
final class CliRunner {
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = QmoeCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private CliRunner() {
    }
}
