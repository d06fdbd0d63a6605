package dev.exacme.acme.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * PEM text for keys and certificates: private keys as unencrypted PKCS#8
 * ({@code BEGIN PRIVATE KEY}, what IIS tools, nginx and openssl all read), certificates
 * as {@code BEGIN CERTIFICATE} blocks.
 */
public final class PemFormat {

    private PemFormat() {
    }

    /** A private key as PKCS#8 PEM. */
    public static String privateKey(PrivateKey key) {
        try {
            var out = new StringWriter();
            try (var writer = new JcaPEMWriter(out)) {
                writer.writeObject(new JcaPKCS8Generator(key, null));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Certificates as consecutive PEM blocks, in the given order. */
    public static String certificates(List<X509Certificate> certificates) {
        try {
            var out = new StringWriter();
            try (var writer = new JcaPEMWriter(out)) {
                for (var certificate : certificates) {
                    writer.writeObject(certificate);
                }
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a key pair from PEM: PKCS#8, or the traditional RSA/EC formats openssl writes.
     *
     * @throws IOException if the text holds no private key
     */
    public static KeyPair readKeyPair(String pem) throws IOException {
        try (var parser = new PEMParser(new StringReader(pem))) {
            var converter = new JcaPEMKeyConverter();
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair);
                }
                if (object instanceof PrivateKeyInfo info) {
                    return PublicKeys.derive(converter.getPrivateKey(info));
                }
            }
        }
        throw new IOException("no private key found (expected a PEM 'PRIVATE KEY' block)");
    }

    /**
     * Reads every certificate in a PEM text.
     *
     * @throws IOException if a block cannot be parsed
     */
    public static List<X509Certificate> readCertificates(String pem) throws IOException {
        var result = new ArrayList<X509Certificate>();
        try (var parser = new PEMParser(new StringReader(pem))) {
            var converter = new JcaX509CertificateConverter();
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    try {
                        result.add(converter.getCertificate(holder));
                    } catch (CertificateException e) {
                        throw new IOException("unreadable certificate: " + e.getMessage(), e);
                    }
                }
            }
        }
        return result;
    }
}
