package dev.exacme.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * A certificate's thumbprint as Windows shows it: the SHA-1 of its DER encoding in 40
 * upper-case hex digits. Always computed here, never taken from a store's word for it.
 *
 * @param hex 40 upper-case hex digits
 */
public record Thumbprint(String hex) {

    /** Checks the form. */
    public Thumbprint {
        if (!hex.matches("[0-9A-F]{40}")) {
            throw new IllegalArgumentException("not a thumbprint: " + hex);
        }
    }

    /** The thumbprint of a certificate. */
    public static Thumbprint of(X509Certificate certificate) {
        try {
            return of(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** The thumbprint of a DER-encoded certificate. */
    public static Thumbprint of(byte[] der) {
        try {
            return new Thumbprint(HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /**
     * Reads a thumbprint as people paste it: from the certificate dialog (with spaces and
     * the invisible left-to-right mark it copies along), from PowerShell, or with colons
     * as openssl prints it.
     *
     * @throws IllegalArgumentException naming the input, when it is not 40 hex digits
     */
    public static Thumbprint parse(String text) {
        var cleaned = text.replaceAll("[\\s:\\u200E\\u200F\\uFEFF]", "").toUpperCase(java.util.Locale.ROOT);
        if (!cleaned.matches("[0-9A-F]{40}")) {
            throw new IllegalArgumentException("'" + text + "' is not a certificate thumbprint: expected 40 hex digits"
                    + " (the SHA-1 shown as Thumbprint by Get-ChildItem Cert:\\LocalMachine\\My or the certificate"
                    + " dialog).");
        }
        return new Thumbprint(cleaned);
    }

    @Override
    public String toString() {
        return hex;
    }
}
