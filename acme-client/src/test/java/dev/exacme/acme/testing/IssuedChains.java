package dev.exacme.acme.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.exacme.acme.order.IssuedCertificate;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Checks on an issued certificate that hold for any CA: chain, key, names. */
public final class IssuedChains {

    private IssuedChains() {
    }

    /** The chain validates (PKIX, no revocation) up to one of the given roots. */
    public static void assertChainsTo(IssuedCertificate issued, List<X509Certificate> roots) throws Exception {
        var anchors = new HashSet<TrustAnchor>();
        roots.forEach(root -> anchors.add(new TrustAnchor(root, null)));
        var parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        var path = CertificateFactory.getInstance("X.509").generateCertPath(issued.chain());
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    /** The certificate certifies the key pair that came with it. */
    public static void assertKeyMatches(IssuedCertificate issued) {
        assertEquals(issued.keyPair().getPublic(), issued.leaf().getPublicKey());
    }

    /** The subjectAltNames are exactly these DNS names. */
    public static void assertNames(X509Certificate certificate, String... names) throws Exception {
        Set<String> found = new TreeSet<>();
        for (List<?> san : certificate.getSubjectAlternativeNames()) {
            if ((Integer) san.get(0) == 2) {
                found.add((String) san.get(1));
            }
        }
        assertEquals(new TreeSet<>(List.of(names)), found);
    }
}
