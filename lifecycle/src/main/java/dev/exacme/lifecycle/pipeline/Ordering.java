package dev.exacme.lifecycle.pipeline;

import dev.exacme.acme.account.AccountLogin;
import dev.exacme.acme.failure.AcmeFailure;
import dev.exacme.acme.order.IssuedCertificate;
import dev.exacme.acme.renewal.RenewalWindow;
import dev.exacme.lifecycle.run.Progress;
import dev.exacme.lifecycle.spec.CertificateSpec;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** The pipeline's order step and the CA's view of renewal: {@link AcmeOrdering} is the real one. */
public interface Ordering {

    /**
     * Orders a certificate for {@code spec}: validation, finalization, download.
     *
     * @param replaces the certificate this order renews, named to CAs that offer renewal information
     * @param progress where its progress goes
     */
    Ordered order(CertificateSpec spec, Optional<X509Certificate> replaces, Progress progress)
            throws AcmeFailure, IOException;

    /** The CA's renewal window for {@code certificate}, when it offers renewal information (RFC 9773). */
    Optional<RenewalWindow> renewalWindow(CertificateSpec spec, X509Certificate certificate, Progress progress)
            throws AcmeFailure, IOException;

    /**
     * An issued certificate and the account that ordered it.
     *
     * @param certificate      the certificate, chain and key
     * @param account          the account
     * @param defaultedProfile the profile asked for though the definition names none ({@link ProfileDefault}),
     *                         to be recorded in it
     */
    record Ordered(IssuedCertificate certificate, AccountLogin account, Optional<String> defaultedProfile) {

        /** An order that asked for the definition's own profile, or none. */
        public Ordered(IssuedCertificate certificate, AccountLogin account) {
            this(certificate, account, Optional.empty());
        }
    }
}
