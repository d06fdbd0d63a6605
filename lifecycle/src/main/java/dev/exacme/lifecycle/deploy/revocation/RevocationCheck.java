package dev.exacme.lifecycle.deploy.revocation;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Checks, before Exchange or IIS is given a certificate, that the revocation lists its chain
 * names can be fetched from here. Exchange shows {@code RevocationCheckFailure} for a
 * certificate whose CRL it cannot fetch and may refuse to assign services to it; since Let's
 * Encrypt ended OCSP in 2025 the CRL is the only way Windows checks revocation.
 */
@FunctionalInterface
public interface RevocationCheck {

    /**
     * The verdict for {@code chain}, leaf first, then its intermediates (possibly only the
     * leaf, or nothing, when the chain is not known).
     */
    RevocationVerdict check(List<X509Certificate> chain);
}
