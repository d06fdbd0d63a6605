package dev.exacme.cli.exchange;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.exchange.doctor.ExchangeDoctor;
import dev.exacme.exchange.doctor.Examination;
import dev.exacme.exchange.doctor.PowerShellDoctorShell;
import dev.exacme.exchange.deploy.PowerShellClientAccessNames;
import dev.exacme.exchange.powershell.ExchangeSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.lifecycle.secrets.SecretStore;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code exacme doctor exchange}: the preflight to run before every Exchange cumulative update. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Checks a server before an Exchange cumulative update.",
        subcommands = {DoctorCommand.Exchange.class, DoctorCommand.State.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, "1:a check found what would fail (exchange, state), or it failed",
            ExitCodes.LOCAL_USAGE})
public final class DoctorCommand {

    /** The Exchange preflight and certificate health check. */
    @Command(name = "exchange", mixinStandardHelpOptions = true,
            description = {"Checks what would make an Exchange cumulative update fail.",
                "Every certificate check of Microsoft's HealthChecker, and what it misses.",
                "Every certificate of Get-ExchangeCertificate (lifetime as a fraction of its own, status, key size,"
                    + " signature, SAN, private key and who can open it, CSP or KSP, chain, CRL), the internal transport"
                    + " and Auth certificates (read, never changed), IIS bindings, the Back End, connectors and hybrid,"
                    + " EnableEccCertificateSupport, what 443/25/587/993/995 serve, the virtual directories' names and"
                    + " the other servers. Exit 1 when a cumulative update would fail. Not yet run on Windows."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, "1:a cumulative update would fail, or the check failed",
                ExitCodes.LOCAL_USAGE})
    static final class Exchange implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private ExchangeConnection exchange;
        @Option(names = "--fix", description = "Apply the key-access repairs ('exacme store grant') it finds; never to"
                + " the Auth certificate.")
        private boolean fix;
        @Option(names = "--report", paramLabel = "FILE", description = "Also write an HTML report (one file, no"
                + " scripts) to attach to a change request.")
        private Path report;
        @Option(names = "--no-wire", description = "Do not connect to 443, 25, 587, 993 and 995 to compare what they"
                + " serve.")
        private boolean noWire;

        @Override
        public Integer call() throws InvalidRequest, StoreException, PowerShellFailure, IOException {
            ExchangeOptions.requireWindows("exacme doctor exchange");
            var reportFile = report == null ? Optional.<Path>empty() : Optional.of(report.toAbsolutePath());
            if (reportFile.isPresent() && (reportFile.get().getParent() == null
                    || !Files.isDirectory(reportFile.get().getParent()))) {
                throw new InvalidRequest("--report " + report + ": its folder does not exist; name a file in an"
                        + " existing folder.");
            }
            var store = ExchangeOptions.machineStore();
            var server = exchange.servers().get(0);
            var console = global.console();
            console.progress("Examining " + server + " ...");
            var examination = examine(server, store);
            if (fix) {
                for (var finding : examination.findings()) {
                    // The Auth certificate's fix is words, never this command: exacme does not touch it.
                    if (finding.fix().startsWith("exacme store grant ")) {
                        var thumbprint = Thumbprint.parse(finding.fix().substring("exacme store grant ".length()));
                        store.grant(thumbprint, List.of());
                        console.progress("Repaired the key access of " + thumbprint);
                    }
                }
                examination = examine(server, store);
            }
            var output = new DoctorReport(examination);
            if (reportFile.isPresent()) {
                var temporary = Files.createTempFile(reportFile.get().getParent(), ".exacme-report", ".tmp");
                Files.writeString(temporary, output.html(), StandardCharsets.UTF_8);
                Files.move(temporary, reportFile.get(), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                console.progress("Wrote the report to " + reportFile.get());
            }
            var document = console.newDocument();
            output.fill(document, reportFile.map(Path::toString));
            return console.result(document, output.text(), examination.blocksUpdate() ? 1 : 0);
        }

        private Examination examine(String server, dev.exacme.store.CertificateStore store)
                throws InvalidRequest, StoreException, PowerShellFailure {
            var runner = exchange.runner();
            var session = exchange.uri == null ? new ExchangeSession.ManagementShell()
                    : new ExchangeSession.Remote(java.net.URI.create(exchange.uri));
            var served = noWire ? Optional.<dev.exacme.exchange.verify.ServedCertificateCheck>empty()
                    : Optional.of(dev.exacme.lifecycle.deploy.ThisComputer.wireCheck());
            // Renewal times of managed certificates are not looked up yet: the fractions alone decide.
            return new ExchangeDoctor(exchange.shell(), new PowerShellDoctorShell(runner, session), store,
                    new PowerShellClientAccessNames(runner), served, thumbprint -> Optional.empty())
                    .examine(server, exchange.uri == null ? "localhost" : server, Instant.now());
        }
    }

