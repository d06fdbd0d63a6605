package dev.exacme.cli.secrets;

import dev.exacme.lifecycle.secrets.*;
import dev.exacme.cli.FailureReport;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.output.Console;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One in-process run of {@code exacme secret ...} with {@link SecretCommand} as the root
 * (it is registered under {@code exacme} by the owner of ExacmeCommand), a given standard
 * input, and failures mapped to exit codes and stderr as Main maps them.
 */
record SecretRun(int exitCode, String out, String err) {

    /** Runs {@code exacme secret args...} with empty standard input. */
    static SecretRun of(String... args) {
        return withInput("", args);
    }

    /** Runs {@code exacme secret args...} with {@code stdin} as standard input. */
    static SecretRun withInput(String stdin, String... args) {
        var input = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        var out = new StringWriter();
        var err = new StringWriter();
        var outWriter = new PrintWriter(out, true);
        var errWriter = new PrintWriter(err, true);
        var commandLine = new CommandLine(SecretCommand.class, new StdinFactory(input))
                .setOut(outWriter)
                .setErr(errWriter)
                .setExecutionExceptionHandler((failure, command, parseResult) -> {
                    var console = command.getMixins().get("global") instanceof GlobalOptions global
                            ? global.console()
                            : new Console(outWriter, errWriter, false, false, "secret");
                    return FailureReport.report(console, failure);
                });
        int code = commandLine.execute(args);
        return new SecretRun(code, out.toString(), err.toString());
    }

    /** Gives {@code set} the test's standard input. */
    private record StdinFactory(InputStream stdin) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == SecretCommand.Set.class) {
                return type.cast(new SecretCommand.Set(stdin));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
