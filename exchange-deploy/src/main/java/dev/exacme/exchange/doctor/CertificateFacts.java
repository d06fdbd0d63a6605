package dev.exacme.exchange.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.powershell.PowerShellJson;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the doctor knows of one certificate of {@code Get-ExchangeCertificate}: Exchange's view
 * (services, status), the certificate itself (from its {@code RawData}), and how Windows builds
 * its chain on this computer.
 *
 * @param exchange       the certificate as the deployment reads it
 * @param notBefore      start of validity
 * @param certificate    the certificate parsed from {@code RawData}; empty when Exchange gave none
 * @param hasPrivateKey  Exchange's {@code HasPrivateKey}
 * @param chainStatus    {@code X509Chain.ChainStatus} without revocation checking ({@code PartialChain},
 *                       {@code UntrustedRoot}...); empty when the chain is complete and trusted
 * @param revocation     {@code ChainStatus} with online revocation checking ({@code RevocationStatusUnknown},
 *                       {@code OfflineRevocation}, {@code Revoked}); empty when the CRL was fetched and says good
 */
public record CertificateFacts(ExchangeCertificate exchange, Instant notBefore, Optional<X509Certificate> certificate,
                               boolean hasPrivateKey, List<String> chainStatus, List<String> revocation) {

    /** ECDSA's public key algorithm ({@code id-ecPublicKey}), which HealthChecker's {@code IsEccCertificate} compares. */
    public static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

    /** Weak signature algorithms by OID, HealthChecker's table ({@code Get-ExchangeCertificateCustomObject}). */
    private static final Map<String, String> WEAK_SIGNATURES = Map.ofEntries(
            Map.entry("1.2.840.113549.1.1.5", "sha1"), Map.entry("1.2.840.113549.1.1.4", "md5"),
            Map.entry("1.2.840.10040.4.3", "sha1"), Map.entry("1.3.14.3.2.29", "sha1"),
            Map.entry("1.3.14.3.2.15", "sha1"), Map.entry("1.3.14.3.2.3", "md5"),
            Map.entry("1.2.840.113549.1.1.2", "md2"), Map.entry("1.2.840.113549.1.1.3", "md4"),
            Map.entry("1.3.14.3.2.2", "md4"), Map.entry("1.3.14.3.2.4", "md4"), Map.entry("1.3.14.7.2.3.1", "md2"),
            Map.entry("1.3.14.3.2.13", "sha1"), Map.entry("1.3.14.3.2.27", "sha1"), Map.entry("1.3.14.3.2.26", "sha1"),
            Map.entry("1.2.840.113549.2.5", "md5"), Map.entry("1.2.840.10045.4.1", "sha1"));

    /** Copies the lists. */
    public CertificateFacts {
        chainStatus = List.copyOf(chainStatus);
        revocation = List.copyOf(revocation);
    }

    /** Reads one certificate of the doctor's inventory script. */
    public static CertificateFacts fromJson(JsonNode node) {
        var exchange = ExchangeCertificate.fromJson(node);
        var raw = PowerShellJson.text(node, "RawData");
        Optional<X509Certificate> certificate = Optional.empty();
        if (!raw.isBlank()) {
            try {
                certificate = Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(raw))));
            } catch (CertificateException | IllegalArgumentException e) {
                throw new IllegalArgumentException("the RawData of certificate " + exchange.thumbprint()
                        + " is not a certificate: " + e.getMessage(), e);
            }
        }
        var parsed = certificate;
        var notBefore = PowerShellJson.date(node.get("NotBefore"))
                .or(() -> parsed.map(known -> known.getNotBefore().toInstant()))
                .orElseThrow(() -> new IllegalArgumentException("certificate " + exchange.thumbprint()
                        + " has neither NotBefore nor RawData"));
        return new CertificateFacts(exchange, notBefore, certificate, node.path("HasPrivateKey").asBoolean(false),
                PowerShellJson.strings(node.get("ChainStatus")), PowerShellJson.strings(node.get("RevocationStatus")));
    }

    /** Its lifetime, with the renewal time when one is known. */
    public Lifetime lifetime(Optional<Instant> renewal) {
        return new Lifetime(notBefore, exchange.notAfter(), renewal);
    }

    /** Whether its public key is ECDSA. */
    public boolean ecdsa() {
        return certificate.map(known -> known.getPublicKey().getAlgorithm().equals("EC")).orElse(false);
    }

    /** The RSA modulus size in bits; empty for other keys or without {@code RawData}. */
    public Optional<Integer> rsaKeySize() {
        return certificate.filter(known -> known.getPublicKey() instanceof RSAPublicKey)
                .map(known -> ((RSAPublicKey) known.getPublicKey()).getModulus().bitLength());
    }

    /** The weak hash of its signature ({@code sha1}, {@code md5}...), empty when it is signed with SHA-2 or better. */
    public Optional<String> weakSignature() {
        return certificate.map(known -> WEAK_SIGNATURES.get(known.getSigAlgOID()));
    }

    /** The signature algorithm's name, for the inventory. */
    public String signatureAlgorithm() {
        return certificate.map(X509Certificate::getSigAlgName).orElse("unknown");
    }

    /** The DNS names of its subjectAltName extension; empty when it has none. */
    public List<String> subjectAltNames() {
        if (certificate.isEmpty()) {
            return List.of();
        }
        try {
            var names = certificate.get().getSubjectAlternativeNames();
            return names == null ? List.of() : names.stream().filter(name -> (Integer) name.get(0) == 2)
                    .map(name -> (String) name.get(1)).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /** Whether the subject has no common name, as Let's Encrypt's tlsserver and shortlived profiles issue them. */
    public boolean noCommonName() {
        return certificate.map(known -> !known.getSubjectX500Principal().getName().toUpperCase().contains("CN="))
                .orElse(!exchange.subject().toUpperCase().contains("CN="));
    }
}
