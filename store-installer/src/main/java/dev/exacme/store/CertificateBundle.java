package dev.exacme.store;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What every store installs: a certificate, the intermediates that lead to its issuer, and
 * its private key. The key is checked against the certificate on construction, so no store
 * can ever be handed a pair that does not belong together.
 *
 * @param chain       the leaf first, then its intermediates in order
 * @param key         the leaf's private key
 * @param crossSigned certificates from the CA's alternate chains that the chain names (a
 *                    cross-signed copy of one of its CAs), which let a machine that does not
 *                    yet trust the chain's root build a path to an older root; the Windows
 *                    machine store adds them to {@code LocalMachine\CA}, other stores ignore them
 */
public record CertificateBundle(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> crossSigned) {

    /** Checks that the chain is not empty and that the key belongs to the leaf. */
    public CertificateBundle {
        chain = List.copyOf(chain);
        crossSigned = List.copyOf(crossSigned);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate bundle needs at least the certificate itself");
        }
        if (!matches(chain.get(0), key)) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + chain.get(0).getSubjectX500Principal().getName());
        }
    }

    /** A bundle without cross-signed certificates. */
    public CertificateBundle(List<X509Certificate> chain, PrivateKey key) {
        this(chain, key, List.of());
    }

    /** The certificate the key belongs to. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The intermediates, leaf excluded. */
    public List<X509Certificate> intermediates() {
        return chain.subList(1, chain.size());
    }

    /** The leaf's thumbprint. */
    public Thumbprint thumbprint() {
        return Thumbprint.of(leaf());
    }

    /** The DNS names of the leaf's subject alternative names, in certificate order. */
    public List<String> dnsNames() {
        return dnsNames(leaf());
    }

    /** The DNS names of a certificate's subject alternative names, in certificate order. */
    public static List<String> dnsNames(X509Certificate certificate) {
        var names = new ArrayList<String>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (var alternative : alternatives) {
                    if (Integer.valueOf(2).equals(alternative.get(0))) {
                        names.add((String) alternative.get(1));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A certificate without readable names is still a certificate; callers fall back to the subject.
        }
        return names;
    }

    /** Whether {@code key} is the private half of the certificate's public key: a signature made with one verifies with the other. */
    public static boolean matches(X509Certificate certificate, PrivateKey key) {
        var algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null || !key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            return false;
        }
        try {
            var probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            var signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            var signature = signer.sign();
            var verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
