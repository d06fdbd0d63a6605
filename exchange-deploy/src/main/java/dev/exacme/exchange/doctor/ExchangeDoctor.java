package dev.exacme.exchange.doctor;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.deploy.ClientAccessNames;
import dev.exacme.exchange.deploy.ExchangeShell;
import dev.exacme.exchange.doctor.Finding.Severity;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.verify.Endpoint;
import dev.exacme.exchange.verify.Outcome;
import dev.exacme.exchange.verify.Protocol;
import dev.exacme.exchange.verify.ServedCertificateCheck;
import dev.exacme.store.CertificateStore;
import dev.exacme.store.StoreException;
import dev.exacme.store.Thumbprint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The preflight to run before every Exchange cumulative update, and the certificate health
 * check: every check HealthChecker makes of certificates, with thresholds that are fractions of
 * each certificate's own lifetime, and the checks it does not make (the key, its access and
 * provider, the chain and its revocation list, what is served on the wire, the namespaces, the
 * other servers). It reads and never changes anything, the Auth certificate least of all.
 */
public final class ExchangeDoctor {

    private final ExchangeShell shell;
    private final DoctorShell doctor;
    private final CertificateStore store;
    private final ClientAccessNames names;
    private final Optional<ServedCertificateCheck> served;
    private final Function<Thumbprint, Optional<Instant>> renewals;

    /**
     * A doctor.
     *
     * @param shell    Exchange and IIS as the deployment reads them
     * @param doctor   what only the doctor reads
     * @param store    {@code LocalMachine\My}, for the keys
     * @param names    the virtual directories' and Autodiscover's URLs
     * @param served   the check on the wire, empty to skip it
     * @param renewals when a certificate should be renewed, where known (ARI window, exacme's schedule)
     */
    public ExchangeDoctor(ExchangeShell shell, DoctorShell doctor, CertificateStore store, ClientAccessNames names,
                          Optional<ServedCertificateCheck> served, Function<Thumbprint, Optional<Instant>> renewals) {
        this.shell = shell;
        this.doctor = doctor;
        this.store = store;
        this.names = names;
        this.served = served;
        this.renewals = renewals;
    }

    /** Examines {@code server}, reached on the wire at {@code host}. */
    public Examination examine(String server, String host, Instant now) throws PowerShellFailure, StoreException {
        var inventory = doctor.inventory(server);
        var certificates = new LinkedHashMap<Thumbprint, CertificateFacts>();
        inventory.certificates().forEach(facts -> certificates.put(facts.exchange().thumbprint(), facts));
        var bindings = shell.webBindings();
        var connectors = shell.connectors();
        var transport = shell.defaultSmtpCertificate(server);
        var auth = inventory.auth();
        var findings = new ArrayList<Finding>();

        var perCertificate = new CertificateChecks(store, findings);
        for (var facts : certificates.values()) {
            var thumbprint = facts.exchange().thumbprint();
            var isAuth = auth.current().equals(Optional.of(thumbprint)) || auth.next().equals(Optional.of(thumbprint));
            var web = facts.exchange().services().contains(ExchangeService.IIS) || bindings.stream()
                    .anyMatch(binding -> binding.certificate().equals(Optional.of(thumbprint)));
            perCertificate.examine(facts, roles(facts, bindings, connectors, transport, auth), web, isAuth,
                    renewals.apply(thumbprint), now);
        }
        examineServices(certificates, findings);
        examineTransport(transport, certificates, now, findings);
        examineAuth(auth, certificates, now, findings);
        examineBindings(bindings, certificates, now, findings);
        examineBackEnd(bindings, certificates, findings);
        examineConnectors(connectors, inventory, certificates, now, findings);
        examineEcc(inventory, certificates, bindings, findings);
        if (inventory.rootAutoUpdateDisabled()) {
            findings.add(new Finding(Severity.WARNING, Check.ROOT_UPDATE, "this server", "DisableRootAutoUpdate is 1:"
                    + " Windows fetches no new roots (Let's Encrypt's Gen Y roots, DigiCert Global Root G2 for"
                    + " Exchange Online)", "install the roots by hand, or remove the policy value"
                    + " HKLM:\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\AuthRoot\\DisableRootAutoUpdate"));
        }
        var web = webCertificate(bindings, certificates);
        web.ifPresent(facts -> examineNamespaces(facts, findings));
        served.ifPresent(check -> examineServed(check, host, bindings, certificates, transport, findings));
        web.ifPresent(facts -> examineOtherServers(server, facts, findings));
        findings.sort(Comparator.comparing(Finding::severity));
        var checks = EnumSet.allOf(Check.class);
        if (served.isEmpty()) {
            checks.remove(Check.SERVED);
        }
        return new Examination(server, now, findings, List.copyOf(certificates.values()), List.copyOf(checks));
    }

