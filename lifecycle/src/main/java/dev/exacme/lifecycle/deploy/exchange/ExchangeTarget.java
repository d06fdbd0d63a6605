package dev.exacme.lifecycle.deploy.exchange;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.exchange.deploy.DeployOptions;
import dev.exacme.exchange.deploy.DeployPlan;
import dev.exacme.exchange.deploy.Deployment;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.deploy.SupersededCertificates;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.rollout.DeployRefused;
import dev.exacme.lifecycle.deploy.DeployedCertificate;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.deploy.DeploymentTarget;
import dev.exacme.lifecycle.deploy.Superseded;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.lifecycle.spec.GracePeriod;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Exchange services and IIS bindings: plan, apply, verify on the wire, roll back when the new
 * certificate is not served (exchange-deploy's {@link Deployment}); and removal of superseded
 * certificates once nothing uses them. Not yet run on Windows.
 */
public final class ExchangeTarget implements DeploymentTarget {

    private final DeploymentSpec.Exchange spec;
    private final ExchangeAccess access;
    private final Progress progress;

    /** The target for {@code spec}, reaching Exchange through {@code access}. */
    public ExchangeTarget(DeploymentSpec.Exchange spec, ExchangeAccess access, Progress progress) {
        this.spec = spec;
        this.access = access;
        this.progress = progress;
    }

    @Override
    public String name() {
        return spec.target();
    }

    @Override
    public DeploymentOutcome deploy(DeployedCertificate certificate, boolean dryRun)
            throws InvalidRequest, IOException {
        var thumbprint = certificate.thumbprint();
        try {
            var store = access.store();
            var stored = store.find(thumbprint);
            if (stored.isEmpty()) {
                return DeploymentOutcome.refused(name(), "no certificate with thumbprint " + thumbprint + " in "
                        + store.location() + "; install it first.");
            }
            progress.line("Reading the Exchange and IIS configuration ...");
            var shell = access.shell(spec);
            DeployPlan plan;
            try {
                plan = DeployPlan.of(shell, stored.get().certificate(), store.keyAccess(thumbprint), options(shell));
            } catch (DeployRefused e) {
                return DeploymentOutcome.refused(name(), "not deployed, nothing changed: " + e.getMessage());
            }
            if (dryRun) {
                return DeploymentOutcome.dryRun(name(), plan);
            }
            progress.line(plan.describe().stripTrailing());
            return DeploymentOutcome.of(name(), plan, new Deployment(shell, access.servedCheck(), progress::line)
                    .run(plan));
        } catch (PowerShellFailure | StoreException e) {
            return DeploymentOutcome.refused(name(), "not deployed, nothing changed: " + e.getMessage());
        }
    }

    /** The options with every server of the organisation for {@code allServers}, this computer first. */
    private DeployOptions options(ExchangeShell shell) throws InvalidRequest, PowerShellFailure {
        var servers = new ArrayList<>(spec.servers().isEmpty() ? List.of(access.localServer()) : spec.servers());
        if (spec.allServers()) {
            var local = servers.get(0);
            shell.servers().stream().filter(name -> !name.equalsIgnoreCase(local)).forEach(servers::add);
        }
        return spec.options(servers);
    }

    @Override
    public List<Superseded> cleanUp(Thumbprint current, Instant since, boolean dryRun)
            throws InvalidRequest, IOException {
        try {
            var shell = access.shell(spec);
            var server = spec.servers().isEmpty() ? access.localServer() : spec.servers().get(0);
            var installed = shell.certificates(server);
            var deployed = installed.stream().filter(known -> known.thumbprint().equals(current)).findFirst()
                    .orElseThrow(() -> new InvalidRequest("Get-ExchangeCertificate -Server " + server
                            + " does not list " + current + "."));
            var decided = new ArrayList<Superseded>();
            for (var decision : SupersededCertificates.decide(deployed, installed, shell.webBindings(),
                    shell.connectors(), shell.authCertificate(), keep(current), since, Instant.now())) {
                if (decision.remove() && !dryRun) {
                    shell.remove(server, decision.thumbprint());
                }
                decided.add(new Superseded(decision.thumbprint().hex(), decision.remove(), decision.reason()));
            }
            return decided;
        } catch (PowerShellFailure | StoreException e) {
            throw new IOException("cleanup of the certificates " + current + " superseded: " + e.getMessage(), e);
        }
    }

    /**
     * The grace period for the certificates {@code current} superseded, from its lifetime as the
     * machine store holds it (Get-ExchangeCertificate gives no start of validity). Without it in
     * the store, a relative period is taken at its longest: keeping too long loses nothing.
     */
    private Duration keep(Thumbprint current) throws StoreException {
        var stored = access.store().find(current);
        if (stored.isPresent()) {
            var certificate = stored.get().certificate();
            return spec.keepOld().of(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        }
        if (spec.keepOld() instanceof GracePeriod.ShareOfLifetime share) {
            return share.atMost();
        }
        return ((GracePeriod.Fixed) spec.keepOld()).duration();
    }
}
