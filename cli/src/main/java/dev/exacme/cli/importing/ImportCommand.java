package dev.exacme.cli.importing;

import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.schedule.ScheduleHost;
import dev.exacme.cli.schedule.windows.TaskScheduler;
import dev.exacme.lifecycle.importing.ImportSource;
import dev.exacme.lifecycle.importing.certify.CertifyDatabase;
import dev.exacme.lifecycle.importing.winacme.WinAcmeRenewals;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code exacme import win-acme|certify}: takes over the certificates another ACME client
 * manages on this machine, keeping the certificates it installed in service.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Takes over what win-acme or Certify The Web manage on this server.",
            "The certificates win-acme (or simple-acme) or Certify The Web manage here each become a managed"
                + " certificate that keeps the one installed until its renewal window."},
        subcommands = {ImportCommand.WinAcme.class, ImportCommand.Certify.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ImportCommand.EXIT_PARTIAL, ExitCodes.USAGE_OR_LOCK})
public final class ImportCommand {

    static final String EXIT_PARTIAL = "1:some certificates were not imported (each says why)";

    /** {@code exacme import win-acme}. */
    @Command(name = "win-acme", mixinStandardHelpOptions = true,
            description = {"Takes over the renewals of win-acme or simple-acme.",
                "Reads win-acme's or simple-acme's renewals (DIR\\\\<CA host>\\\\*.renewal.json, never changed) and"
                    + " writes each as a managed certificate: names, CA, validation, key, store and installation steps,"
                    + " saying what could not be taken over and which secrets to enter. Nothing is renewed."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, EXIT_PARTIAL, ExitCodes.USAGE_OR_LOCK})
    static final class WinAcme extends ImportRun implements Callable<Integer> {
        @Option(names = "--from", paramLabel = "DIR",
                description = "win-acme's data directory (default: %%ProgramData%%\\\\win-acme; simple-acme's is"
                        + " %%ProgramData%%\\\\simple-acme).")
        Path from;

        @Option(names = "--settings", paramLabel = "FILE",
                description = "win-acme's settings.json beside wacs.exe, where its defaults (key size, CA, script"
                        + " timeout) are kept (default: the one in --from, if any).")
        Path settings;

        @Override
        ImportSource source() {
            return new WinAcmeRenewals(location(from, "win-acme"), Optional.ofNullable(settings), iisConfiguration(),
                    System.getenv());
        }

        @Override
        OldRenewals oldRenewals() {
            // simple-acme keeps its data under %ProgramData%\simple-acme and names its tasks after itself.
            var data = location(from, "win-acme").toAbsolutePath().normalize();
            var simpleAcme = java.util.stream.StreamSupport.stream(data.spliterator(), false)
                    .anyMatch(part -> part.toString().equalsIgnoreCase("simple-acme"));
            return new OldRenewals.ScheduledTasks(ScheduleHost.thisMachine(), TaskScheduler.systemSchtasks(),
                    simpleAcme ? "simple-acme" : "win-acme");
        }

        @Override
        public Integer call() throws Exception {
            return run();
        }
    }

    /** {@code exacme import certify}. */
    @Command(name = "certify", mixinStandardHelpOptions = true,
            description = {"Takes over the managed certificates of Certify The Web.",
                "Reads Certify The Web's managed certificates (its manageditems.db, opened read-only) and writes each"
                    + " as a managed certificate: names, CA, challenge, key, IIS bindings and deployment tasks, saying"
                    + " what could not be taken over and which secrets to enter. Nothing is renewed."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, EXIT_PARTIAL, ExitCodes.USAGE_OR_LOCK})
    static final class Certify extends ImportRun implements Callable<Integer> {
        @Option(names = "--from", paramLabel = "FILE",
                description = "Certify's database (default: %%ProgramData%%\\\\certify\\\\manageditems.db).")
        Path from;

        @Override
        ImportSource source() {
            return new CertifyDatabase(location(from, "certify", "manageditems.db"), iisConfiguration());
        }

        @Override
        OldRenewals oldRenewals() {
            return new OldRenewals.WindowsService(ScheduleHost.thisMachine(), "Certify The Web",
                    "Certify SSL Manager Service", OldRenewals.systemTool("sc.exe"));
        }

        @Override
        public Integer call() throws Exception {
            return run();
        }
    }
}
