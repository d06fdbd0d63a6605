package dev.exacme.store;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Real certificate chains (root-signed intermediate, leaf) made with BouncyCastle, for store tests. */
public final class TestBundles {

    private static final KeyPair ROOT = generate("EC");
    private static final KeyPair INTERMEDIATE = generate("EC");

    private TestBundles() {
    }

    /** A leaf for {@code names} with a fresh RSA 2048 key, issued by an intermediate. */
    public static CertificateBundle rsa(String... names) {
        return bundle(generate("RSA"), names);
    }

    /** Like {@link #rsa}, valid until {@code notAfter}: an older or a newer certificate for the same names. */
    public static CertificateBundle rsaUntil(Instant notAfter, String... names) {
        return bundle(generate("RSA"), notAfter, names);
    }

    /** Like {@link #rsa}, valid from {@code notBefore} to {@code notAfter}: a certificate of a given lifetime. */
    public static CertificateBundle rsaBetween(Instant notBefore, Instant notAfter, String... names) {
        return bundle(generate("RSA"), notBefore, notAfter, names);
    }

    /** A self-signed certificate for {@code name} (subject and issuer {@code CN=name}), as Exchange makes its own. */
    public static CertificateBundle selfSigned(String name) {
        try {
            var key = generate("RSA");
            var certificate = new JcaX509CertificateConverter().getCertificate(certificate(name, key, key, name, false)
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
            return new CertificateBundle(List.of(certificate), key.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A leaf for {@code names} with a fresh ECDSA P-256 key, issued by an intermediate. */
    public static CertificateBundle ecdsa(String... names) {
        return bundle(generate("EC"), names);
    }

    private static CertificateBundle bundle(KeyPair leafKey, String... names) {
        return bundle(leafKey, Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(90, ChronoUnit.DAYS), names);
    }

    private static CertificateBundle bundle(KeyPair leafKey, Instant notAfter, String... names) {
        return bundle(leafKey, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS), notAfter, names);
    }

    private static CertificateBundle bundle(KeyPair leafKey, Instant notBefore, Instant notAfter, String... names) {
        try {
            var converter = new JcaX509CertificateConverter();
            var intermediate = converter.getCertificate(certificate("exacme test intermediate", INTERMEDIATE, ROOT,
                    "exacme test root", true).build(new JcaContentSignerBuilder("SHA256withECDSA").build(ROOT.getPrivate())));
            var sans = new GeneralNames(java.util.Arrays.stream(names).map(name -> new GeneralName(GeneralName.dNSName, name))
                    .toArray(GeneralName[]::new));
            var leaf = certificate(names[0], leafKey, INTERMEDIATE, "exacme test intermediate", false, notBefore,
                    notAfter);
            leaf.addExtension(Extension.subjectAlternativeName, false, sans);
            var leafCertificate = converter.getCertificate(
                    leaf.build(new JcaContentSignerBuilder("SHA256withECDSA").build(INTERMEDIATE.getPrivate())));
            return new CertificateBundle(List.of(leafCertificate, intermediate), leafKey.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JcaX509v3CertificateBuilder certificate(String subject, KeyPair subjectKey, KeyPair issuerKey,
                                                           String issuer, boolean ca) throws java.io.IOException {
        return certificate(subject, subjectKey, issuerKey, issuer, ca,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(90, ChronoUnit.DAYS));
    }

    private static JcaX509v3CertificateBuilder certificate(String subject, KeyPair subjectKey, KeyPair issuerKey,
                                                           String issuer, boolean ca, Instant notAfter)
            throws java.io.IOException {
        return certificate(subject, subjectKey, issuerKey, issuer, ca,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS), notAfter);
    }

    private static JcaX509v3CertificateBuilder certificate(String subject, KeyPair subjectKey, KeyPair issuerKey,
                                                           String issuer, boolean ca, Instant notBefore,
                                                           Instant notAfter) throws java.io.IOException {
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                BigInteger.valueOf(System.nanoTime()), Date.from(notBefore),
                Date.from(notAfter), new X500Name("CN=" + subject), subjectKey.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return builder;
    }

    private static KeyPair generate(String algorithm) {
        try {
            var generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
