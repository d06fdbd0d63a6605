package dev.exacme.cli.managed;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.exacme.cli.certificate.CertificateOptions;
import dev.exacme.cli.output.Console;
import dev.exacme.cli.output.ResultPart;
import dev.exacme.lifecycle.run.Terminal;
import java.io.IOException;
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
                var terminal = Terminal.interactive();
                // Never a question for a script: only when stdin and stdout are a terminal, and no --json.
                if (terminal.isEmpty() || console.json()) {
                    throw new InvalidRequest("Missing required option: '--domain=NAME'" + System.lineSeparator()
                            + "'exacme setup exchange --help' lists its options; at a terminal, without --domain, it"
                            + " asks for them.");
                }
                interview = new ExchangeInterview(new TerminalPrompter(terminal.get()), exchangeNames());
                try {
                    guided = interview.ask(name, new ExchangeInterview.Open(email == null, !more.contains("--dns"),
                            NotificationSettings.load(global.configDirectory()).map(NotificationSettings::smtp)
                                    .isEmpty()));
                } catch (SetupStopped stopped) {
                    return stopped(console, stopped);
                }
            }
            try {
                return run(console, interview, guided);
            } finally {
                // Whatever ended the run, the typed secrets do not stay in memory (saved ones were wiped already).
                if (guided != null) {
                    guided.forget();
                }
            }
        }

        private int run(Console console, ExchangeInterview interview, GuidedSetup guided) throws Exception {
            if (guided != null) {
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
                var document = console.newDocument();
                document.set("commands", ResultJson.tree(commands));
                console.result(document, text);
                return 0;
            }
            if (interview != null) {
                interview.say("");
                interview.say("The commands (the secrets you typed are stored by 'exacme secret set', not shown):");
                interview.say(text.indent(2).stripTrailing());
                boolean yes;
                try {
                    yes = interview.confirm("Run these commands?");
                } catch (SetupStopped stopped) {
                    return stopped(console, stopped);
                }
                if (!yes) {
                    var document = console.newDocument();
                    document.put("outcome", "not-run");
                    document.set("commands", ResultJson.tree(commands));
                    console.result(document, "Nothing was run or written. The same setup later: the commands"
                            + " above.\n");
                    return 0;
                }
            }
            ExchangeOptions.requireWindows("exacme setup exchange");
            // What would refuse the schedule refuses now, before a certificate is ordered and deployed.
            var host = ScheduleHost.thisMachine();
            host.requireSchedulerThatRuns();
            host.requireInstalledCopy(host.launcherPath());
            if (guided != null) {
                guided.save(global.configDirectory(), console);
            }
            return addAndSchedule(global, name, certificate, host, commands);
        }

        /** The usage error of a setup stopped at a question: nothing was saved. */
        private static int stopped(Console console, SetupStopped stopped) {
            return console.error(ExitCode.USAGE.code(), ExitCode.USAGE.kind(), "setup stopped ("
                    + stopped.getMessage() + "); nothing was written.", null);
        }

        /**
         * What setup does once it may: adds managed certificate {@code name}, then, when it is
         * deployed, installs the daily renewal on {@code host}; prints ONE result of both, with
         * the {@code commands} they stand for: {@code certificate} holds what {@code exacme add}
         * prints, {@code schedule} what {@code exacme schedule install} prints, and the text is
         * theirs. A failure before anything was kept is shown as {@code exacme add} shows it.
         */
        static int addAndSchedule(GlobalOptions global, String name, CertificateOptions certificate, ScheduleHost host,
                                  List<List<String>> commands) throws Exception {
            var console = global.console();
            var added = AddCommand.add(global, name, certificate);
            if (added.kept().isEmpty()) {
                return added.exitCode();
            }
            var kept = added.kept().get();
            var text = new StringBuilder(kept.text());
            if (kept.exitCode() != 0) {
                // As before: a renewal is scheduled for a certificate in service, not for one whose deployment failed.
                console.progress("The certificate is issued and installed but not deployed: 'exacme deploy " + name
                        + "' retries the deployment; then 'exacme schedule install' schedules its renewal.");
                return console.result(document(console, "not-deployed", kept, null, commands), text.toString(),
                        kept.exitCode());
            }
            var scheduleOptions = new ScheduleOptions();
            new CommandLine(scheduleOptions).parseArgs();
            ResultPart scheduled;
            try {
                scheduled = ScheduleCommand.Install.installed(console, host, scheduleOptions, global.configDirectory());
            } catch (InvalidRequest | IOException failed) {
                // The certificate is in service: its result is shown with the failure, not replaced by it.
                var schedule = console.newDocument().put("outcome", "failed").put("message", failed.getMessage());
                text.append("Its renewal is not scheduled: ").append(failed.getMessage()).append('\n');
                console.progress("The certificate is in place, but scheduling its renewal failed: run 'exacme"
                        + " schedule install'.");
                return console.result(document(console, "not-scheduled", kept, schedule, commands), text.toString(),
                        ExitCode.FAILURE.code());
            }
            text.append(scheduled.text());
            console.progress("Done: " + name + " is issued, installed, deployed, verified and renewed daily; 'exacme"
                    + " doctor exchange' checks the server before a cumulative update.");
            return console.result(document(console, "set-up", kept, scheduled.fields(), commands), text.toString(),
                    scheduled.exitCode());
        }

        /** Setup's own fields: its outcome, the steps' fields (schedule absent when not tried), the commands. */
        private static ObjectNode document(Console console, String outcome, ResultPart certificate,
                                           ObjectNode schedule, List<List<String>> commands) {
            var document = console.newDocument();
            document.put("outcome", outcome);
            document.set("certificate", certificate.fields());
            if (schedule != null) {
                document.set("schedule", schedule);
            }
            document.set("commands", ResultJson.tree(commands));
            return document;
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
