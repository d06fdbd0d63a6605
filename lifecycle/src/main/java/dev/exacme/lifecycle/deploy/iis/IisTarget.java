package dev.exacme.lifecycle.deploy.iis;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.exchange.iis.CertificateNames;
import dev.exacme.exchange.iis.IisOptions;
import dev.exacme.exchange.iis.IisPlan;
import dev.exacme.exchange.iis.IisShell;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.rollout.DeployRefused;
import dev.exacme.exchange.rollout.Rollout;
import dev.exacme.lifecycle.deploy.DeployedCertificate;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.deploy.DeploymentTarget;
import dev.exacme.lifecycle.deploy.Superseded;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.spec.DeploymentSpec;
import dev.exacme.store.CertificateUsage;
import dev.exacme.store.StoreException;
import dev.exacme.store.StoredCertificate;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Named IIS sites' https bindings, on a host with or without Exchange: plan (exchange-deploy's
 * {@link IisPlan}), apply, verify on the wire at this computer, roll back when the new
 * certificate is not served (the same {@link Rollout} as Exchange's); and removal from
 * {@code LocalMachine\My} of the certificates it superseded once nothing uses them. Not yet
 * run on Windows.
 */
public final class IisTarget implements DeploymentTarget {

    private final DeploymentSpec.Iis settings;
    private final IisAccess access;
    private final Progress progress;

    /** The target for {@code settings}, reaching IIS through {@code access}. */
    public IisTarget(DeploymentSpec.Iis settings, IisAccess access, Progress progress) {
        this.settings = settings;
        this.access = access;
        this.progress = progress;
    }

    @Override
    public String name() {
        return settings.target();
    }

    @Override
    public DeploymentOutcome deploy(DeployedCertificate certificate, boolean dryRun)
            throws InvalidRequest, IOException {
        var thumbprint = certificate.thumbprint();
        var options = options();
        try {
            var shell = access.shell(settings);
            var store = access.store();
            var stored = store.find(thumbprint);
            if (stored.isEmpty()) {
                return DeploymentOutcome.refused(name(), "no certificate with thumbprint " + thumbprint + " in "
                        + store.location() + "; install it first.");
            }
            progress.line("Reading the IIS sites and bindings ...");
            IisPlan plan;
            try {
                plan = IisPlan.of(shell, stored.get().certificate(), options);
            } catch (DeployRefused e) {
                return DeploymentOutcome.refused(name(), "not deployed, nothing changed: " + e.getMessage());
            }
            if (dryRun) {
                return DeploymentOutcome.dryRun(name(), plan);
            }
            progress.line(plan.describe().stripTrailing());
            return DeploymentOutcome.of(name(), plan,
                    new Rollout<IisShell>(shell, access.servedCheck(), progress::line).run(plan));
        } catch (PowerShellFailure | StoreException e) {
            return DeploymentOutcome.refused(name(), "not deployed, nothing changed: " + e.getMessage());
        }
    }

    private IisOptions options() throws InvalidRequest {
        try {
            return new IisOptions(settings.sites(), settings.sni(), settings.port());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("--deploy iis: " + e.getMessage() + "; --iis-site names a site, --iis-port its"
                    + " https port.");
        }
    }

    /**
     * Removes, through the store's own removal and its in-use check, the certificates
     * {@code current} superseded: older ones (earlier expiry) whose names are all among its
     * names, not self-signed, that no IIS binding of any site or port, no http.sys SSL binding
     * and nothing else {@link IisAccess#otherUses} knows of still uses, once {@code keepOld} has
     * passed since {@code since}: by default a tenth of {@code current}'s own lifetime (at most
     * seven days), so that the superseded copies of six-day certificates do not pile up.
     */
    @Override
    public List<Superseded> cleanUp(Thumbprint current, Instant since, boolean dryRun)
            throws InvalidRequest, IOException {
        try {
            var store = access.store();
            var deployed = store.find(current).orElseThrow(() -> new InvalidRequest("no certificate with thumbprint "
                    + current + " in " + store.location() + "."));
            var bindings = access.shell(settings).webBindings();
            var others = access.otherUses();
            CertificateUsage usage = thumbprint -> {
                var binding = bound(bindings, thumbprint);
                return binding.isPresent() ? binding : others.usedBy(thumbprint);
            };
            var lifetime = deployed.certificate();
            var until = since.plus(settings.keepOld().of(lifetime.getNotBefore().toInstant(),
                    lifetime.getNotAfter().toInstant()));
            var now = Instant.now();
            var decided = new ArrayList<Superseded>();
            for (var old : store.list()) {
                if (!supersededBy(old, deployed)) {
                    continue;
                }
                var user = usage.usedBy(old.thumbprint());
                if (user.isPresent()) {
                    decided.add(new Superseded(old.thumbprint().hex(), false, "still used by " + user.get()));
                } else if (now.isBefore(until)) {
                    decided.add(new Superseded(old.thumbprint().hex(), false, "kept until " + until + " (--keep-old "
                            + settings.keepOld().describe() + ")"));
                } else {
                    if (!dryRun) {
                        // The store checks the usage again, right before it removes.
                        store.remove(old.thumbprint(), usage);
                    }
                    decided.add(new Superseded(old.thumbprint().hex(), true, "replaced by " + current
                            + " and no longer used by IIS or http.sys"));
                }
            }
            return decided;
        } catch (PowerShellFailure | StoreException e) {
            throw new IOException("cleanup of the certificates " + current + " superseded: " + e.getMessage(), e);
        }
    }

    /** Whether {@code old} is a certificate {@code current} replaces: for none but its names, and expiring before it. */
    private static boolean supersededBy(StoredCertificate old, StoredCertificate current) {
        var certificate = old.certificate();
        if (old.thumbprint().equals(current.thumbprint())
                || certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())
                || !certificate.getNotAfter().before(current.certificate().getNotAfter())) {
            return false;
        }
        var names = CertificateNames.of(certificate).names();
        var replacing = CertificateNames.of(current.certificate()).names().stream()
                .map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return !names.isEmpty() && names.stream().map(name -> name.toLowerCase(Locale.ROOT))
                .allMatch(replacing::contains);
    }

    /** The IIS bindings, of any site and port, that serve {@code thumbprint}. */
    private static Optional<String> bound(List<WebBinding> bindings, Thumbprint thumbprint) {
        var users = bindings.stream().filter(binding -> binding.certificate().equals(Optional.of(thumbprint)))
                .map(binding -> "IIS site '" + binding.site() + "' https " + binding.bindingInformation()).toList();
        return users.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", users));
    }
}
