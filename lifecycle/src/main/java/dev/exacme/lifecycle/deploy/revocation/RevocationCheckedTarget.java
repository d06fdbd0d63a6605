package dev.exacme.lifecycle.deploy.revocation;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.lifecycle.deploy.DeployedCertificate;
import dev.exacme.lifecycle.deploy.DeploymentOutcome;
import dev.exacme.lifecycle.deploy.DeploymentTarget;
import dev.exacme.lifecycle.deploy.Superseded;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A Windows deployment target (Exchange, IIS) that is only reached once the certificate's CRLs
 * have been fetched: when one cannot be, the deployment is refused before the target is asked
 * anything, the certificate stays installed, and the pipeline deploys it again at the next run
 * like any refused deployment. What the check found goes into the outcome's notes.
 */
public final class RevocationCheckedTarget implements DeploymentTarget {

    private final DeploymentTarget target;
    private final RevocationCheck check;
    private final Progress progress;

    /** {@code target}, guarded by {@code check}. */
    public RevocationCheckedTarget(DeploymentTarget target, RevocationCheck check, Progress progress) {
        this.target = target;
        this.check = check;
        this.progress = progress;
    }

    @Override
    public String name() {
        return target.name();
    }

    @Override
    public DeploymentOutcome deploy(DeployedCertificate certificate, boolean dryRun)
            throws InvalidRequest, IOException {
        progress.line("Fetching the CRLs of " + certificate.thumbprint() + "'s chain ...");
        var verdict = check.check(certificate.chain());
        if (verdict instanceof RevocationVerdict.Refused refused) {
            return DeploymentOutcome.refused(name(), "not deployed, nothing changed: " + refused.reason());
        }
        var notes = ((RevocationVerdict.Passed) verdict).notes();
        return target.deploy(certificate, dryRun).withNotesFirst(notes);
    }

    @Override
    public List<Superseded> cleanUp(Thumbprint current, Instant since, boolean dryRun)
            throws InvalidRequest, IOException {
        return target.cleanUp(current, since, dryRun);
    }
}
