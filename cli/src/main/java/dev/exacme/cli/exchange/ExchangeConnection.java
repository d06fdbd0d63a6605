package dev.exacme.cli.exchange;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.lifecycle.deploy.exchange.WindowsExchangeAccess;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How exacme reaches Exchange: which server, through which PowerShell session, how long a step
 * may take. Every Exchange command has these; what a deployment changes is {@link ExchangeOptions}.
 */
public final class ExchangeConnection {

    @Option(names = "--exchange-server", paramLabel = "NAME", split = ",",
            description = "Exchange servers to work on (default: this computer); a deployment enables the certificate"
                    + " on each, the other commands use the first.")
    List<String> servers = new ArrayList<>();

    @Option(names = "--exchange-uri", paramLabel = "URI",
            description = "Use a remote Exchange PowerShell session (http://SERVER/PowerShell/, Kerberos) instead of"
                    + " the local snap-in.")
    String uri;

    @Option(names = "--powershell-timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = dev.exacme.cli.DurationConverter.class,
            description = "Longest wait for one PowerShell step (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** The servers named, or this computer. */
    List<String> servers() {
        if (!servers.isEmpty()) {
            return List.copyOf(servers);
        }
        return List.of(new WindowsExchangeAccess().localServer());
    }

    /**
     * A specification that only reaches Exchange, for the commands that examine or clean up;
     * {@code keepOld} is what a clean-up waits for. They change no service: the services are
     * the deployment's defaults only because a deployment specification must name some.
     */
    DeploymentSpec.Exchange spec(dev.exacme.lifecycle.spec.GracePeriod keepOld) throws InvalidRequest {
        var spec = new DeploymentSpec.Exchange(servers(), false, uri, List.of("IIS", "SMTP"), false, false, null,
                false, timeout, keepOld);
        spec.checkOptions();
        return spec;
    }

    /** The shell to Exchange and IIS. */
    ExchangeShell shell() throws InvalidRequest {
        return new WindowsExchangeAccess().shell(spec(dev.exacme.lifecycle.spec.GracePeriod.fixed(Duration.ZERO)));
    }

    /** The PowerShell runner with this command's timeout. */
    PowerShellRunner runner() {
        return PowerShellRunner.windowsPowerShell(timeout);
    }
}