    /** What uses a certificate, in words. */
    private static List<String> roles(CertificateFacts facts, List<WebBinding> bindings, List<Connector> connectors,
                                      Optional<Thumbprint> transport, AuthConfig auth) {
        var thumbprint = facts.exchange().thumbprint();
        var roles = new ArrayList<String>();
        if (!facts.exchange().services().isEmpty()) {
            roles.add("services " + ExchangeService.argument(facts.exchange().services()));
        }
        bindings.stream().filter(binding -> binding.certificate().equals(Optional.of(thumbprint)))
                .forEach(binding -> roles.add("IIS site '" + binding.site() + "' " + binding.bindingInformation()));
        if (transport.equals(Optional.of(thumbprint))) {
            roles.add("internal transport certificate");
        }
        if (auth.current().equals(Optional.of(thumbprint))) {
            roles.add("the Exchange Auth certificate");
        }
        if (auth.next().equals(Optional.of(thumbprint))) {
            roles.add("the next Exchange Auth certificate");
        }
        connectors.stream().filter(connector -> connector.certificate().map(name -> name.names(
                        facts.exchange().issuer(), facts.exchange().subject())).orElse(false))
                .forEach(connector -> roles.add(connector.kind().label().toLowerCase(Locale.ROOT) + " connector '"
                        + connector.identity() + "'"));
        return roles;
    }

    private static void examineServices(Map<Thumbprint, CertificateFacts> certificates, List<Finding> findings) {
        if (certificates.values().stream().noneMatch(facts -> facts.exchange().services().contains(ExchangeService.IIS))) {
            findings.add(new Finding(Severity.ERROR, Check.SERVICES, "this server", "no certificate is enabled for IIS:"
                    + " setup's Install-ExchangeCertificate -Services IIS has nothing to renew", "exacme exchange deploy,"
                    + " or Enable-ExchangeCertificate -Services IIS on Exchange's self-signed certificate"));
        }
    }

    private static void examineTransport(Optional<Thumbprint> transport, Map<Thumbprint, CertificateFacts> certificates,
                                         Instant now, List<Finding> findings) {
        var fix = "New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true -DomainName $env:COMPUTERNAME"
                + " -IncludeServerFQDN -Services SMTP -Force (Microsoft: aka.ms/HC-InternalTransportCertificate)";
        if (transport.isEmpty()) {
            findings.add(new Finding(Severity.ERROR, Check.INTERNAL_TRANSPORT, "this server", "no internal transport"
                    + " certificate (Get-TransportService InternalTransportCertificateThumbprint is empty)", fix));
            return;
        }
        var facts = certificates.get(transport.get());
        if (facts == null) {
            findings.add(new Finding(Severity.ERROR, Check.INTERNAL_TRANSPORT, transport.get() + " (internal transport"
                    + " certificate)", "not on this server: mail flow between servers fails", fix));
        } else if (facts.lifetime(Optional.empty()).expired(now)) {
            findings.add(new Finding(Severity.ERROR, Check.INTERNAL_TRANSPORT, transport.get() + " (internal transport"
                    + " certificate)", "expired on " + facts.exchange().notAfter(), fix));
        }
    }

