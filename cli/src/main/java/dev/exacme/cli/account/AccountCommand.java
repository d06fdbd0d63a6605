package dev.exacme.cli.account;

import dev.exacme.acme.account.Accounts;
import dev.exacme.acme.account.StoredAccount;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.CaOptions;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.lifecycle.config.ConfigDirectory;
import dev.exacme.cli.output.Console;
import dev.exacme.cli.output.TerminalWidth;
import dev.exacme.cli.output.TextTable;
import dev.exacme.cli.output.Times;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code exacme account show|register|deactivate}: the account exacme uses with a CA. */
@Command(name = "account", mixinStandardHelpOptions = true,
        description = "Shows, registers or deactivates the account exacme uses with a CA.",
        subcommands = {AccountCommand.Show.class, AccountCommand.Register.class, AccountCommand.Deactivate.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CA_REFUSED,
            ExitCodes.NETWORK})
public final class AccountCommand {

    private static Accounts accounts(GlobalOptions global, CaOptions ca) throws InvalidRequest, IOException {
        return new Accounts(ca.connect(global), ConfigDirectory.accountStore(global.configDirectory()),
                global.console());
    }

    private static void print(Console console, String status, StoredAccount account, String remoteStatus,
                              Iterable<String> contacts, boolean created) {
        var document = console.newDocument();
        document.put("outcome", status);
        document.put("url", account.location().toString());
        if (remoteStatus != null) {
            document.put("accountStatus", remoteStatus);
        }
        var list = document.putArray("contacts");
        contacts.forEach(list::add);
        Times.put(document, "createdAt", account.createdAt());
        account.bindingKeyId().ifPresent(kid -> document.put("externalAccountBinding", kid));
        document.put("created", created);
        var fields = TextTable.fields();
        if (remoteStatus != null) {
            fields.row("status", remoteStatus);
        }
        fields.row("contacts", String.join(", ", contacts))
                .row("registered", Times.text(account.createdAt()) + (created ? " (just now)" : ""));
        account.bindingKeyId().ifPresent(kid -> fields.row("EAB key id", kid));
        console.result(document, "Account " + account.location() + "\n" + fields.render(TerminalWidth.current()));
    }

    /** Shows the stored account and what the CA says about it. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Shows the stored account and its status at the CA.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CA_REFUSED,
                ExitCodes.NETWORK})
    static final class Show implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private CaOptions ca;

        @Override
        public Integer call() throws AcmeFailure, IOException {
            var server = ca.server();
            var accounts = accounts(global, ca);
            Supplier<InvalidRequest> none = () -> new InvalidRequest("No account is stored for " + server + " under "
                    + global.configDirectory() + "; create one with 'exacme account register' or 'exacme issue'.");
            var stored = accounts.stored().orElseThrow(none);
            // A CA far away takes a second or more to answer (directory, nonce, account): say what we wait for.
            global.console().progress("Asking " + server + " for account " + stored.location() + " ...");
            var status = accounts.status().orElseThrow(none);
            print(global.console(), "ok", status.account(), status.status(), status.contacts(), false);
            return 0;
        }
    }

    /** Registers an account, or shows the one already stored. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = {"Registers an account with the CA, or shows the one stored.",
                "If one is stored already, it is kept and shown."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CA_REFUSED,
                ExitCodes.NETWORK})
    static final class Register implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private CaOptions ca;
        @Mixin
        private AccountOptions account;

        @Override
        public Integer call() throws AcmeFailure, IOException {
            var settings = account.settings(global.configDirectory());
            var accounts = accounts(global, ca);
            if (accounts.stored().isEmpty()) {
                global.console().progress("Asking " + ca.server() + " for its terms of service and whether it"
                        + " needs an External Account Binding ...");
            }
            var login = accounts.login(settings);
            print(global.console(), login.created() ? "registered" : "exists", login.account(), null,
                    login.account().contacts(), login.created());
            return 0;
        }
    }

    /** Deactivates the account at the CA; irreversible. */
    @Command(name = "deactivate", mixinStandardHelpOptions = true,
            description = {"Deactivates the stored account at the CA, for good.",
                "This cannot be undone: certificates stay valid, but the account can no longer order or revoke. The"
                    + " local files are kept, renamed."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CA_REFUSED,
                ExitCodes.NETWORK})
    static final class Deactivate implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private CaOptions ca;

        @Option(names = "--yes", description = "Confirm; required because deactivation is permanent.")
        private boolean yes;

        @Override
        public Integer call() throws AcmeFailure, IOException {
            if (!yes) {
                throw new InvalidRequest("Deactivating an account cannot be undone; add --yes to confirm.");
            }
            var server = ca.server();
            var accounts = accounts(global, ca);
            accounts.stored().ifPresent(stored -> global.console().progress("Asking " + server
                    + " to deactivate account " + stored.location() + " ..."));
            var account = accounts.deactivate();
            print(global.console(), "deactivated", account, "deactivated", account.contacts(), false);
            return 0;
        }
    }
}
