package dev.exacme.cli.exchange;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.rescue.ExchangeRescue;
import dev.exacme.exchange.rescue.NetshCertificates;
import dev.exacme.exchange.rescue.RescueFailed;
import dev.exacme.store.StoreException;
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
        description = "Deploys a certificate to Exchange and IIS (verified on the wire, rolled back if not served),"
                + " or rescues a server a failed cumulative update left broken. Not yet run on Windows.",
        subcommands = {ExchangeCommand.Deploy.class, ExchangeCommand.Rescue.class},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE})
public final class ExchangeCommand {

    /** Deploys one certificate of {@code LocalMachine\My}. */
    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Enables a certificate of LocalMachine\\My for Exchange services, moves IIS bindings and"
                    + " connectors that used the certificate it replaces, checks every endpoint presents it, and"
                    + " restores everything if one does not (exit 1).")
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
        public Integer call() throws InvalidRequest, StoreException, PowerShellFailure {
            var print = ExchangeDeployment.thumbprint(thumbprint);
            var options = exchange.deployOptions();
            ExchangeOptions.requireWindows("exacme exchange deploy");
            return ExchangeDeployment.deploy(global.console(), exchange, print, options, dryRun);
        }
    }

    /** Puts the Default Web Site and the Back End back on Exchange's self-signed certificate. */
    @Command(name = "rescue", mixinStandardHelpOptions = true,
            description = "Rebinds the Default Web Site (443) and Exchange Back End (444) to a valid Exchange"
                    + " self-signed certificate (creating one if needed), so a failed cumulative update can be rerun."
                    + " Works without the Exchange Management Shell and without IIS's PowerShell module.")
    static final class Rescue implements Callable<Integer> {
        @Mixin
        private GlobalOptions global;
        @Mixin
        private ExchangeOptions exchange;

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
