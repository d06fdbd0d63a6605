package dev.exacme.cli.store;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.output.Console;
import dev.exacme.cli.output.TerminalWidth;
import dev.exacme.cli.output.TextTable;
import dev.exacme.cli.output.Times;
import dev.exacme.store.CertificateBundle;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import dev.exacme.store.windows.HttpSysBindings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code exacme store list|show|grant|remove}: the certificates of a store and who can open
 * their keys. The store is chosen as for {@code issue} ({@code --store}, default the Windows
 * machine store on Windows and the PEM store elsewhere).
 */
@Command(name = "store", mixinStandardHelpOptions = true,
        description = {"Lists, checks, repairs or removes the certificates of a store.",
            "It reports who can open their private keys and grants or repairs key access."},
        subcommands = {StoreCommand.List.class, StoreCommand.Show.class, StoreCommand.Doctor.class,
            StoreCommand.Grant.class, StoreCommand.Remove.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.KEY_UNFIT, ExitCodes.LOCAL_USAGE})
public final class StoreCommand {

    /** A subcommand about one certificate of a store, named by its thumbprint. */
    abstract static class OneCertificate implements Callable<Integer> {
        @Mixin
        GlobalOptions global;
        @Mixin
        StoreLocation store;
        @Parameters(paramLabel = "THUMBPRINT")
        private String thumbprint;

        @Override
        public final Integer call() throws InvalidRequest, StoreException, java.io.IOException {
            var print = StoreOptions.thumbprint(thumbprint);
            return run(print, store.open(global.configDirectory()));
        }

        abstract int run(Thumbprint print, CertificateStore opened) throws StoreException, InvalidRequest;
    }

    /** Prints a key's access; exit 1 when it is not fit for use. */
    private static int print(Console console, Thumbprint thumbprint, String location, KeyAccess access) {
        var document = console.newDocument();
        document.put("thumbprint", thumbprint.hex());
        document.set("keyAccess", InstallationReport.json(console, access));
        return console.result(document, "Certificate " + thumbprint + " in " + location + "\n"
                + InstallationReport.text(access), access.fit() ? 0 : 1);
    }

    /** Lists the certificates. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the certificates of the store.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class List implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private StoreLocation store;

        @Override
        public Integer call() throws InvalidRequest, StoreException, java.io.IOException {
            var opened = store.open(global.configDirectory());
            var console = global.console();
            var document = console.newDocument();
            document.put("store", opened.location());
            var array = document.putArray("certificates");
            var table = new TextTable("THUMBPRINT", "NOT AFTER", "PRIVATE KEY", "NAMES");
            for (var stored : opened.list()) {
                var certificate = stored.certificate();
                var names = CertificateBundle.dnsNames(certificate);
                var node = array.addObject().put("thumbprint", stored.thumbprint().hex())
                        .put("friendlyName", stored.friendlyName());
                names.forEach(node.putArray("domains")::add);
                Times.put(node, "notAfter", certificate.getNotAfter().toInstant());
                node.put("key", stored.key().orElse(null));
                table.row(stored.thumbprint().toString(), Times.text(certificate.getNotAfter().toInstant()),
                        stored.key().isPresent() ? "yes" : "none", String.join(", ", names));
            }
            console.result(document, opened.location() + "\n" + table.render(TerminalWidth.current()));
            return 0;
        }
    }

    /** The key access report of one certificate. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Shows who can open a certificate's private key, and if that is fit.",
                "Fit means fit for Exchange and IIS; exit 1 if not."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.KEY_UNFIT, ExitCodes.LOCAL_USAGE})
    static final class Show extends OneCertificate {
        @Override
        int run(Thumbprint print, CertificateStore opened) throws StoreException {
            return print(global.console(), print, opened.location(), opened.keyAccess(print));
        }
    }

    /**
     * Checks every certificate with a private key: the check to run before an Exchange
     * cumulative update, whose setup fails on a key Administrators cannot open. Each unfit key
     * gets its store's own fix (a file mode for file stores, a grant for the Windows store);
     * {@code --fix} applies it and reports what it changed. A key file is checked against the
     * group its managed certificate (or {@code --key-group}) lets read it; one that no
     * definition owns and its group can read gets a warning, which {@code --fix} leaves alone.
     */
    @Command(name = "doctor", mixinStandardHelpOptions = true,
            description = {"Checks the private key of every certificate in the store.",
                "Exit 1 if any is unfit, with the fix named under it; run it before an Exchange cumulative update."
                    + " --fix applies the fixes."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.KEY_UNFIT, ExitCodes.LOCAL_USAGE})
    static final class Doctor implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private StoreLocation store;
        @Mixin
        private KeyGrants grants;
        @picocli.CommandLine.Option(names = "--fix",
                description = "Repairs what is found: key files back to owner-only, or readable by the group their"
                        + " managed certificate or --key-group names (a group nothing names is only warned about);"
                        + " Windows keys get the default rules and those of --acl-read/--acl-full (not yet run on"
                        + " Windows).")
        private boolean fix;

