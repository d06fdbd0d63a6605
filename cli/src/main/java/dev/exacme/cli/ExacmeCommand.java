package dev.exacme.cli;

import dev.exacme.cli.account.AccountCommand;
import dev.exacme.cli.dns.DnsCommand;
import dev.exacme.cli.exchange.DoctorCommand;
import dev.exacme.cli.exchange.ExchangeCommand;
import dev.exacme.cli.importing.ImportCommand;
import dev.exacme.cli.install.InstallCommand;
import dev.exacme.cli.issue.IssueCommand;
import dev.exacme.cli.managed.AddCommand;
import dev.exacme.cli.managed.DeployCommand;
import dev.exacme.cli.managed.EditCommand;
import dev.exacme.cli.managed.ListCommand;
import dev.exacme.cli.managed.RemoveCommand;
import dev.exacme.cli.managed.RenewCommand;
import dev.exacme.cli.managed.RevokeCommand;
import dev.exacme.cli.managed.SetupCommand;
import dev.exacme.cli.managed.ShowCommand;
import dev.exacme.cli.network.NetworkCommand;
import dev.exacme.cli.notify.NotifyCommand;
import dev.exacme.cli.schedule.ScheduleCommand;
import dev.exacme.cli.secrets.SecretCommand;
import dev.exacme.cli.status.StatusCommand;
import dev.exacme.cli.store.StoreCommand;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code exacme} command and its subcommands.
 *
 * <p>The subcommands are not in the {@code @Command} annotation: picocli would then build the
 * model of all of them (reflection over ~50 commands and their option classes, and an instance
 * of each) before parsing anything. {@link #commandLine(String[])} registers only the one the
 * arguments name, and all of them only where picocli needs the whole tree: the usage help, an
 * unknown or missing subcommand (its "did you mean"), an argument file. With no arguments at all,
 * {@link Main} runs {@link #DEFAULT_SUBCOMMAND}.
 */
@Command(name = "exacme", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"ACME certificates for Exchange and IIS hosts, and for anything that reads PEM files."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CA_REFUSED,
            ExitCodes.NETWORK})
public final class ExacmeCommand {

    /**
     * The subcommands' names, in the order the usage help lists them; each is the name its
     * {@code @Command} gives ({@code ExacmeCommandTest}). Names, not classes: reading the
     * classes' annotations would load every nested subcommand.
     */
    public static final List<String> SUBCOMMANDS = List.of("status", "setup", "issue", "add", "deploy", "list", "show", "edit",
            "renew", "revoke", "remove", "store", "exchange", "doctor", "account", "dns", "network", "secret",
            "schedule", "notify", "import", "install");

    /** The class of subcommand {@code name}, loading no other; null for a name that is none. */
    public static Class<?> subcommand(String name) {
        return switch (name) {
            case "setup" -> SetupCommand.class;
            case "issue" -> IssueCommand.class;
            case "add" -> AddCommand.class;
            case "deploy" -> DeployCommand.class;
            case "list" -> ListCommand.class;
            case "show" -> ShowCommand.class;
            case "edit" -> EditCommand.class;
            case "renew" -> RenewCommand.class;
            case "revoke" -> RevokeCommand.class;
            case "remove" -> RemoveCommand.class;
            case "store" -> StoreCommand.class;
            case "exchange" -> ExchangeCommand.class;
            case "doctor" -> DoctorCommand.class;
            case "account" -> AccountCommand.class;
            case "dns" -> DnsCommand.class;
            case "network" -> NetworkCommand.class;
            case "secret" -> SecretCommand.class;
            case "schedule" -> ScheduleCommand.class;
            case "notify" -> NotifyCommand.class;
            case "import" -> ImportCommand.class;
            case "install" -> InstallCommand.class;
            case "status" -> StatusCommand.class;
            default -> null;
        };
    }

    /** What {@code exacme} with no arguments runs: the one screen an administrator looks at first. */
    public static final String DEFAULT_SUBCOMMAND = "status";

    /**
     * The arguments to parse: {@code args}, with {@link #DEFAULT_SUBCOMMAND} before them when
     * there are none or they are only options the status screen takes ({@code --json},
     * {@code --config-dir DIR}, {@code -q}, {@code -v}): a monitoring check calls
     * {@code exacme --json}. {@code exacme --help} and {@code --version} are left to {@code exacme}.
     */
    public static String[] arguments(String[] args) {
        for (var i = 0; i < args.length; i++) {
            var arg = args[i];
            if (arg.equals("--config-dir")) {
                i++; // its value, whatever it looks like; without one, status says it is missing
            } else if (!STATUS_OPTION.matcher(arg).matches()) {
                return args;
            }
        }
        var withStatus = new String[args.length + 1];
        withStatus[0] = DEFAULT_SUBCOMMAND;
        System.arraycopy(args, 0, withStatus, 1, args.length);
        return withStatus;
    }

    /** The options of {@link GlobalOptions} alone, as picocli accepts them: long, short, clustered, with {@code =}. */
    private static final Pattern STATUS_OPTION =
            Pattern.compile("--json|--quiet|--verbose|-[qv]+|--config-dir=.+");

    /** The options of {@code exacme} itself that need no subcommand at all. */
    private static final Set<String> VERSION = Set.of("-V", "--version");

    /** The whole command tree. */
    public static CommandLine commandLine() {
        var commandLine = new CommandLine(new ExacmeCommand());
        SUBCOMMANDS.forEach(name -> commandLine.addSubcommand(name, subcommand(name)));
        return commandLine;
    }

    /**
     * The command tree as far as {@code args} need it: {@code exacme} with only the subcommand
     * its first positional argument names, none for {@code --version}, else the whole tree.
     * What picocli then parses, prints and runs is the same as with the whole tree.
     */
    public static CommandLine commandLine(String[] args) {
        for (var arg : args) {
            if (arg.startsWith("@") || arg.equals("--")) {
                break; // an argument file (picocli expands it) or the end of options: picocli decides
            }
            if (arg.startsWith("-")) {
                continue; // exacme's own options take no values
            }
            var subcommand = subcommand(arg);
            if (subcommand == null) {
                break;
            }
            var commandLine = new CommandLine(new ExacmeCommand());
            commandLine.addSubcommand(arg, subcommand);
            return commandLine;
        }
        if (args.length > 0 && Arrays.stream(args).allMatch(VERSION::contains)) {
            return new CommandLine(new ExacmeCommand());
        }
        return commandLine();
    }
}
