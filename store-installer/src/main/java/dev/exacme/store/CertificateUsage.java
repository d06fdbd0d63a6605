package dev.exacme.store;

import java.util.Optional;

/**
 * Tells whether a certificate is still in use (an https binding, an Exchange service, a
 * server configuration), so that nothing removes a certificate that something serves.
 */
@FunctionalInterface
public interface CertificateUsage {

    /** What still uses the certificate, in words, or empty when nothing does. */
    Optional<String> usedBy(Thumbprint thumbprint) throws StoreException;

    /** Refuses, naming the user, when the certificate is still in use. */
    default void requireUnused(Thumbprint thumbprint) throws StoreException {
        var user = usedBy(thumbprint);
        if (user.isPresent()) {
            throw new StoreException.Rejected("certificate " + thumbprint + " is still used by " + user.get()
                    + "; not removed.");
        }
    }
}
