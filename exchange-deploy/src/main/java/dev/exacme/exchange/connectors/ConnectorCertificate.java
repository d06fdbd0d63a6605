package dev.exacme.exchange.connectors;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.security.auth.x500.X500Principal;

/**
 * What a certificate offers Send and Receive connectors and the hybrid configuration, which
 * name it by {@code <I>issuer<S>subject}: whether its subject has a common name (Let's
 * Encrypt's {@code tlsserver} and {@code shortlived} profiles issue certificates with an empty
 * subject), and whether it may serve as a TLS client certificate (the clientAuth extended key
 * usage, which Let's Encrypt dropped from its default profile in February 2026).
 *
 * @param certificate the certificate
 */
public record ConnectorCertificate(X509Certificate certificate) {

    /** The clientAuth extended key usage (RFC 5280 id-kp-clientAuth). */
    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    /** The anyExtendedKeyUsage purpose, which allows every use. */
    static final String ANY_USAGE = "2.5.29.37.0";

    /** Its {@code TlsCertificateName}. */
    public TlsCertificateName name() {
        return TlsCertificateName.of(certificate);
    }

    /** Whether the subject names a common name (CN); an empty subject has none. */
    public boolean hasCommonName() {
        try {
            return new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253)).getRdns()
                    .stream().anyMatch(rdn -> rdn.getType().toUpperCase(Locale.ROOT).equals("CN"));
        } catch (InvalidNameException e) {
            // Java wrote the name itself; one it cannot read back is treated as having none.
            return false;
        }
    }

    /**
     * Whether it may authenticate a TLS client: it has no extended key usage extension (every
     * use allowed), or that extension lists clientAuth or anyExtendedKeyUsage.
     */
    public boolean allowsClientAuth() {
        try {
            var usages = certificate.getExtendedKeyUsage();
            return usages == null || usages.contains(CLIENT_AUTH) || usages.contains(ANY_USAGE);
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
