package dev.exacme.lifecycle.deploy;

import dev.exacme.store.Thumbprint;
import java.util.List;
import java.util.Optional;

/**
 * The installed certificate a deployment hands on, and the one it replaces.
 *
 * @param thumbprint the certificate to deploy (in the specification's store)
 * @param previous   the certificate it replaces, when there was one
 * @param names      its DNS names, the first being the subject
 */
public record DeployedCertificate(Thumbprint thumbprint, Optional<Thumbprint> previous, List<String> names) {

    /** Copies the list. */
    public DeployedCertificate {
        names = List.copyOf(names);
    }
}
