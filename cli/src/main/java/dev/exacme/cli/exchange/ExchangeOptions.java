package dev.exacme.cli.exchange;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.GracePeriod;
import dev.exacme.store.windows.MachineStore;
import dev.exacme.store.windows.NativeMachineStoreApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a deployment to Exchange changes, and how it reaches Exchange ({@link ExchangeConnection});
 * refused early when it cannot work here. Only the commands that deploy have these options.
 */
public final class ExchangeOptions {

    @Mixin
    private ExchangeConnection connection;

    @Option(names = "--all-servers",
            description = "Every server of Get-ExchangeServer, this one first; the others get a copy of the certificate"
                    + " through Exchange (Export/Import-ExchangeCertificate, needs an exportable key).")
    boolean allServers;

    @Option(names = "--services", paramLabel = "LIST", split = ",", defaultValue = "IIS,SMTP",
            description = "Exchange services to enable: IIS, SMTP, IMAP, POP (default: ${DEFAULT-VALUE}).")
    List<String> services = new ArrayList<>();

    @Option(names = "--replace-default-smtp",
            description = "Make the new certificate the default SMTP (internal transport) certificate; by default"
                    + " the previous one stays, as Microsoft advises for hybrid.")
    boolean replaceDefaultSmtp;

    @Option(names = "--include-backend",
            description = "Also rebind the Exchange Back End site (port 444), which otherwise keeps Exchange's"
                    + " self-signed certificate.")
    boolean includeBackEnd;

    @Option(names = "--sni-site", paramLabel = "SITE",
            description = "Also give this IIS site an SNI https binding (port 443) for each name of the certificate,"
                    + " created or moved to it.")
    String sniSite;

    @Option(names = "--restart-services",
            description = "Restart the IMAP and POP services so that they present the new certificate (and check"
                    + " 993/995); without it they keep the previous one until their next restart.")
    boolean restartServices;

    @Option(names = "--connectors-without-cn",
            description = "Let Send and Receive connectors and the hybrid configuration name a certificate without a"
                    + " subject common name (Let's Encrypt's tlsserver and shortlived profiles issue such): their"
                    + " TlsCertificateName then ends in an empty subject, and whether Exchange transport selects the"
                    + " certificate by it is unknown. Without it they keep naming the previous certificate.")
    boolean connectorsWithoutCn;

    @Option(names = "--keep-old", paramLabel = "DURATION", converter = dev.exacme.cli.DurationConverter.class,
            description = "Certificates a deployed one superseded are removed once unused and this long after the"
                    + " deployment (default: a tenth of the new certificate's lifetime, at most 7d: 14.4h for a"
                    + " six-day certificate); never Exchange's self-signed or Auth certificates.")
    Duration keepOld;

    /** Whether an option that only a deployment reads was given (its defaults aside). */
    public boolean given() {
        return !connection.servers.isEmpty() || allServers || connection.uri != null || replaceDefaultSmtp || includeBackEnd
                || sniSite != null || restartServices || connectorsWithoutCn;
    }

    /** {@code --powershell-timeout}, which IIS deployments take too. */
    public Duration powershellTimeout() {
        return connection.timeout;
    }

    /** {@code --keep-old}, which IIS deployments take too; left out, a share of the certificate's lifetime. */
    public GracePeriod keepOld() {
        return GracePeriod.givenOrDefault(keepOld);
    }

    /** The Exchange deployment of a specification, this computer the server when none is named. */
    public DeploymentSpec.Exchange spec() throws InvalidRequest {
        // Checked as given, so that --all-servers beside --exchange-server is seen; then this computer is the default.
        new DeploymentSpec.Exchange(connection.servers, allServers, connection.uri, services, replaceDefaultSmtp,
                includeBackEnd, sniSite, restartServices, connection.timeout, keepOld()).checkOptions();
        return new DeploymentSpec.Exchange(allServers ? List.of() : connection.servers(), allServers, connection.uri,
                services, replaceDefaultSmtp, includeBackEnd, sniSite, restartServices, connection.timeout, keepOld(),
                connectorsWithoutCn);
    }

    /** Refuses to go on where Windows PowerShell 5.1 and the machine store do not exist. */
    public static void requireWindows(String command) throws InvalidRequest {
        dev.exacme.lifecycle.deploy.exchange.WindowsExchangeAccess.requireWindows(command);
    }

    /** {@code LocalMachine\My}, for key access checks. */
    static MachineStore machineStore() {
        return new MachineStore(new NativeMachineStoreApi(), new MachineStore.Options(false, false, List.of()));
    }
}
