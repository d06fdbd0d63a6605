package dev.exacme.cli.secrets;

import dev.exacme.lifecycle.secrets.*;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.output.TerminalWidth;
import dev.exacme.cli.output.TextTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code exacme secret set|list|remove}: the {@link SecretStore} of the state directory.
 * Values are read from standard input or a file, never from the command line, and never
 * printed.
 */
@Command(name = "secret", mixinStandardHelpOptions = true,
        description = {"Stores, lists or removes the secrets that definitions refer to.",
            "Definitions refer to them as secret:NAME (DNS API tokens, PFX and SMTP passwords); they are kept with"
                + " DPAPI in machine scope on Windows, in owner-only files elsewhere."},
        subcommands = {SecretCommand.Set.class, SecretCommand.List.class, SecretCommand.Remove.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
public final class SecretCommand {

    /** Stores a value read from standard input or a file. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Stores the secret NAME, replacing any previous value; never shows it.",
                "The value is all of standard input (at a terminal: a prompt that does not echo) or of --from-file, "
                    + "trailing line breaks removed.",
                "Example: printf '%%s' \"$TOKEN\" | exacme secret set cloudflare-token"},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Set implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;

        @Parameters(index = "0", paramLabel = "NAME",
                description = "a-z, 0-9, '.', '_', '-'; at most 64 characters, starting with a letter or digit.")
        private String name;

        @Option(names = "--from-file", paramLabel = "FILE",
                description = "Read the value from FILE instead of standard input (delete FILE afterwards).")
        private Path fromFile;

        /** Standard input for tests; {@code null} for the process's own. */
        private final InputStream stdin;

        Set() {
            this(null);
        }

        Set(InputStream stdin) {
            this.stdin = stdin;
        }

        @Override
        public Integer call() throws InvalidRequest, IOException {
            var store = SecretStore.open(global.configDirectory());
            var file = store.file(name);
            String value;
            if (fromFile != null) {
                value = SecretInput.fromFile(fromFile);
            } else if (stdin != null) {
                value = SecretInput.read(stdin, "standard input");
            } else {
                value = SecretInput.fromStandardInput(name);
            }
            var replaced = store.set(name, value);
            var document = global.console().newDocument();
            document.put("outcome", replaced ? "replaced" : "stored");
            document.put("name", name);
            document.put("file", file.toString());
            global.console().result(document, (replaced ? "Replaced" : "Stored") + " secret '" + name + "' in "
                    + file + "\nRefer to it as " + SecretReference.PREFIX + name + "\n");
            return 0;
        }
    }

    /** Lists the names of the stored secrets. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the names of the stored secrets (never their values).",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class List implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;

        @Override
        public Integer call() throws IOException {
            var store = SecretStore.open(global.configDirectory());
            var names = store.list();
            var document = global.console().newDocument();
            document.put("directory", store.directory().toString());
            var array = document.putArray("secrets");
            names.forEach(array::add);
            var table = new TextTable("SECRET");
            names.forEach(table::row);
            var text = names.isEmpty() ? "No secrets in " + store.directory() + "\n"
                    : table.render(TerminalWidth.current());
            global.console().result(document, text);
            return 0;
        }
    }

    /** Removes one secret. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Removes the secret NAME.", "Definitions that refer to it fail until it is set again."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Remove implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;

        @Parameters(index = "0", paramLabel = "NAME", description = "The secret to remove.")
        private String name;

        @Override
        public Integer call() throws InvalidRequest, IOException {
            var store = SecretStore.open(global.configDirectory());
            var file = store.file(name);
            if (!store.remove(name)) {
                throw new InvalidRequest("secret '" + name + "' is not in the secret store (" + store.directory()
                        + "); nothing was removed. See: exacme secret list");
            }
            var document = global.console().newDocument();
            document.put("outcome", "removed");
            document.put("name", name);
            document.put("file", file.toString());
            global.console().result(document, "Removed secret '" + name + "' (" + file + ")\n");
            return 0;
        }
    }

    private SecretCommand() {
    }
}
