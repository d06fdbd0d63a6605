package dev.exacme.acme.order;

import java.net.URL;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * What an order produced: the certificate with its chain, the private key it certifies,
 * and where the CA keeps them.
 *
 * @param chain          leaf first, then the intermediates, as the CA sent them
 * @param keyPair        the certificate's key pair; a secret
 * @param names          the names ordered
 * @param orderUrl       the order's URL at the CA
 * @param certificateUrl the certificate's URL at the CA
 * @param crossSigned    certificates of the CA's alternate chains that cross-sign a CA the chain
 *                       names ({@link CrossSigned}); empty when the CA offered none
 */
public record IssuedCertificate(List<X509Certificate> chain, KeyPair keyPair, List<DomainName> names,
                                URL orderUrl, URL certificateUrl, List<X509Certificate> crossSigned) {

    public IssuedCertificate {
        chain = List.copyOf(chain);
        crossSigned = List.copyOf(crossSigned);
        names = List.copyOf(names);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an issued certificate needs at least the leaf");
        }
    }

    /** A certificate whose CA offered no cross-signed certificates. */
    public IssuedCertificate(List<X509Certificate> chain, KeyPair keyPair, List<DomainName> names, URL orderUrl,
                             URL certificateUrl) {
        this(chain, keyPair, names, orderUrl, certificateUrl, List.of());
    }

    /** The end-entity certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The intermediates, without the leaf. */
    public List<X509Certificate> intermediates() {
        return chain.subList(1, chain.size());
    }

    public Instant notBefore() {
        return leaf().getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** The serial number in upper-case hex, as Windows shows it. */
    public String serialHex() {
        return leaf().getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    }

    /** SHA-1 of the DER certificate, upper-case hex: the Windows thumbprint. */
    public String thumbprint() {
        try {
            return HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(leaf().getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the thumbprint", e);
        }
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + names + ", serial " + serialHex() + ", until " + notAfter() + "]";
    }
}
