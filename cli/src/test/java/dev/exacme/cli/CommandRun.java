package dev.exacme.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the exacme command line with captured output, the way a script
 * sees it: exit code, stdout, stderr.
 */
public record CommandRun(int exitCode, String out, String err) {

    /** Runs {@code exacme args...}. */
    public static CommandRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
