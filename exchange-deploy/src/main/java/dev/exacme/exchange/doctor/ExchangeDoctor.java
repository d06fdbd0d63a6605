package dev.exacme.exchange.doctor;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.doctor.Finding.Severity;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The preflight to run before every Exchange cumulative update: for every certificate
 * Exchange uses, every certificate bound in IIS and the Auth certificate, checks what setup
 * and the services need, and says for each finding the command that fixes it.
 */
public final class ExchangeDoctor {

    private static final Duration EXPIRY_MARGIN = Duration.ofDays(30);

    private final ExchangeShell shell;
    private final CertificateStore store;

    /** A doctor reading Exchange through {@code shell} and keys through {@code store} ({@code LocalMachine\My}). */
    public ExchangeDoctor(ExchangeShell shell, CertificateStore store) {
        this.shell = shell;
        this.store = store;
    }

    /** Every finding on {@code server}, blocking ones first. */
    public List<Finding> examine(String server, Instant now) throws PowerShellFailure, StoreException {
        var certificates = new LinkedHashMap<Thumbprint, ExchangeCertificate>();
        shell.certificates(server).forEach(known -> certificates.put(known.thumbprint(), known));
        var bindings = shell.webBindings();
        var auth = shell.authCertificate();
        var findings = new ArrayList<Finding>();

        var examined = new LinkedHashMap<Thumbprint, String>();
        certificates.values().stream().filter(known -> !known.services().isEmpty())
                .forEach(known -> examined.put(known.thumbprint(), "used by Exchange services"));
        bindings.forEach(binding -> binding.certificate().ifPresent(thumbprint -> examined.putIfAbsent(thumbprint,
                "bound to IIS site '" + binding.site() + "' " + binding.bindingInformation())));
        auth.ifPresent(thumbprint -> examined.put(thumbprint, "the Exchange Auth certificate"));

        for (var entry : examined.entrySet()) {
            examineCertificate(entry.getKey(), entry.getValue(), certificates, auth, now, findings);
        }
        examineBackEnd(bindings, certificates, findings);
        examineConnectors(shell.connectors(), certificates, findings);
        findings.sort((one, other) -> one.severity().compareTo(other.severity()));
        return findings;
    }

    private void examineCertificate(Thumbprint thumbprint, String role, Map<Thumbprint, ExchangeCertificate> certificates,
                                    Optional<Thumbprint> auth, Instant now, List<Finding> findings) throws StoreException {
        var subject = thumbprint + " (" + role + ")";
        var stored = store.find(thumbprint);
        if (stored.isEmpty() || stored.get().key().isEmpty()) {
            findings.add(new Finding(Severity.BLOCKS_UPDATE, subject, stored.isEmpty() ? "not in LocalMachine\\My"
                    : "has no private key", "re-import the certificate with its key (exacme issue --store windows),"
                    + " or enable another certificate for this role"));
            return;
        }
        var access = store.keyAccess(thumbprint);
        for (var problem : access.problems()) {
            findings.add(new Finding(Severity.BLOCKS_UPDATE, subject, "private key: " + problem,
                    "exacme store grant " + thumbprint));
        }
        var exchange = certificates.get(thumbprint);
        if (exchange == null) {
            return;
        }
        var isAuth = auth.map(thumbprint::equals).orElse(false);
        if (exchange.notAfter().isBefore(now)) {
            findings.add(new Finding(isAuth ? Severity.BLOCKS_UPDATE : Severity.WARNING, subject,
                    "expired on " + exchange.notAfter(), isAuth ? "renew the Auth certificate: New-ExchangeCertificate"
                    + " -KeySize 2048 -PrivateKeyExportable $true -SubjectName 'cn=Microsoft Exchange Server Auth"
                    + " Certificate' -DomainName @() -Services SMTP, then Set-AuthConfig -NewCertificateThumbprint"
                    + " <new> -NewCertificateEffectiveDate (Get-Date); Set-AuthConfig -PublishCertificate"
                    : "exacme renew --force, or deploy another certificate"));
        } else if (exchange.notAfter().isBefore(now.plus(EXPIRY_MARGIN)) && !exchange.selfSigned()) {
            findings.add(new Finding(Severity.WARNING, subject, "expires on " + exchange.notAfter()
                    + ", within 30 days", "exacme renew"));
        }
        if (!exchange.valid()) {
            findings.add(new Finding(Severity.WARNING, subject, "Exchange reports status " + exchange.status(),
                    "complete the chain (intermediates in LocalMachine\\CA) and let the server reach the CA's"
                            + " revocation lists"));
        }
    }

    private static void examineBackEnd(List<WebBinding> bindings, Map<Thumbprint, ExchangeCertificate> certificates,
                                       List<Finding> findings) {
        for (var binding : bindings) {
            if (!binding.backEnd()) {
                continue;
            }
            var bound = binding.certificate().map(certificates::get);
            if (bound.isEmpty() || !bound.get().selfSigned()) {
                findings.add(new Finding(Severity.BLOCKS_UPDATE, "IIS site 'Exchange Back End' "
                        + binding.bindingInformation(), binding.certificate().map(thumbprint -> "bound to " + thumbprint
                        + ", not to Exchange's self-signed certificate").orElse("has no certificate"),
                        "exacme exchange rescue"));
            }
        }
    }

    private static void examineConnectors(List<Connector> connectors, Map<Thumbprint, ExchangeCertificate> certificates,
                                          List<Finding> findings) {
        for (var connector : connectors) {
            if (connector.certificate().isEmpty()) {
                continue;
            }
            var name = connector.certificate().get();
            var matched = certificates.values().stream().anyMatch(known -> name.names(known.issuer(), known.subject()));
            if (!matched) {
                findings.add(new Finding(Severity.WARNING, connector.kind().name().toLowerCase() + " connector '"
                        + connector.identity() + "'", "TlsCertificateName " + name + " matches no installed"
                        + " certificate: STARTTLS fails (event 12014)", connector.kind().setter()
                        + (connector.kind() == Connector.Kind.HYBRID ? "" : " -Identity '" + connector.identity() + "'")
                        + " -TlsCertificateName '<I>issuer<S>subject of the current certificate'"));
            }
        }
    }
}
