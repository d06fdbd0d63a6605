package dev.exacme.lifecycle.deploy.revocation;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small real PKI for tests, built with BouncyCastle: a self-signed root, an intermediate
 * whose CRL distribution points are the root's, leaves whose distribution points are the
 * intermediate's, and CRLs signed by their issuers.
 */
final class TestCa {

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    final KeyPair rootKey = generate();
    final KeyPair intermediateKey = generate();
    final X509Certificate root;
    final X509Certificate intermediate;

    /** A root and an intermediate that names {@code intermediateCrls} (the root's CRLs). */
    TestCa(List<String> intermediateCrls) {
        root = certificate("CN=Test Root X9", rootKey, "CN=Test Root X9", rootKey, true, List.of());
        intermediate = certificate("CN=Test Intermediate R99", intermediateKey, "CN=Test Root X9", rootKey, true,
                intermediateCrls);
    }

    /** A leaf issued by the intermediate, naming {@code crls}. */
    X509Certificate leaf(String name, List<String> crls) {
        return certificate("CN=" + name, generate(), "CN=Test Intermediate R99", intermediateKey, false, crls);
    }

    /** The intermediate's CRL (DER), revoking {@code revoked}, next update at {@code nextUpdate}. */
    byte[] intermediateCrl(Instant nextUpdate, X509Certificate... revoked) {
        return crl("CN=Test Intermediate R99", intermediateKey, nextUpdate, revoked);
    }

    /** The root's CRL (DER), revoking nothing. */
    byte[] rootCrl() {
        return crl("CN=Test Root X9", rootKey, Instant.now().plus(7, ChronoUnit.DAYS));
    }

    private static byte[] crl(String issuer, KeyPair key, Instant nextUpdate, X509Certificate... revoked) {
        try {
            var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            var builder = new X509v2CRLBuilder(new X500Name(issuer), Date.from(now.minus(2, ChronoUnit.HOURS)));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (var certificate : revoked) {
                builder.addCRLEntry(certificate.getSerialNumber(), Date.from(now.minus(1, ChronoUnit.HOURS)),
                        CRLReason.keyCompromise);
            }
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
            return crl.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
                                               boolean ca, List<String> crls) {
        try {
            var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                    Date.from(now.plus(90, ChronoUnit.DAYS)), new X500Name(subject), subjectKey.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!crls.isEmpty()) {
                var points = crls.stream().map(url -> new DistributionPoint(new DistributionPointName(
                        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))), null, null))
                        .toArray(DistributionPoint[]::new);
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