    private static void examineAuth(AuthConfig auth, Map<Thumbprint, CertificateFacts> certificates, Instant now,
                                    List<Finding> findings) {
        var renew = "exacme never changes the Auth certificate: renew it as Microsoft describes (New-ExchangeCertificate"
                + " ... -SubjectName 'cn=Microsoft Exchange Server Auth Certificate' -Services SMTP, Set-AuthConfig"
                + " -NewCertificateThumbprint, or MonitorExchangeAuthCertificate.ps1), then run the Hybrid"
                + " Configuration Wizard if the organisation is hybrid";
        if (auth.current().isEmpty()) {
            findings.add(new Finding(Severity.ERROR, Check.AUTH, "the Exchange Auth certificate", "Get-AuthConfig names"
                    + " none: OAuth, OWA and ECP fail", renew));
            return;
        }
        var current = certificates.get(auth.current().get());
        var subject = auth.current().get() + " (the Exchange Auth certificate)";
        if (current == null) {
            findings.add(new Finding(Severity.ERROR, Check.AUTH, subject, "not on this server: OAuth, OWA and ECP fail",
                    renew));
        } else {
            var lifetime = current.lifetime(Optional.empty());
            if (lifetime.expired(now)) {
                findings.add(new Finding(Severity.BLOCKS_UPDATE, Check.AUTH, subject, "expired on "
                        + current.exchange().notAfter() + ": setup's Install-AuthCertificate and OAuth fail", renew));
            } else if (lifetime.under(Lifetime.AUTH, now) && auth.next().isEmpty()) {
                findings.add(new Finding(Severity.WARNING, Check.AUTH, subject, "in the last fifth of its lifetime"
                        + " (expires " + current.exchange().notAfter() + ") and no next Auth certificate is staged",
                        renew));
            }
            if (!current.exchange().selfSigned()) {
                findings.add(new Finding(Severity.WARNING, Check.AUTH, subject, "issued by " + current.exchange().issuer()
                        + ": Microsoft's Auth certificate is self-signed, and a CA-issued one is renewed by no one",
                        renew));
            }
            if (current.ecdsa()) {
                findings.add(new Finding(Severity.ERROR, Check.AUTH, subject, "an ECDSA key: the Auth certificate"
                        + " must be RSA", renew));
            }
        }
        if (auth.next().isPresent()) {
            var next = certificates.get(auth.next().get());
            var nextSubject = auth.next().get() + " (the next Exchange Auth certificate)";
            if (next == null) {
                findings.add(new Finding(Severity.ERROR, Check.AUTH, nextSubject, "staged for rotation"
                        + auth.nextEffective().map(date -> " on " + date).orElse("") + " but not on this server", renew));
            } else if (next.lifetime(Optional.empty()).expired(now) || auth.nextEffective()
                    .map(date -> !date.isBefore(next.exchange().notAfter())).orElse(false)) {
                findings.add(new Finding(Severity.ERROR, Check.AUTH, nextSubject, "expires on "
                        + next.exchange().notAfter() + auth.nextEffective().map(date -> ", not after its effective"
                        + " date " + date).orElse(""), renew));
            }
        }
    }

    private static void examineBindings(List<WebBinding> bindings, Map<Thumbprint, CertificateFacts> certificates,
                                        Instant now, List<Finding> findings) {
        for (var binding : bindings) {
            if (binding.certificate().isEmpty()) {
                continue;
            }
            var thumbprint = binding.certificate().get();
            var subject = "IIS site '" + binding.site() + "' " + binding.bindingInformation();
            if (!binding.store().equalsIgnoreCase(WebBinding.MY)) {
                findings.add(new Finding(Severity.WARNING, Check.IIS_BINDINGS, subject, "bound to " + thumbprint
                        + " in LocalMachine\\" + binding.store() + ", which Exchange does not list: not examined",
                        "bind a certificate of LocalMachine\\My (exacme exchange deploy)"));
            } else if (!certificates.containsKey(thumbprint)) {
                findings.add(new Finding(Severity.BLOCKS_UPDATE, Check.IIS_BINDINGS, subject, "bound to " + thumbprint
                        + ", which is not on this server", "exacme exchange rescue, or bind an existing certificate"));
            } else if (certificates.get(thumbprint).lifetime(Optional.empty()).expired(now)) {
                findings.add(new Finding(Severity.BLOCKS_UPDATE, Check.IIS_BINDINGS, subject, "bound to " + thumbprint
                        + ", which expired on " + certificates.get(thumbprint).exchange().notAfter()
                        + ": setup fails on an expired certificate bound in IIS", "exacme exchange rescue, or deploy a"
                        + " current certificate (exacme renew --force)"));
            }
        }
    }