    /** Checks, and with {@code --fix} repairs, the access list that keeps other users away from exacme's secrets. */
    @Command(name = "state", mixinStandardHelpOptions = true,
            description = {"Checks that no one else can open the directory of exacme's secrets.",
                "Only SYSTEM and Administrators (on POSIX systems: the account running exacme) may open the directory"
                    + " that holds exacme's secrets: the state directory on Windows (not yet run on Windows), its"
                    + " secrets/ folder and files elsewhere. exacme refuses to read secrets from it otherwise. --fix"
                    + " gives it exactly that access list."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, "1:others can open it (and --fix was not given or failed)",
                ExitCodes.LOCAL_USAGE})
    static final class State implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Option(names = "--fix", description = "Give the directory the access list exacme needs.")
        private boolean fix;

        @Override
        public Integer call() throws IOException {
            var guard = SecretStore.open(global.configDirectory()).guard().orElseThrow();
            var protection = guard.protection();
            var directory = guard.directory();
            var problem = protection.problem(directory).or(() -> openSecretFiles(directory));
            var console = global.console();
            if (problem.isPresent() && fix) {
                if (protection.problem(directory).isPresent()) {
                    protection.repair(directory);
                }
                closeSecretFiles(directory);
                console.progress("Repaired " + directory + ".");
                problem = protection.problem(directory).or(() -> openSecretFiles(directory));
            }
            var document = console.newDocument();
            document.put("protected", problem.isEmpty());
            document.put("directory", directory.toString());
            problem.ifPresent(text -> document.put("problem", text));
            return console.result(document, problem.map(text -> text + "\n").orElse(directory + ": only "
                    + String.join(" and ", protection.intended().stream().map(entry -> entry.principal()).toList())
                    + " can open it.\n"), problem.isEmpty() ? 0 : 1);
        }

        /** Secret files others may read (POSIX), which every run refuses; Windows files inherit the directory's list. */
        private static Optional<String> openSecretFiles(Path directory) {
            var open = secretFiles(directory).stream().filter(file -> {
                try {
                    var mode = Files.getPosixFilePermissions(file);
                    return mode.contains(PosixFilePermission.GROUP_READ)
                            || mode.contains(PosixFilePermission.OTHERS_READ);
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            }).map(String::valueOf).toList();
            return open.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", open)
                    + (open.size() == 1 ? " is" : " are") + " readable by other users; exacme refuses to use "
                    + (open.size() == 1 ? "it" : "them") + ": 'exacme doctor state --fix' (or chmod 600) closes them,"
                    + " and change the secrets if others may have read them.");
        }

        private static void closeSecretFiles(Path directory) throws IOException {
            for (var file : secretFiles(directory)) {
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(file,
                            PosixFilePermissions.fromString("rw-------"));
                }
            }
        }

        private static List<Path> secretFiles(Path directory) {
            var secrets = directory.getFileName() != null && directory.getFileName().toString()
                    .equals(SecretStore.DIRECTORY) ? directory : directory.resolve(SecretStore.DIRECTORY);
            try (var files = Files.list(secrets)) {
                return files.filter(file -> file.toString().endsWith(SecretStore.EXTENSION)).toList();
            } catch (IOException e) {
                return List.of();
            }
        }
    }
}
