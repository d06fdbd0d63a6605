package dev.exacme.store;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * A certificate as a store holds it.
 *
 * @param thumbprint   computed from the certificate
 * @param certificate  the certificate
 * @param friendlyName the store's label for it, empty if it has none
 * @param key          where its private key is (a file, a key container), empty if it has none
 */
public record StoredCertificate(Thumbprint thumbprint, X509Certificate certificate, String friendlyName,
                                Optional<String> key) {
}