    private static void examineBackEnd(List<WebBinding> bindings, Map<Thumbprint, CertificateFacts> certificates,
                                       List<Finding> findings) {
        var backEnd = bindings.stream().filter(WebBinding::backEnd).toList();
        for (var binding : backEnd) {
            var bound = binding.certificate().map(certificates::get);
            if (bound.isEmpty() || !bound.get().exchange().selfSigned()) {
                findings.add(new Finding(Severity.BLOCKS_UPDATE, Check.BACK_END, "IIS site 'Exchange Back End' "
                        + binding.bindingInformation(), binding.certificate().map(thumbprint -> "bound to " + thumbprint
                        + ", not to Exchange's self-signed certificate").orElse("has no certificate"),
                        "exacme exchange rescue"));
            }
        }
        if (!backEnd.isEmpty() && backEnd.stream().noneMatch(binding -> binding.bindingInformation().equals("*:444:"))) {
            findings.add(new Finding(Severity.ERROR, Check.BACK_END, "IIS site 'Exchange Back End'", "no binding on"
                    + " *:444: (bound to " + backEnd.stream().map(WebBinding::bindingInformation).toList()
                    + "): proxying and Extended Protection need all addresses", "bind the Exchange Back End site to"
                    + " All Unassigned, port 444, no host name"));
        }
    }

    private static void examineConnectors(List<Connector> connectors, ServerInventory inventory,
                                          Map<Thumbprint, CertificateFacts> certificates, Instant now,
                                          List<Finding> findings) {
        var hybrid = connectors.stream().filter(connector -> connector.kind() == Connector.Kind.HYBRID).findFirst();
        for (var connector : connectors) {
            var label = connector.kind().label().toLowerCase(Locale.ROOT) + " connector '" + connector.identity() + "'";
            var cloud = connector.kind() == Connector.Kind.HYBRID || connector.kind() == Connector.Kind.SEND
                    && inventory.cloudMailConnectors().contains(connector.identity());
            var setter = connector.kind().setter() + (connector.kind() == Connector.Kind.HYBRID ? ""
                    : " -Identity '" + connector.identity() + "'")
                    + " -TlsCertificateName '<I>issuer<S>subject of the current certificate'";
            if (connector.certificate().isEmpty()) {
                if (cloud) {
                    findings.add(new Finding(Severity.ERROR, connector.kind() == Connector.Kind.HYBRID ? Check.HYBRID
                            : Check.CONNECTORS, label, "no TlsCertificateName: hybrid mail flow with Exchange Online"
                            + " fails", setter));
                }
                continue;
            }
            var name = connector.certificate().get();
            var matches = certificates.values().stream().filter(facts -> name.names(facts.exchange().issuer(),
                    facts.exchange().subject())).toList();
            var severity = cloud ? Severity.ERROR : Severity.WARNING;
            if (matches.isEmpty()) {
                findings.add(new Finding(severity, Check.CONNECTORS, label, "TlsCertificateName " + name + " matches no"
                        + " installed certificate: STARTTLS fails (event 12014)", setter));
            } else if (matches.stream().allMatch(facts -> facts.lifetime(Optional.empty()).expired(now))) {
                findings.add(new Finding(severity, Check.CONNECTORS, label, "TlsCertificateName " + name + " matches"
                        + " only expired certificates", setter));
            }
            if (name.subject().isBlank()) {
                findings.add(new Finding(Severity.WARNING, Check.CONNECTORS, label, "TlsCertificateName " + name
                        + " has an empty subject (a certificate without CN): whether transport selects it is not"
                        + " known", "name a certificate with a subject CN (Let's Encrypt's classic profile)"));
            }
            if (connector.kind() == Connector.Kind.SEND && cloud && hybrid.flatMap(Connector::certificate).isPresent()
                    && !sameName(name, hybrid.get().certificate().get())) {
                findings.add(new Finding(Severity.WARNING, Check.HYBRID, label, "TlsCertificateName " + name + " is not"
                        + " the hybrid configuration's " + hybrid.get().certificate().get(), "run the Hybrid"
                        + " Configuration Wizard, or Set-HybridConfiguration -TlsCertificateName with the connector's"
                        + " value"));
            }
        }
    }

