package dev.exacme.cli.exchange;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.cli.store.StoreOptions;
import dev.exacme.exchange.rescue.ExchangeRescue;
import dev.exacme.exchange.rescue.NetshCertificates;
import dev.exacme.exchange.rescue.RescueFailed;
import dev.exacme.store.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code exacme exchange deploy|rescue}: hands a certificate of the machine store to Exchange
 * and IIS, proves it is served, rolls back if not; or puts a broken server back on its
 * self-signed certificate. Not yet run on Windows.
 */
@Command(name = "exchange", mixinStandardHelpOptions = true,
        description = {"Deploys a certificate to Exchange and IIS, or rescues a server.",
            "A deployment is verified on the wire and rolled back if not served; a rescue repairs a server a failed"
                + " cumulative update left broken. Not yet run on Windows."},
        subcommands = {ExchangeCommand.Deploy.class, ExchangeCommand.Cleanup.class, ExchangeCommand.Rescue.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
public final class ExchangeCommand {

    /** Deploys one certificate of {@code LocalMachine\My}. */
    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = {"Enables a certificate for Exchange and IIS, verified on the wire.",
                "Enables a certificate of LocalMachine\\My for Exchange services, moves IIS bindings and connectors"
                    + " that used the certificate it replaces, checks every endpoint presents it, and restores"
                    + " everything if one does not (exit 1). Not yet run on Windows."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, "1:not deployed (rolled back), or the deployment failed",
                ExitCodes.LOCAL_USAGE})
    static final class Deploy implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private ExchangeOptions exchange;
        @Parameters(paramLabel = "THUMBPRINT")
        private String thumbprint;
        @Option(names = "--dry-run", description = "Print the plan and change nothing.")
        private boolean dryRun;

        @Override
        public Integer call() throws InvalidRequest, java.io.IOException {
            var print = StoreOptions.thumbprint(thumbprint);
            var spec = exchange.spec();
            ExchangeOptions.requireWindows("exacme exchange deploy");
            var outcome = new dev.exacme.lifecycle.deploy.exchange.ExchangeTarget(spec,
                    new dev.exacme.lifecycle.deploy.exchange.WindowsExchangeAccess(), global.console())
                    .deploy(new dev.exacme.lifecycle.deploy.DeployedCertificate(print, java.util.Optional.empty(),
                            java.util.List.of()), dryRun);
            var console = global.console();
            var document = console.newDocument().put("thumbprint", print.hex()).put("dryRun", dryRun);
            var text = new StringBuilder();
            DeploymentReport.add(console, document, text, print.hex(), java.util.List.of(outcome));
            return console.result(document, text.toString(),
                    outcome.deployed() || outcome.status() == DeploymentOutcome.Status.DRY_RUN ? 0 : 1);
        }
    }

    /** Removes the certificates a deployed one replaced, once nothing uses them and the grace period is over. */
    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = {"Removes the older certificates that THUMBPRINT replaced.",
                "Remove-ExchangeCertificate removes those for the same names once no service, IIS binding or"
                    + " connector uses them and THUMBPRINT has been valid for --keep-old (by default a tenth of its"
                    + " lifetime, at most 7d). Never Exchange's self-signed"
                    + " or Auth certificates. Not yet run on Windows."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Cleanup implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private ExchangeConnection exchange;
        @Parameters(paramLabel = "THUMBPRINT")
        private String thumbprint;
        @Option(names = "--dry-run", description = "Say what would be removed and remove nothing.")
        private boolean dryRun;
        @Option(names = "--keep-old", paramLabel = "DURATION", converter = dev.exacme.cli.DurationConverter.class,
                description = "Remove only once THUMBPRINT has been valid this long (default: a tenth of its"
                        + " lifetime, at most 7d).")
        private java.time.Duration keepOld;

        @Override
        public Integer call() throws InvalidRequest, StoreException, java.io.IOException {
            var current = StoreOptions.thumbprint(thumbprint);
            var spec = exchange.spec(dev.exacme.lifecycle.spec.GracePeriod.givenOrDefault(keepOld));
            ExchangeOptions.requireWindows("exacme exchange cleanup");
            var decisions = new dev.exacme.lifecycle.deploy.exchange.ExchangeTarget(spec,
                    new dev.exacme.lifecycle.deploy.exchange.WindowsExchangeAccess(), global.console())
                    .cleanUp(current, since(current), dryRun);
            var console = global.console();
            var document = console.newDocument();
            var array = document.putArray("decisions");
            var text = new StringBuilder();
            for (var decision : decisions) {
                array.addObject().put("thumbprint", decision.thumbprint()).put("remove", decision.remove())
                        .put("reason", decision.reason());
                text.append(decision.describe(dryRun)).append('\n');
            }
            console.result(document, decisions.isEmpty() ? "Nothing replaced by " + current + ".\n" : text.toString());
            return 0;
        }

        /** When {@code current} was deployed: its issuance stands in for it here, where no state records it. */
        private static Instant since(dev.exacme.store.Thumbprint current) throws StoreException {
            return ExchangeOptions.machineStore().find(current)
                    .map(stored -> stored.certificate().getNotBefore().toInstant()).orElse(Instant.now());
        }
    }

    /** Puts the Default Web Site and the Back End back on Exchange's self-signed certificate. */
    @Command(name = "rescue", mixinStandardHelpOptions = true,
            description = {"Rebinds IIS to a self-signed certificate so a failed CU can be rerun.",
                "Rebinds the Default Web Site (443) and Exchange Back End (444) to a valid Exchange self-signed"
                    + " certificate (creating one if needed), so a failed cumulative update can be rerun. Works without"
                    + " the Exchange Management Shell and without IIS's PowerShell module. Not yet run on Windows."},
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {ExitCodes.SUCCESS, ExitCodes.LOCAL_FAILURE, ExitCodes.LOCAL_USAGE})
    static final class Rescue implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private ExchangeConnection exchange;

        @Override
        public Integer call() throws InvalidRequest, StoreException {
            ExchangeOptions.requireWindows("exacme exchange rescue");
            var server = exchange.servers().get(0);
            var names = new ArrayList<>(List.of(server));
            var domain = System.getenv("USERDNSDOMAIN");
            if (domain != null && !domain.isBlank()) {
                names.add(server + "." + domain.toLowerCase());
            }
            var console = global.console();
            try {
                var result = new ExchangeRescue(exchange.shell(), ExchangeOptions.machineStore(),
                        new NetshCertificates(exchange.runner())).rescue(server, names, Instant.now());
                var document = console.newDocument();
                document.put("certificate", result.certificate().hex());
                document.put("created", result.created());
                var actions = document.putArray("actions");
                result.actions().forEach(actions::add);
                console.result(document, "Rescued " + server + ": sites on " + result.certificate() + "\n  "
                        + String.join("\n  ", result.actions()) + "\n");
                return 0;
            } catch (RescueFailed e) {
                throw new StoreException(e.getMessage(), e);
            }
        }
    }
}
