package dev.exacme.exchange.connectors;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The {@code TlsCertificateName} of a connector: {@code <I>issuer<S>subject}. Exchange picks
 * the certificate whose issuer and subject match; when several match, the one with the
 * longest validity. Because Let's Encrypt signs with one of several intermediates (R10 to
 * R14, E5 to E9), the issuer part can change at any renewal, and a stale value makes
 * STARTTLS fail (event 12014).
 *
 * @param issuer  the issuer DN as Windows writes it ({@code CN=R11, O=Let's Encrypt, C=US})
 * @param subject the subject DN as Windows writes it
 */
public record TlsCertificateName(String issuer, String subject) {

    /** Reads {@code <I>issuer<S>subject}; empty for an empty value. */
    public static Optional<TlsCertificateName> parse(String text) {
        var trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        var subjectAt = trimmed.indexOf("<S>");
        if (!trimmed.startsWith("<I>") || subjectAt < 0) {
            throw new IllegalArgumentException("not a TlsCertificateName (<I>issuer<S>subject): " + text);
        }
        return Optional.of(new TlsCertificateName(trimmed.substring(3, subjectAt), trimmed.substring(subjectAt + 3)));
    }

    /** The name of a certificate, DNs in Windows' form (RFC 1779 with ", " separators). */
    public static TlsCertificateName of(X509Certificate certificate) {
        return new TlsCertificateName(certificate.getIssuerX500Principal().getName(X500Principal.RFC1779),
                certificate.getSubjectX500Principal().getName(X500Principal.RFC1779));
    }

    /** Whether a certificate with this issuer and subject matches, comparing DNs as DNs. */
    public boolean names(String certificateIssuer, String certificateSubject) {
        return sameName(issuer, certificateIssuer) && sameName(subject, certificateSubject);
    }

    private static boolean sameName(String one, String other) {
        try {
            return new X500Principal(one).equals(new X500Principal(other));
        } catch (IllegalArgumentException e) {
            return one.equalsIgnoreCase(other);
        }
    }

    @Override
    public String toString() {
        return "<I>" + issuer + "<S>" + subject;
    }
}
