package dev.exacme.acme.order;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Finds, in the alternate chains a CA offered, the certificates that are another issuer's
 * signature over a CA the chosen chain names: a cross-sign (Let's Encrypt's "Gen Y" roots
 * cross-signed by ISRG Root X1/X2, as ISRG Root X1 once was by DST Root CA X3). A Windows
 * machine that does not trust the chosen chain's root yet still builds a path through the
 * cross-sign to an older root it trusts, if the cross-sign is in its {@code CA} store.
 */
public final class CrossSigned {

    private CrossSigned() {
    }

    /**
     * The certificates of {@code alternates} (each leaf first; the leaves are skipped) that are
     * not self-issued, not already in {@code chosen}, and whose subject is the subject or the
     * issuer of a CA certificate in {@code chosen} (or the issuer of its top); each once, in the
     * order offered.
     */
    public static List<X509Certificate> named(List<X509Certificate> chosen, List<List<X509Certificate>> alternates) {
        var named = new HashSet<X500Principal>();
        for (var i = 0; i < chosen.size(); i++) {
            if (i > 0) {
                named.add(chosen.get(i).getSubjectX500Principal());
            }
            named.add(chosen.get(i).getIssuerX500Principal());
        }
        var found = new ArrayList<X509Certificate>();
        for (var alternate : alternates) {
            for (var certificate : alternate.subList(Math.min(1, alternate.size()), alternate.size())) {
                var subject = certificate.getSubjectX500Principal();
                if (subject.equals(certificate.getIssuerX500Principal()) || !named.contains(subject)
                        || contains(chosen, certificate) || contains(found, certificate)) {
                    continue;
                }
                found.add(certificate);
            }
        }
        return found;
    }

    private static boolean contains(List<X509Certificate> certificates, X509Certificate wanted) {
        try {
            var encoded = wanted.getEncoded();
            for (var certificate : certificates) {
                if (Arrays.equals(certificate.getEncoded(), encoded)) {
                    return true;
                }
            }
            return false;
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("a certificate from the CA cannot be encoded: " + e.getMessage(), e);
        }
    }
}
