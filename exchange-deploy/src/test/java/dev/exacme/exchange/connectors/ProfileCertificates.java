package dev.exacme.exchange.connectors;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates shaped as Let's Encrypt's profiles issue them (its profile documentation), made
 * with BouncyCastle for a given key: what Pebble 2.4 cannot issue.
 */
public final class ProfileCertificates {

    /** The issuing intermediate's name, as a connector's {@code <I>} part reads it. */
    public static final String ISSUER = "CN=exacme test R12, O=exacme, C=US";

    private static final KeyPair ROOT = ec();
    private static final KeyPair INTERMEDIATE = ec();
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    /** The shapes. */
    public enum Shape {
        /** {@code classic} before February 2026: subject CN, serverAuth and clientAuth, Subject Key Identifier. */
        CLASSIC_WITH_CLIENT_AUTH(true, true, true, Duration.ofDays(90)),
        /** {@code classic} since February 2026: subject CN, serverAuth only. */
        CLASSIC(true, false, true, Duration.ofDays(90)),
        /** {@code tlsserver}: empty subject, serverAuth only, no Subject Key Identifier, 45 days. */
        TLSSERVER(false, false, false, Duration.ofDays(45)),
        /** {@code shortlived}: like tlsserver, 160 hours. */
        SHORTLIVED(false, false, false, Duration.ofHours(160));

        private final boolean commonName;
        private final boolean clientAuth;
        private final boolean keyIdentifier;
        private final Duration lifetime;

        Shape(boolean commonName, boolean clientAuth, boolean keyIdentifier, Duration lifetime) {
            this.commonName = commonName;
            this.clientAuth = clientAuth;
            this.keyIdentifier = keyIdentifier;
            this.lifetime = lifetime;
        }
    }

    private ProfileCertificates() {
    }

    /** A fresh ECDSA P-256 key pair. */
    public static KeyPair ec() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Leaf then intermediate, the leaf certifying {@code key} for {@code names} in {@code shape}. */
    public static List<X509Certificate> chain(PublicKey key, List<String> names, Shape shape) {
        try {
            var converter = new JcaX509CertificateConverter();
            var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            // Encoded country first, as CAs do, so that Windows and Java write it as ISSUER.
            var issuer = new X500Name("C=US, O=exacme, CN=exacme test R12");
            var intermediate = new JcaX509v3CertificateBuilder(new X500Name("CN=exacme test root"),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.DAYS)),
                    Date.from(now.plus(1000, ChronoUnit.DAYS)), issuer, INTERMEDIATE.getPublic());
            intermediate.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            var intermediateCertificate = converter.getCertificate(intermediate.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(ROOT.getPrivate())));

            var subject = shape.commonName ? new X500Name("CN=" + names.get(0)) : new X500Name(new RDN[0]);
            var leaf = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(shape.lifetime)), subject, key);
            var sans = new GeneralNames(names.stream().map(name -> new GeneralName(GeneralName.dNSName, name))
                    .toArray(GeneralName[]::new));
            // RFC 5280 4.2.1.6: with an empty subject the SAN extension is critical.
            leaf.addExtension(Extension.subjectAlternativeName, !shape.commonName, sans);
            leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            var purposes = new ArrayList<KeyPurposeId>(List.of(KeyPurposeId.id_kp_serverAuth));
            if (shape.clientAuth) {
                purposes.add(KeyPurposeId.id_kp_clientAuth);
            }
            leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            var extensions = new JcaX509ExtensionUtils();
            leaf.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(INTERMEDIATE.getPublic()));
            if (shape.keyIdentifier) {
                leaf.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key));
            }
            var leafCertificate = converter.getCertificate(leaf.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(INTERMEDIATE.getPrivate())));
            return List.of(leafCertificate, intermediateCertificate);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a " + shape + " certificate", e);
        }
    }
}
