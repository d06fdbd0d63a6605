package dev.exacme.cli.managed;

import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.acme.keys.PemFormat;
import dev.exacme.acme.revocation.RevocationReason;
import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.network.NetworkOptions;
import dev.exacme.lifecycle.acme.CaSession;
import dev.exacme.lifecycle.managed.Attempt;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exacme revoke NAME --reason ...}: revokes a managed certificate's current certificate at its CA. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Revokes the current certificate of a managed certificate.",
            "It is revoked with the account that ordered it and stays managed: the next 'exacme renew' replaces it."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE, ExitCodes.USAGE, ExitCodes.CA_REFUSED, ExitCodes.NETWORK})
public final class RevokeCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Mixin
    private NetworkOptions network;

    @Parameters(paramLabel = "NAME")
    private String name;

    @Option(names = "--reason", paramLabel = "REASON", required = true,
            description = "unspecified, keyCompromise, affiliationChanged, superseded or cessationOfOperation.")
    private String reason;

    @Override
    public Integer call() throws AcmeFailure, IOException, dev.exacme.lifecycle.managed.ManagedCertificates.UnreadableFile {
        var revoked = revoke(global.configDirectory(), network, name, RevocationReason.parse(reason));
        var console = global.console();
        var document = console.newDocument();
        document.put("revoked", revoked);
        document.put("reason", RevocationReason.parse(reason).label());
        console.result(document, "Revoked " + revoked + " of " + name + "; 'exacme renew " + name + "' replaces it.\n");
        return 0;
    }

    /** Revokes the current certificate of {@code name}, records it, and returns its thumbprint. */
    static String revoke(java.nio.file.Path configDirectory, NetworkOptions network, String name,
                         RevocationReason reason)
            throws AcmeFailure, IOException, dev.exacme.lifecycle.managed.ManagedCertificates.UnreadableFile {
        var managed = Pipelines.managed(configDirectory);
        var spec = managed.require(name);
        var state = managed.state(name);
        var file = managed.certificateFile(name);
        if (state.thumbprint() == null || !Files.exists(file)) {
            throw new InvalidRequest(name + " has no issued certificate to revoke.");
        }
        var certificate = PemFormat.readCertificates(Files.readString(file)).get(0);
        var kept = dev.exacme.store.Thumbprint.of(certificate).hex();
        if (!kept.equalsIgnoreCase(state.thumbprint())) {
            // A run killed between writing the state and the kept certificate: revoke nothing it cannot name.
            throw new InvalidRequest(file + " holds " + kept + ", but the current certificate of " + name + " is "
                    + state.thumbprint() + "; run 'exacme renew " + name + "' first, which brings them together.");
        }
        var run = Pipelines.context(configDirectory, network, dev.exacme.lifecycle.run.Progress.QUIET);
        CaSession.open(spec.ca(), run).revoke(certificate, reason);
        // Due at once: the next renewal replaces it.
        var revoked = state.scheduled(Instant.now(), state.windowStart(), state.windowEnd(), "revoked", null)
                .with(new Attempt(Instant.now(), "revoked", state.thumbprint(), "", reason.label()));
        managed.save(name, revoked);
        return state.thumbprint();
    }
}
