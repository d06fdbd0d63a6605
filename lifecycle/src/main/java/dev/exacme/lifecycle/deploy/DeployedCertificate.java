package dev.exacme.lifecycle.deploy;

import dev.exacme.store.Thumbprint;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The installed certificate a deployment hands on, and the one it replaces.
 *
 * @param thumbprint the certificate to deploy (in the specification's store)
 * @param previous   the certificate it replaces, when there was one
 * @param names      its DNS names, the first being the subject
 * @param chain      the certificate and its intermediates as the CA sent them, leaf first; empty when
 *                   not known (a definition imported from another client before its first renewal)
 */
public record DeployedCertificate(Thumbprint thumbprint, Optional<Thumbprint> previous, List<String> names,
                                  List<X509Certificate> chain) {

    /** Copies the lists. */
    public DeployedCertificate {
        names = List.copyOf(names);
        chain = List.copyOf(chain);
    }

    /** A certificate whose chain is not known. */
    public DeployedCertificate(Thumbprint thumbprint, Optional<Thumbprint> previous, List<String> names) {
        this(thumbprint, previous, names, List.of());
    }
}
