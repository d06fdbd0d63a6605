package dev.exacme.cli;

import dev.exacme.cli.account.AccountCommand;
import dev.exacme.cli.dns.DnsCommand;
import dev.exacme.cli.exchange.DoctorCommand;
import dev.exacme.cli.exchange.ExchangeCommand;
import dev.exacme.cli.issue.IssueCommand;
import dev.exacme.cli.managed.AddCommand;
import dev.exacme.cli.managed.DeployCommand;
import dev.exacme.cli.managed.EditCommand;
import dev.exacme.cli.managed.RevokeCommand;
import dev.exacme.cli.managed.SetupCommand;
import dev.exacme.cli.managed.ListCommand;
import dev.exacme.cli.managed.RemoveCommand;
import dev.exacme.cli.managed.RenewCommand;
import dev.exacme.cli.managed.ShowCommand;
import dev.exacme.cli.network.NetworkCommand;
import dev.exacme.cli.notify.NotifyCommand;
import dev.exacme.cli.schedule.ScheduleCommand;
import dev.exacme.cli.secrets.SecretCommand;
import dev.exacme.cli.store.StoreCommand;
import picocli.CommandLine.Command;

/** The {@code exacme} command and its subcommands. */
@Command(name = "exacme", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"ACME certificates for Exchange and IIS hosts, and for anything that reads PEM files."},
        subcommands = {SetupCommand.class, IssueCommand.class, AddCommand.class, DeployCommand.class, ListCommand.class, ShowCommand.class, EditCommand.class,
            RenewCommand.class, RevokeCommand.class, RemoveCommand.class, StoreCommand.class, ExchangeCommand.class, DoctorCommand.class, AccountCommand.class,
            DnsCommand.class, NetworkCommand.class, SecretCommand.class, ScheduleCommand.class,
            NotifyCommand.class, dev.exacme.cli.importing.ImportCommand.class, dev.exacme.cli.install.InstallCommand.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CA_REFUSED,
            ExitCodes.NETWORK})
public final class ExacmeCommand {
}
