package dev.exacme.exchange.doctor;

import dev.exacme.store.CertificateBundle;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates HealthChecker flags: an RSA 1024 key, signed with SHA-1. */
final class WeakCertificates {

    private WeakCertificates() {
    }

    static CertificateBundle rsa1024Sha1(String name) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        var key = generator.generateKeyPair();
        var now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Legacy CA"), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(300, ChronoUnit.DAYS)),
                new X500Name("CN=" + name), key.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
        var certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA1withRSA").build(key.getPrivate())));
        return new CertificateBundle(List.of(certificate), key.getPrivate());
    }
}
