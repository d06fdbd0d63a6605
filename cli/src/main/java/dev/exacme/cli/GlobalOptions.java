package dev.exacme.cli;

import dev.exacme.lifecycle.config.ConfigDirectory;
import dev.exacme.cli.output.Console;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every command has: where state lives and how output looks. */
public final class GlobalOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--config-dir", paramLabel = "DIR",
            description = "State directory (accounts, managed certificates). Default: %%ProgramData%%\\exacme on "
                    + "Windows, /etc/exacme for root, $XDG_CONFIG_HOME/exacme otherwise.")
    private Path configDir;

    @Option(names = "--json", description = "Print the result as one JSON document on stdout.")
    private boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr; errors are still shown.")
    private boolean quiet;

    private Console console;

    @Option(names = {"-v", "--verbose"}, description = "Log what exacme and acme4j do (stderr).")
    void verbose(boolean verbose) {
        // slf4j-simple reads its configuration when the first logger is created, which
        // happens only after the command line has been parsed.
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
    }

    /** The console of the command this mixin belongs to. */
    public Console console() {
        if (console == null) {
            var commandLine = spec.commandLine();
            console = new Console(commandLine.getOut(), commandLine.getErr(), json, quiet, commandName(spec));
        }
        return console;
    }

    /** The name of {@code command} under {@code exacme}, e.g. {@code store list}; empty for {@code exacme} itself. */
    public static String commandName(CommandSpec command) {
        var name = command.qualifiedName(" ");
        var root = command.root().name();
        return name.equals(root) ? "" : name.substring(root.length() + 1);
    }

    /** The resolved state directory. */
    public Path configDirectory() {
        return ConfigDirectory.resolve(Optional.ofNullable(configDir));
    }
}
