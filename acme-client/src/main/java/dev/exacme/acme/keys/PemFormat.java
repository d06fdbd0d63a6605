package dev.exacme.acme.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
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

    private static final Pattern BEGIN_CERTIFICATE = Pattern.compile("-----BEGIN (?:X509 )?CERTIFICATE-----");
    private static final Pattern CERTIFICATE_BLOCK = Pattern.compile(
            "-----BEGIN (CERTIFICATE|X509 CERTIFICATE)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

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
     * Reads every certificate in a PEM text ({@code CERTIFICATE} and {@code X509 CERTIFICATE}
     * blocks; other blocks, such as a key in the same file, are passed over).
     *
     * <p>With the JDK alone rather than BouncyCastle's PEM parser: reading the kept certificates
     * is all a renewal with nothing due does with PEM, and loading BouncyCastle for it cost a
     * twentieth of a second of such a run (bench/STARTUP.md).
     *
     * @throws IOException if a block cannot be parsed or has no end line
     */
    public static List<X509Certificate> readCertificates(String pem) throws IOException {
        var result = new ArrayList<X509Certificate>();
        var blocks = CERTIFICATE_BLOCK.matcher(pem);
        int begun = 0;
        for (var begin = BEGIN_CERTIFICATE.matcher(pem); begin.find(); ) {
            begun++;
        }
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this Java runtime cannot read X.509 certificates", e);
        }
        while (blocks.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(blocks.group(2));
            } catch (IllegalArgumentException e) {
                throw new IOException("unreadable certificate: " + e.getMessage(), e);
            }
            try {
                result.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException e) {
                throw new IOException("unreadable certificate: " + e.getMessage(), e);
            }
        }
        if (result.size() != begun) {
            throw new IOException("unreadable certificate: a CERTIFICATE block has no END line or is not base64"
                    + " between its BEGIN and END lines");
        }
        return result;
    }
}
