package dev.exacme.exchange.doctor;

import dev.exacme.exchange.doctor.Finding.Severity;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.StoreException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The checks of one certificate: HealthChecker's (lifetime, status, key size, signature, SAN)
 * and those it lacks (key present and openable, provider, chain, revocation). A certificate
 * nothing uses gets warnings at most: it breaks nothing until someone enables it.
 */
final class CertificateChecks {

    /** Statuses HealthChecker shows red; every other one but Valid it shows yellow. */
    private static final Set<String> RED_STATUSES = Set.of("revoked", "dateinvalid", "invalid");
    /** Chain statuses that mean the CRL could not be read ({@code X509ChainStatusFlags}). */
    private static final Set<String> REVOCATION_UNKNOWN = Set.of("RevocationStatusUnknown", "OfflineRevocation");

    private final CertificateStore store;
    private final List<Finding> findings;

    CertificateChecks(CertificateStore store, List<Finding> findings) {
        this.store = store;
        this.findings = findings;
    }

    /**
     * Checks {@code facts}.
     *
     * @param roles   what uses it, in words; empty when nothing does
     * @param web     whether IIS serves it (IIS service or an IIS binding): OWA and ECP need a CSP key
     * @param auth    whether it is the current or next Auth certificate, which has checks of its own and which
     *                exacme never repairs
     * @param renewal when it should be renewed, when known
     */
    void examine(CertificateFacts facts, List<String> roles, boolean web, boolean auth, Optional<Instant> renewal,
                 Instant now) throws StoreException {
        var exchange = facts.exchange();
        var used = !roles.isEmpty();
        var subject = exchange.thumbprint() + " (" + (used ? String.join(", ", roles) : "not used") + ")";
        var bad = used ? Severity.ERROR : Severity.WARNING;
        var lifetime = facts.lifetime(renewal);
        if (!auth) {
            if (lifetime.expired(now)) {
                add(bad, Check.LIFETIME, subject, "expired on " + exchange.notAfter(), used
                        ? "exacme renew --force, or deploy another certificate"
                        : "remove it: Remove-ExchangeCertificate -Thumbprint " + exchange.thumbprint());
            } else if (lifetime.under(Lifetime.RED, now) || lifetime.overdue(now)) {
                add(bad, Check.LIFETIME, subject, percent(lifetime, now) + " of its lifetime left (expires "
                        + exchange.notAfter() + ")" + (lifetime.overdue(now) ? ", past its renewal time" : ""),
                        "exacme renew");
            } else if (lifetime.under(Lifetime.YELLOW, now)) {
                add(Severity.WARNING, Check.LIFETIME, subject, "less than a third of its lifetime left (" + percent(
                        lifetime, now) + ", expires " + exchange.notAfter() + ")", "exacme renew, if the schedule"
                        + " has not");
            }
        }
        var status = exchange.status().isBlank() ? "Unknown" : exchange.status();
        if (!status.equalsIgnoreCase("Valid")) {
            var red = RED_STATUSES.contains(status.toLowerCase());
            add(red ? bad : Severity.WARNING, Check.STATUS, subject, "Exchange reports status " + status,
                    status.equalsIgnoreCase("RevocationCheckFailure") ? "let this server reach the CRL: "
                            + crlHint(facts) : status.equalsIgnoreCase("PendingRequest")
                            ? "complete or remove the pending request (Remove-ExchangeCertificate)"
                            : "complete the chain (intermediates in LocalMachine\\CA) or replace the certificate");
        }
        facts.rsaKeySize().filter(bits -> bits < 2048).ifPresent(bits -> add(bad, Check.KEY_SIZE, subject,
                "RSA key of " + bits + " bits, under 2048", "replace it with a certificate of an RSA key of 2048 bits"
                        + " or more (exacme issue --key-type rsa2048)"));
        facts.weakSignature().ifPresent(hash -> add(Severity.WARNING, Check.SIGNATURE, subject, "signed with " + hash
                + " (" + facts.signatureAlgorithm() + ")", "replace it with a certificate signed with SHA-2"));
        if (used && !exchange.selfSigned() && facts.certificate().isPresent() && facts.subjectAltNames().isEmpty()) {
            add(Severity.ERROR, Check.SAN, subject, "no subjectAltName: clients ignore the subject's CN and refuse it",
                    "replace it with a certificate whose names are in subjectAltName");
        }
        if (used && facts.noCommonName() && exchange.services().contains(
                dev.exacme.exchange.certificates.ExchangeService.SMTP)) {
            add(Severity.WARNING, Check.SAN, subject, "enabled for SMTP without a subject common name (Let's Encrypt's"
                    + " tlsserver and shortlived profiles): whether transport selects it for a TlsCertificateName"
                    + " <I>issuer<S>subject or the connector's FQDN is not known", "use the classic profile for"
                    + " certificates that SMTP connectors or the hybrid configuration name");
        }
        if (!used) {
            return;
        }
        examineKey(facts, subject, web, auth);
        if (!exchange.selfSigned() && !facts.chainStatus().isEmpty()) {
            add(Severity.ERROR, Check.CHAIN, subject, "Windows cannot build a trusted chain: " + String.join(", ",
                    facts.chainStatus()), "install the chain's intermediates into LocalMachine\\CA (exacme renew"
                    + " --force installs them) and its root into LocalMachine\\Root");
        }
        if (!exchange.selfSigned() && facts.revocation().stream().anyMatch(REVOCATION_UNKNOWN::contains)) {
            add(Severity.ERROR, Check.REVOCATION, subject, "the revocation list cannot be fetched ("
                    + String.join(", ", facts.revocation()) + "): Exchange shows RevocationCheckFailure and may refuse"
                    + " to enable services", "let this server reach " + crlHint(facts) + " (directly or through"
                    + " the WinHTTP proxy: netsh winhttp show proxy)");
        }
        if (facts.revocation().contains("Revoked")) {
            add(Severity.ERROR, Check.REVOCATION, subject, "revoked", "exacme renew --force");
        }
    }