    private static boolean sameName(TlsCertificateName one, TlsCertificateName other) {
        return one.names(other.issuer(), other.subject());
    }

    private static void examineEcc(ServerInventory inventory, Map<Thumbprint, CertificateFacts> certificates,
                                   List<WebBinding> bindings, List<Finding> findings) {
        if (inventory.eccEnabled()) {
            return;
        }
        for (var facts : certificates.values()) {
            var thumbprint = facts.exchange().thumbprint();
            var bound = !facts.exchange().services().isEmpty()
                    || bindings.stream().anyMatch(binding -> binding.certificate().equals(Optional.of(thumbprint)));
            if (facts.ecdsa() && bound) {
                findings.add(new Finding(Severity.ERROR, Check.ECC, thumbprint + " (ECDSA)", "bound, but"
                        + " EnableEccCertificateSupport is not 1: Exchange does not use ECDSA certificates without it",
                        "New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\ExchangeServer\\v15\\Diagnostics' -Name"
                                + " EnableEccCertificateSupport -Value 1 -PropertyType String -Force (Exchange 2019 CU14"
                                + " Nov 2024 SU or later; aka.ms/HC-EccCertificateChange), or use an RSA certificate"));
            }
        }
    }

    /** The certificate of the Default Web Site's {@code *:443} binding, else the one enabled for IIS. */
    private static Optional<CertificateFacts> webCertificate(List<WebBinding> bindings,
                                                             Map<Thumbprint, CertificateFacts> certificates) {
        return bindings.stream().filter(binding -> binding.site().equalsIgnoreCase("Default Web Site")
                        && binding.port() == 443 && !binding.sni()).map(WebBinding::certificate).flatMap(Optional::stream)
                .map(certificates::get).filter(java.util.Objects::nonNull).findFirst()
                .or(() -> certificates.values().stream()
                        .filter(facts -> facts.exchange().services().contains(ExchangeService.IIS)).findFirst());
    }

    private void examineNamespaces(CertificateFacts web, List<Finding> findings) {
        List<dev.exacme.exchange.deploy.ClientAccessUrl> urls;
        try {
            urls = names.urls();
        } catch (PowerShellFailure e) {
            findings.add(new Finding(Severity.WARNING, Check.NAMESPACES, "virtual directories", "could not be read: "
                    + e.getMessage(), "run exacme in the Exchange Management Shell's context (an Exchange server)"));
            return;
        }
        var covered = web.subjectAltNames().isEmpty() ? web.exchange().domains() : web.subjectAltNames();
        var missing = new LinkedHashMap<String, List<String>>();
        for (var url : urls) {
            url.host().filter(host -> covered.stream().noneMatch(name -> covers(name, host)))
                    .ifPresent(host -> missing.computeIfAbsent(host, key -> new ArrayList<>()).add(url.source()));
        }
        if (!missing.isEmpty()) {
            findings.add(new Finding(Severity.ERROR, Check.NAMESPACES, web.exchange().thumbprint() + " (IIS)",
                    "does not cover " + missing.entrySet().stream().map(entry -> entry.getKey() + " ("
                            + String.join(", ", entry.getValue()) + ")").toList() + ": clients get a name mismatch",
                    "exacme exchange deploy with a certificate for these names too (exacme setup exchange proposes"
                            + " them)"));
        }
    }

    /** Whether a certificate name (possibly {@code *.example.com}) covers a host name. */
    static boolean covers(String name, String host) {
        var lowerName = name.toLowerCase(Locale.ROOT);
        var lowerHost = host.toLowerCase(Locale.ROOT);
        if (lowerName.startsWith("*.")) {
            var dot = lowerHost.indexOf('.');
            return dot > 0 && lowerHost.substring(dot + 1).equals(lowerName.substring(2));
        }
        return lowerName.equals(lowerHost);
    }

