package dev.exacme.cli.managed;

import dev.exacme.cli.ExitCodes;
import dev.exacme.cli.GlobalOptions;
import dev.exacme.cli.certificate.Pipelines;
import dev.exacme.cli.network.NetworkOptions;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code exacme remove NAME}: stops managing a certificate; what is installed stays. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Stops renewing a managed certificate and deletes its definition.",
            "Its state is deleted too. The installed certificate stays where it is: 'exacme store remove' removes"
                + " it; --revoke revokes it first."},
        exitCodeListHeading = ExitCodes.HEADING, exitCodeList = {ExitCodes.SUCCESS, ExitCodes.FAILURE,
            ExitCodes.USAGE_OR_LOCK, "3:--revoke: the CA refused the revocation (problem document)",
            "4:--revoke: network failure or timeout, or the CA is unavailable; try again later"})
public final class RemoveCommand implements Callable<Integer> {

    @Mixin
    private GlobalOptions global;

    @Mixin
    private NetworkOptions network;

    @Parameters(paramLabel = "NAME")
    private String name;

    @picocli.CommandLine.Option(names = "--revoke", paramLabel = "REASON",
            description = "Revoke the current certificate first (reason as for 'exacme revoke', e.g. cessationOfOperation).")
    private String revoke;

    @Override
    public Integer call() throws dev.exacme.acme.failure.AcmeFailure, IOException,
            dev.exacme.lifecycle.managed.ManagedCertificates.UnreadableFile {
        var configDirectory = global.configDirectory();
        var managed = Pipelines.managed(configDirectory);
        try (var lock = Pipelines.lockOrRefuse(configDirectory, java.time.Duration.ofSeconds(30), global.console())) {
            return remove(managed);
        }
    }

    private int remove(dev.exacme.lifecycle.managed.ManagedCertificates managed)
            throws dev.exacme.acme.failure.AcmeFailure, IOException,
            dev.exacme.lifecycle.managed.ManagedCertificates.UnreadableFile {
        try {
            managed.require(name);
        } catch (dev.exacme.lifecycle.managed.ManagedCertificates.UnreadableFile damaged) {
            // A definition that cannot be read can still be forgotten; nothing of it can be revoked.
            if (revoke != null) {
                throw damaged;
            }
            managed.remove(name);
            var console = global.console();
            var document = console.newDocument();
            document.put("removed", name);
            console.result(document, "Removed the damaged definition of " + name + " and its state; what it installed"
                    + " stays where it is.\n");
            return 0;
        }
        if (revoke != null) {
            RevokeCommand.revoke(global.configDirectory(), network, name,
                    dev.exacme.acme.revocation.RevocationReason.parse(revoke));
        }
        var state = managed.state(name);
        managed.remove(name);
        var console = global.console();
        var document = console.newDocument();
        document.put("removed", name);
        document.put("thumbprint", state.thumbprint());
        console.result(document, "No longer managing " + name + (state.thumbprint() == null ? ""
                : "; certificate " + state.thumbprint() + (revoke != null ? " was revoked and" : "")
                + " stays installed") + ".\n");
        return 0;
    }
}
