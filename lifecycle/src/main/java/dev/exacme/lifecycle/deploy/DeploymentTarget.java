package dev.exacme.lifecycle.deploy;

import dev.exacme.acme.failure.InvalidRequest;
import dev.exacme.store.Thumbprint;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A place an installed certificate is deployed to: Exchange, IIS sites, the administrator's
 * script; one package each. A target verifies that the new certificate is served (or, for a
 * script, that it succeeded) and restores what it changed when it is not; the pipeline records
 * its outcome per target and deploys a failed target again with the same certificate at the
 * next run.
 */
public interface DeploymentTarget {

    /** The target's name as {@code --deploy} takes it. */
    String name();

    /**
     * Deploys {@code certificate} from the specification's store, or with {@code dryRun} only
     * says what it would change.
     *
     * @throws InvalidRequest when the target cannot be reached or asked here at all
     */
    DeploymentOutcome deploy(DeployedCertificate certificate, boolean dryRun) throws InvalidRequest, IOException;

    /**
     * Removes the certificates {@code current} superseded, once nothing uses them and the
     * target's grace period has passed since {@code since} (when {@code current} was deployed),
     * or with {@code dryRun} only says which; never Exchange's self-signed or Auth certificates.
     *
     * @throws InvalidRequest when the target does not know {@code current}
     * @throws IOException    when the target cannot be asked or refuses a removal
     */
    List<Superseded> cleanUp(Thumbprint current, Instant since, boolean dryRun) throws InvalidRequest, IOException;
}
