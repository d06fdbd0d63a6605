package dev.exacme.cli.managed;

import dev.exacme.cli.output.ResultJson;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.schedule.ScheduleCommand;
import dev.exacme.cli.schedule.ScheduleHost;
import dev.exacme.cli.schedule.ScheduleOptions;
import dev.exacme.lifecycle.spec.ManagedName;
import picocli.CommandLine;
import dev.exacme.cli.exchange.ExchangeOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
        public Integer call() throws Exception {
            ManagedName.check(name);
            var add = new ArrayList<String>();
            domains.forEach(domain -> add.addAll(List.of("--domain", domain)));
            if (email != null) {
                add.addAll(List.of("--email", email));
            }
            add.addAll(List.of("--agree-tos", "--key-type", "rsa2048", "--store", "windows", "--deploy", "exchange"));
            add.addAll(more);
            var console = global.console();
            if (dryRun) {
                var commands = List.of(concat(List.of("add", name), add), List.of("schedule", "install"));
                var document = console.newDocument();
                document.set("commands", ResultJson.tree(commands));
                console.result(document, "exacme " + String.join(" ", commands.get(0)) + "\nexacme "
                        + String.join(" ", commands.get(1)) + "\n");
                return 0;
            }
            ExchangeOptions.requireWindows("exacme setup exchange");
            // What would refuse the schedule refuses now, before a certificate is ordered and deployed.
            var host = ScheduleHost.thisMachine();
            host.requireSchedulerThatRuns();
            host.requireInstalledCopy(host.launcherPath());
            var added = AddCommand.add(global, name, Pipelines.parse(add));
            if (added != 0) {
                return added;
            }
            var scheduleOptions = new ScheduleOptions();
            new CommandLine(scheduleOptions).parseArgs();
            var scheduled = ScheduleCommand.Install.install(console, host, scheduleOptions,
                    global.configDirectory());
            console.progress(scheduled == 0 ? "Done: " + name + " is issued, installed, deployed, verified and renewed"
                    + " daily; 'exacme doctor exchange' checks the server before a cumulative update."
                    : "The certificate is in place, but scheduling its renewal failed: run 'exacme schedule install'.");
            return scheduled;
        }

        private static List<String> concat(List<String> first, List<String> second) {
            var all = new ArrayList<>(first);
            all.addAll(second);
            return all;
        }
    }
}
