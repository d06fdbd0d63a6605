package dev.exacme.cli;

import dev.exacme.acme.network.OutboundNetwork;
import dev.exacme.cli.output.Console;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The entry point: parses the command line, runs the command, maps failures to exit codes.
 * The only place in exacme that calls {@link System#exit}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Read once by the JDK, before the first HTTP client exists: allow Basic
        // authentication to the proxy for HTTPS tunnels (see OutboundNetwork).
        if (System.getProperty(OutboundNetwork.TUNNELING_PROPERTY) == null) {
            System.setProperty(OutboundNetwork.TUNNELING_PROPERTY, "");
        }
        // Started through exacme.cmd by a program, cmd.exe expanded %NAME% in the arguments: undo that.
        var arguments = BatchArguments.recover(args, System.getenv());
        var code = run(arguments, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (Boolean.getBoolean(ClassDataTraining.AFTER_COMMAND)) {
            ClassDataTraining.train(); // the launcher records the class data archive from this run
        }
        SelectorThreads.stop();
        System.exit(code);
    }

    /** Runs one command line with the given output streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, WindowsJvm.refusal());
    }

    /** {@link #run(String[], PrintWriter, PrintWriter)}, refusing to start when {@code refusal} says why. */
    static int run(String[] given, PrintWriter out, PrintWriter err, Optional<String> refusal) {
        var args = ExacmeCommand.arguments(given);
        if (refusal.isPresent()) {
            // before anything else: the Windows-only code all starts below
            var console = new Console(out, err, Arrays.asList(args).contains("--json"), false, commandName(args));
            return console.error(ExitCode.FAILURE.code(), "unsupported-jvm", refusal.get(), null);
        }
        configureLogging();
        var commandLine = ExacmeCommand.commandLine(args)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // A program's argument may look like one of exacme's options (--deploy-script-arg=--timeout).
                .setAllowOptionsAsOptionParameters(true)
                .setParameterExceptionHandler((failure, arguments) -> usage(failure, arguments))
                .setExecutionExceptionHandler((failure, command, parseResult) -> {
                    var console = command.getMixins().get("global") instanceof GlobalOptions global
                            ? global.console()
                            : new Console(out, err, false, false, GlobalOptions.commandName(command.getCommandSpec()));
                    return FailureReport.report(console, failure);
                });
        return commandLine.execute(args);
    }

    /**
     * A command line that does not parse: the message and where the options are listed, not the
     * whole usage (the certificate commands have dozens of options and the message would scroll
     * away); with {@code --json} also the error document on stdout.
     */
    private static int usage(CommandLine.ParameterException failure, String[] arguments) {
        var command = failure.getCommandLine();
        var console = new Console(command.getOut(), command.getErr(), Arrays.asList(arguments).contains("--json"),
                false, GlobalOptions.commandName(command.getCommandSpec()));
        return console.error(ExitCode.USAGE.code(), ExitCode.USAGE.kind(), failure.getMessage()
                + System.lineSeparator() + "'" + command.getCommandSpec().qualifiedName()
                + " --help' lists its options.", null);
    }

    /** The subcommand {@code args} name as far as they are subcommands, before anything is parsed. */
    private static String commandName(String[] args) {
        var name = new StringBuilder();
        for (var arg : args) {
            if (arg.startsWith("-") || !arg.matches("[a-z][a-z-]*")) {
                break;
            }
            name.append(name.length() == 0 ? "" : " ").append(arg);
        }
        return name.toString();
    }

    private static void configureLogging() {
        // Defaults only: -v raises the level before the first logger exists.
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