        @Override
        public Integer call() throws InvalidRequest, StoreException, java.io.IOException {
            var opened = store.open(global.configDirectory());
            var console = global.console();
            var document = console.newDocument();
            document.put("store", opened.location());
            var array = document.putArray("certificates");
            var text = new StringBuilder("Private keys in ").append(opened.location()).append('\n');
            var unfit = 0;
            var fixed = 0;
            var warned = 0;
            for (var stored : opened.list()) {
                if (stored.key().isEmpty()) {
                    continue;
                }
                var access = opened.keyAccess(stored.thumbprint());
                var names = String.join(", ", CertificateBundle.dnsNames(stored.certificate()));
                var node = array.addObject();
                node.put("thumbprint", stored.thumbprint().hex());
                CertificateBundle.dnsNames(stored.certificate()).forEach(node.putArray("domains")::add);
                var label = names.isEmpty() ? stored.certificate().getSubjectX500Principal().getName() : names;
                if (access.fit()) {
                    // A warning is the person's to decide (a group that may be a service's): --fix leaves it.
                    var warning = !access.warnings().isEmpty();
                    node.put("outcome", warning ? "warning" : "fit");
                    node.set("keyAccess", InstallationReport.json(console, access));
                    text.append(warning ? "  WARN   " : "  ok     ").append(stored.thumbprint()).append("  ")
                            .append(label).append('\n');
                    access.warnings().forEach(line -> text.append("         warning: ").append(line).append('\n'));
                    warned += warning ? 1 : 0;
                    continue;
                }
                var remedy = opened.remedy(stored.thumbprint());
                node.put("remedy", remedy);
                var found = node.putArray("problems");
                access.problems().forEach(found::add);
                var after = fix ? opened.repair(stored.thumbprint(), grants.grants()) : access;
                node.put("outcome", !fix ? "unfit" : after.fit() ? "fixed" : "unfit");
                node.set("keyAccess", InstallationReport.json(console, after));
                text.append(!fix ? "  UNFIT  " : after.fit() ? "  FIXED  " : "  UNFIT  ").append(stored.thumbprint())
                        .append("  ").append(label).append('\n');
                access.problems().forEach(problem -> text.append(fix ? "         was: " : "         ").append(problem)
                        .append('\n'));
                if (!fix) {
                    text.append("         fix: ").append(remedy).append('\n');
                } else if (after.fit()) {
                    text.append("         now: fit for use").append(after.keyFile().isEmpty() ? ""
                            : " (" + after.keyFile() + ": " + modeOf(after) + ")").append('\n');
                    fixed++;
                } else {
                    after.problems().forEach(problem -> text.append("         still: ").append(problem).append('\n'));
                }
                after.warnings().forEach(line -> text.append("         warning: ").append(line).append('\n'));
                warned += after.warnings().isEmpty() ? 0 : 1;
                unfit += after.fit() && fix ? 0 : 1;
            }
            document.put("unfit", unfit);
            document.put("fixed", fixed);
            document.put("warned", warned);
            text.append(unfit > 0 ? unfit + " key(s) unfit" + (fix ? " after --fix."
                    : ": apply the fix named under each, or run 'exacme store doctor --fix'.")
                    : fixed == 0 ? "Every private key is fit for use."
                    : fixed + " key(s) fixed; every private key is fit for use.");
            if (warned > 0) {
                text.append(' ').append(warned).append(" key(s) with a warning, which --fix leaves as they are.");
            }
            text.append('\n');
            return console.result(document, text.toString(), unfit == 0 ? 0 : 1);
        }

        /** The owner's access rule detail holds the file mode on POSIX ({@code rw-------}). */
        private static String modeOf(KeyAccess access) {
            return access.rules().isEmpty() ? "" : access.rules().get(0).detail();
        }
    }

    /** Grants key access, repairing a key this account cannot open. */
    @Command(name = "grant", mixinStandardHelpOptions = true,
            description = {"Adds the default key rules and those asked for to a private key.",
                "The defaults are SYSTEM and Administrators full control and NETWORK SERVICE read; --acl-read and"
                    + " --acl-full ask for more. The rules already there are kept. Repairs keys the administrator"
                    + " cannot open (needs an elevated prompt)."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, "1:the key is still unfit after the grant, or the grant failed",
                ExitCodes.LOCAL_USAGE})
    static final class Grant extends OneCertificate {
        @Mixin
        private KeyGrants grants;

        @Override
        int run(Thumbprint print, CertificateStore opened) throws StoreException {
            return print(global.console(), print, opened.location(), opened.grant(print, grants.grants()));
        }
    }

    /** Removes a certificate and its key. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Removes a certificate and its private key.",
                "Refused while an https binding of http.sys serves it (Windows)."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Remove extends OneCertificate {
        @Override
        int run(Thumbprint print, CertificateStore opened) throws StoreException, InvalidRequest {
            var windows = store.kind() == StoreLocation.Kind.WINDOWS;
            opened.remove(print, windows ? HttpSysBindings.fromRegistry() : unused -> java.util.Optional.empty());
            var console = global.console();
            var document = console.newDocument();
            document.put("removed", print.hex());
            document.put("store", opened.location());
            console.result(document, "Removed " + print + " from " + opened.location()
                    + (windows ? "" : " (file stores cannot tell whether a server still reads the files)") + "\n");
            return 0;
        }
    }
}