    private static void examineServed(ServedCertificateCheck check, String host, List<WebBinding> bindings,
                                      Map<Thumbprint, CertificateFacts> certificates, Optional<Thumbprint> transport,
                                      List<Finding> findings) {
        var expected = new LinkedHashMap<Integer, CertificateFacts>();
        webCertificate(bindings, certificates).ifPresent(facts -> expected.put(443, facts));
        serving(certificates, ExchangeService.SMTP, transport).ifPresent(facts -> {
            expected.put(25, facts);
            expected.put(587, facts);
        });
        serving(certificates, ExchangeService.IMAP, Optional.empty()).ifPresent(facts -> expected.put(993, facts));
        serving(certificates, ExchangeService.POP, Optional.empty()).ifPresent(facts -> expected.put(995, facts));
        for (var entry : expected.entrySet()) {
            var port = entry.getKey();
            var facts = entry.getValue();
            var protocol = port == 25 || port == 587 ? Protocol.SMTP_STARTTLS : Protocol.TLS;
            var sni = facts.subjectAltNames().stream().filter(name -> !name.startsWith("*")).findFirst();
            var endpoint = sni.map(name -> Endpoint.withSni(host, port, protocol, name))
                    .orElseGet(() -> Endpoint.withoutSni(host, port, protocol));
            var thumbprint = facts.exchange().thumbprint();
            for (var outcome : check.verify(List.of(endpoint), thumbprint).outcomes()) {
                if (outcome.status() == Outcome.Status.WRONG_CERTIFICATE) {
                    findings.add(new Finding(Severity.ERROR, Check.SERVED, endpoint.describe(), outcome.describe(
                            thumbprint), port == 993 || port == 995 ? "restart the service (exacme exchange deploy"
                            + " --restart-services), or set its X509CertificateName" : "exacme exchange deploy"));
                } else if (outcome.status() == Outcome.Status.UNREACHABLE) {
                    findings.add(new Finding(Severity.WARNING, Check.SERVED, endpoint.describe(), outcome.describe(
                            thumbprint), "start the service, or ignore this if it is not offered"));
                }
            }
        }
    }

    /** The certificate a service presents: a CA-issued one enabled for it, else the fallback, else any enabled. */
    private static Optional<CertificateFacts> serving(Map<Thumbprint, CertificateFacts> certificates,
                                                      ExchangeService service, Optional<Thumbprint> fallback) {
        var enabled = certificates.values().stream().filter(facts -> facts.exchange().services().contains(service))
                .toList();
        return enabled.stream().filter(facts -> !facts.exchange().selfSigned())
                .max(Comparator.comparing(facts -> facts.exchange().notAfter()))
                .or(() -> fallback.map(certificates::get))
                .or(() -> enabled.stream().findFirst());
    }

    private void examineOtherServers(String server, CertificateFacts web, List<Finding> findings) {
        List<String> servers;
        try {
            servers = shell.servers();
        } catch (PowerShellFailure e) {
            findings.add(new Finding(Severity.WARNING, Check.SAME_EVERYWHERE, "other servers", "could not be listed: "
                    + e.getMessage(), "check Get-ExchangeServer"));
            return;
        }
        var namespace = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        namespace.addAll(web.exchange().domains());
        for (var other : servers) {
            if (other.equalsIgnoreCase(server)) {
                continue;
            }
            List<ExchangeCertificate> theirs;
            try {
                theirs = shell.certificates(other);
            } catch (PowerShellFailure e) {
                findings.add(new Finding(Severity.WARNING, Check.SAME_EVERYWHERE, "server " + other, "its certificates"
                        + " could not be read: " + e.getMessage(), "check that this account can manage " + other));
                continue;
            }
            var serving = theirs.stream().filter(known -> known.services().contains(ExchangeService.IIS)
                    && !known.selfSigned() && known.domains().stream().anyMatch(namespace::contains)).toList();
            if (!serving.isEmpty() && serving.stream().noneMatch(known -> known.thumbprint().equals(
                    web.exchange().thumbprint()))) {
                var their = serving.get(0);
                findings.add(new Finding(Severity.WARNING, Check.SAME_EVERYWHERE, "server " + other, "serves "
                        + their.domains() + " with " + their.thumbprint() + " (expires " + their.notAfter() + "), this"
                        + " server with " + web.exchange().thumbprint() + " (expires " + web.exchange().notAfter()
                        + "): clients behind a load balancer see both", "exacme exchange deploy --all-servers"));
            }
        }
    }
}
