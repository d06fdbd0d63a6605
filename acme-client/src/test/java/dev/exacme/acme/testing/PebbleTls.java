package dev.exacme.acme.testing;

import dev.exacme.acme.keys.KeyType;
import dev.exacme.acme.keys.PemFormat;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway root and a server certificate for 127.0.0.1 and localhost, generated per test
 * run for Pebble's own HTTPS listeners (Debian's pebble package ships none).
 *
 * @param rootPem        the root, which clients pass as {@code --trust}
 * @param certificatePem the server certificate
 * @param keyPem         the server key
 */
public record PebbleTls(Path rootPem, Path certificatePem, Path keyPem) {

    /** Generates both certificates and writes them as PEM into {@code directory}. */
    public static PebbleTls generate(Path directory) throws IOException {
        try {
            var rootKey = KeyType.EC_P256.generate();
            var rootName = new X500Name("CN=exacme test root for Pebble " + Long.toHexString(System.nanoTime()));
            var root = sign(rootName, rootName, rootKey.getPublic(), rootKey, true, List.of());
            var serverKey = KeyType.EC_P256.generate();
            var server = sign(rootName, new X500Name("CN=localhost"), serverKey.getPublic(), rootKey, false,
                    List.of(new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")));
            var tls = new PebbleTls(directory.resolve("root.pem"), directory.resolve("server.pem"),
                    directory.resolve("server-key.pem"));
            Files.writeString(tls.rootPem(), PemFormat.certificates(List.of(root)));
            Files.writeString(tls.certificatePem(), PemFormat.certificates(List.of(server)));
            Files.writeString(tls.keyPem(), PemFormat.privateKey(serverKey.getPrivate()));
            return tls;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot generate Pebble's TLS certificate", e);
        }
    }

    private static X509Certificate sign(X500Name issuer, X500Name subject, java.security.PublicKey key,
                                        KeyPair signer, boolean ca, List<GeneralName> names)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        var now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (!names.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
        }
        var contentSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }
}
