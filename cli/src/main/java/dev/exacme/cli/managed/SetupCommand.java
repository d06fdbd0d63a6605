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
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCode;
import dev.exacme.cli.guided.CommandText;
import dev.exacme.cli.guided.ExchangeInterview;
import dev.exacme.cli.guided.GuidedSetup;
import dev.exacme.cli.guided.SetupStopped;
import dev.exacme.cli.guided.TerminalPrompter;
import dev.exacme.exchange.deploy.ClientAccessNames;
import dev.exacme.exchange.deploy.PowerShellClientAccessNames;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.lifecycle.notify.NotificationSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
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
        subcommands = {SetupCommand.Exchange.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CA_REFUSED, ExitCodes.NETWORK})
public final class SetupCommand {

    /**
     * Adds a managed certificate with the defaults an Exchange server needs, deploys it, and
     * schedules its renewal: RSA 2048 in the SChannel CSP of the machine store with the key ACL,
     * Exchange services IIS and SMTP, HTTP-01 through the http.sys listener that shares port 80
     * with IIS (or DNS-01 with {@code --dns}), the self-check first.
     */
    @Command(name = "exchange", mixinStandardHelpOptions = true,
            description = {"Issues, installs, deploys and schedules a certificate for Exchange.",
                "It installs the certificate into LocalMachine\\My with the key permissions Exchange needs, enables it"
                    + " for IIS and SMTP, checks it is served, and schedules its renewal. Any 'exacme issue' option may"
                    + " be added (e.g. --dns cloudflare ...). Not yet run on Windows."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CA_REFUSED,
                ExitCodes.NETWORK})
    static final class Exchange implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Option(names = {"-d", "--domain"}, paramLabel = "NAME", split = ",",
                description = "The names the certificate covers (mail, autodiscover...). Required; without it, at a"
                        + " terminal, setup asks for it and what else is missing.")
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
            var console = global.console();
            GuidedSetup guided = null;
            ExchangeInterview interview = null;
            if (domains.isEmpty()) {
                var terminal = System.console();
                // Never a question for a script: only when stdin and stdout are a terminal, and no --json.
                if (terminal == null || console.json()) {
                    throw new InvalidRequest("Missing required option: '--domain=NAME'" + System.lineSeparator()
                            + "'exacme setup exchange --help' lists its options; at a terminal, without --domain, it"
                            + " asks for them.");
                }
                interview = new ExchangeInterview(new TerminalPrompter(terminal), exchangeNames());
                try {
                    guided = interview.ask(name, new ExchangeInterview.Open(email == null, !more.contains("--dns"),
                            NotificationSettings.load(global.configDirectory()).map(NotificationSettings::smtp)
                                    .isEmpty()));
                } catch (SetupStopped stopped) {
                    return console.error(ExitCode.USAGE.code(), ExitCode.USAGE.kind(), "setup stopped ("
                            + stopped.getMessage() + "); nothing was written.", null);
                }
                domains = guided.domains();
                email = guided.email().orElse(email);
                more.addAll(guided.challengeArguments());
            }
            var add = new ArrayList<String>();
            domains.forEach(domain -> add.addAll(List.of("--domain", domain)));
            if (email != null) {
                add.addAll(List.of("--email", email));
            }
            add.addAll(List.of("--agree-tos", "--key-type", "rsa2048", "--store", "windows", "--deploy", "exchange"));
            add.addAll(more);
            // Parsed before anything is saved: options the answers made that do not parse stop here.
            var certificate = Pipelines.parse(add);
            var commands = new ArrayList<List<String>>(guided == null ? List.of() : guided.commandsBefore());
            commands.add(concat(List.of("add", name), add));
            commands.add(List.of("schedule", "install"));
            var text = commands.stream().map(CommandText::of).collect(Collectors.joining("\n", "", "\n"));
            if (dryRun) {
                if (guided != null) {
                    guided.forget();
                }
                var document = console.newDocument();
                document.set("commands", ResultJson.tree(commands));
                console.result(document, text);
                return 0;
            }
            if (interview != null) {
                interview.say("");
                interview.say("The commands (the secrets you typed are stored by 'exacme secret set', not shown):");
                interview.say(text.indent(2).stripTrailing());
                if (!interview.confirm("Run these commands?")) {
                    guided.forget();
                    var document = console.newDocument();
                    document.put("outcome", "not-run");
                    document.set("commands", ResultJson.tree(commands));
                    console.result(document, "Nothing was run or written. The same setup later: the commands"
                            + " above.\n");
                    return 0;
                }
            }
            ScheduleHost host;
            try {
                ExchangeOptions.requireWindows("exacme setup exchange");
                // What would refuse the schedule refuses now, before a certificate is ordered and deployed.
                host = ScheduleHost.thisMachine();
                host.requireSchedulerThatRuns();
                host.requireInstalledCopy(host.launcherPath());
            } catch (Exception refused) {
                if (guided != null) {
                    guided.forget();
                }
                throw refused;
            }
            if (guided != null) {
                guided.save(global.configDirectory(), console);
            }
            var added = AddCommand.add(global, name, certificate);
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

        /** Where the names are proposed from: the Exchange cmdlets of this computer, when it has them. */
        private static Optional<ClientAccessNames> exchangeNames() {
            if (!System.getProperty("os.name", "").startsWith("Windows") || System.getenv("ExchangeInstallPath") == null) {
                return Optional.empty();
            }
            return Optional.of(new PowerShellClientAccessNames(PowerShellRunner.windowsPowerShell(Duration.ofMinutes(2))));
        }

        private static List<String> concat(List<String> first, List<String> second) {
            var all = new ArrayList<>(first);
            all.addAll(second);
            return all;
        }
    }
}
