package dev.exacme.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the exacme command line with captured output, the way a script
 * sees it: exit code, stdout, stderr.
 */
public record CommandRun(int exitCode, String out, String err) {

    /**
     * Runs {@code exacme args...}; with {@code --json} (and no {@code --help}) it also fails unless
     * stdout is one document of the result contract ({@link ResultSchema}).
     */
    public static CommandRun of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        var run = new CommandRun(code, out.toString(), err.toString());
        var arguments = java.util.List.of(args);
        if (arguments.contains("--json") && !arguments.contains("--help") && !arguments.contains("-h")) {
            ResultSchema.check(run);
        }
        return run;
    }

    /**
     * Runs {@code exacme name args...} with {@code command} as subcommand {@code name}: a command
     * object a test made with seams of its own (a scheduler host, a running jar), handled as
     * {@link Main} handles failures, and checked like {@link #of(String...)}.
     */
    public static CommandRun of(String name, Object command, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var all = new java.util.ArrayList<>(java.util.List.of(args));
        all.add(0, name);
        var code = new picocli.CommandLine(new ExacmeCommand()).addSubcommand(name, command)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setExecutionExceptionHandler((failure, failed, parseResult) ->
                        FailureReport.report(((GlobalOptions) failed.getMixins().get("global")).console(), failure))
                .execute(all.toArray(String[]::new));
        var run = new CommandRun(code, out.toString(), err.toString());
        if (all.contains("--json")) {
            ResultSchema.check(run);
        }
        return run;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
