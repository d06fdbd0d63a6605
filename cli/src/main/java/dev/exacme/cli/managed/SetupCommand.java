package dev.exacme.cli.managed;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.Main;
import dev.exacme.cli.exchange.ExchangeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Unmatched;

/** {@code exacme setup exchange}: the one command an Exchange administrator runs first. */
@Command(name = "setup", mixinStandardHelpOptions = true, description = "Sets up exacme for a kind of server.",
        subcommands = {SetupCommand.Exchange.class})
public final class SetupCommand {

    /**
     * Adds a managed certificate with the defaults an Exchange server needs, deploys it, and
     * schedules its renewal: RSA 2048 in the SChannel CSP of the machine store with the key ACL,
     * Exchange services IIS and SMTP, HTTP-01 through the http.sys listener that shares port 80
     * with IIS (or DNS-01 with {@code --dns}), the self-check first.
     */
    @Command(name = "exchange", mixinStandardHelpOptions = true,
            description = {"Issues a certificate for an Exchange server, installs it into LocalMachine\\My with the key",
                "permissions Exchange needs, enables it for IIS and SMTP, checks it is served, and schedules its",
                "renewal. Any 'exacme issue' option may be added (e.g. --dns cloudflare ...). Not yet run on Windows."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CA_REFUSED,
                ExitCodes.NETWORK})
    static final class Exchange implements Callable<Integer> {
        @Spec
        private CommandSpec spec;
        @Mixin
        private GlobalOptions global;
        @Option(names = {"-d", "--domain"}, paramLabel = "NAME", required = true, split = ",",
                description = "The names the certificate covers (mail, autodiscover...).")
        private List<String> domains = new ArrayList<>();
        @Option(names = "--email", paramLabel = "ADDRESS", description = "Contact for the CA's expiry and policy mails.")
        private String email;
        @Option(names = "--name", paramLabel = "NAME", defaultValue = "exchange",
                description = "The managed certificate's name (default: ${DEFAULT-VALUE}).")
        private String name;
        @Option(names = "--dry-run", description = "Print the commands this stands for and run nothing.")
        private boolean dryRun;
        @Unmatched
        private List<String> more = new ArrayList<>();

        @Override
        public Integer call() throws InvalidRequest {
            dev.exacme.lifecycle.spec.ManagedName.check(name);
            var add = new ArrayList<>(List.of("add", name));
            domains.forEach(domain -> add.addAll(List.of("--domain", domain)));
            if (email != null) {
                add.addAll(List.of("--email", email));
            }
            add.addAll(List.of("--agree-tos", "--key-type", "rsa2048", "--store", "windows", "--deploy", "exchange"));
            add.addAll(more);
            var schedule = new ArrayList<>(List.of("schedule", "install"));
            var console = global.console();
            if (dryRun) {
                var document = console.newDocument();
                document.set("commands", dev.exacme.lifecycle.spec.SpecJson.MAPPER.valueToTree(List.of(add, schedule)));
                console.result(document, "exacme " + String.join(" ", add) + "\nexacme " + String.join(" ", schedule)
                        + "\n");
                return 0;
            }
            ExchangeOptions.requireWindows("exacme setup exchange");
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            var added = Main.run(withGlobal(add), out, err);
            if (added != 0) {
                return added;
            }
            var scheduled = Main.run(withGlobal(schedule), out, err);
            console.progress(scheduled == 0 ? "Done: " + name + " is issued, installed, deployed, verified and renewed"
                    + " daily; 'exacme doctor exchange' checks the server before a cumulative update."
                    : "The certificate is in place, but scheduling its renewal failed: run 'exacme schedule install'.");
            return scheduled;
        }

        private String[] withGlobal(List<String> arguments) {
            var all = new ArrayList<>(arguments);
            all.addAll(List.of("--config-dir", global.configDirectory().toString()));
            return all.toArray(String[]::new);
        }
    }
}