    private void examineKey(CertificateFacts facts, String subject, boolean web, boolean auth) throws StoreException {
        var thumbprint = facts.exchange().thumbprint();
        var stored = store.find(thumbprint);
        if (stored.isEmpty() || stored.get().key().isEmpty() || !facts.hasPrivateKey()) {
            add(Severity.BLOCKS_UPDATE, Check.PRIVATE_KEY, subject, stored.isEmpty() ? "not in LocalMachine\\My"
                    : "has no private key", auth ? "exacme never changes the Auth certificate: renew it as Microsoft"
                    + " describes (MonitorExchangeAuthCertificate.ps1)" : "re-import the certificate with its key"
                    + " (exacme issue --store windows), or enable another certificate for this role");
            return;
        }
        var access = store.keyAccess(thumbprint);
        for (var problem : access.problems()) {
            add(Severity.BLOCKS_UPDATE, Check.KEY_ACCESS, subject, "private key: " + problem, auth
                    ? "exacme never changes the Auth certificate: give SYSTEM and Administrators full control and"
                    + " NETWORK SERVICE read of its key in certlm.msc (Manage Private Keys)"
                    : "exacme store grant " + thumbprint);
        }
        var provider = access.provider();
        if (web && !facts.ecdsa() && (provider.contains("(CNG)") || provider.contains("Key Storage Provider"))) {
            add(Severity.ERROR, Check.PROVIDER, subject, "RSA key in a CNG key storage provider (" + provider + "):"
                    + " Exchange does not support KSP keys for OWA and ECP (forms-based login loops)",
                    "exacme renew --force without --cng (exacme puts RSA keys in the SChannel CSP)");
        }
    }

    private static String percent(Lifetime lifetime, Instant now) {
        return Math.max(0, Math.round(lifetime.fractionLeft(now) * 100)) + " %";
    }

    /** The CRL distribution points the certificate names, for the message. */
    static String crlHint(CertificateFacts facts) {
        var urls = crlUrls(facts);
        return urls.isEmpty() ? "the CRL distribution points of its chain" : String.join(", ", urls);
    }

    /** The URLs of the certificate's CRL distribution points extension. */
    static List<String> crlUrls(CertificateFacts facts) {
        var urls = new ArrayList<String>();
        var value = facts.certificate().map(known -> known.getExtensionValue(Extension.cRLDistributionPoints.getId()));
        if (value.isEmpty() || value.get() == null) {
            return urls;
        }
        try {
            var points = CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value.get()));
            for (var point : points.getDistributionPoints()) {
                var name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (var general : GeneralNames.getInstance(name.getName()).getNames()) {
                        if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                            urls.add(general.getName().toString());
                        }
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // A malformed extension names no URL; the message then names the chain in general.
        }
        return urls;
    }

    private void add(Severity severity, Check check, String subject, String problem, String fix) {
        findings.add(new Finding(severity, check, subject, problem, fix));
    }
}
