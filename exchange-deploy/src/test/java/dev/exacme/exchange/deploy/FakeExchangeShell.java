package dev.exacme.exchange.deploy;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.certificates.MailProtocol;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.iis.FakeIisShell;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.store.Thumbprint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An Exchange server in memory, behaving as the cmdlets do where the deployment depends on
 * it: enabling IIS moves the Default Web Site's *:443 binding and takes IIS from the other
 * certificates; enabling SMTP with -Force makes the certificate the default SMTP one. IIS is
 * the {@link FakeIisShell} it extends.
 */
public final class FakeExchangeShell extends FakeIisShell implements ExchangeShell {

    public final Map<Thumbprint, ExchangeCertificate> certificates = new LinkedHashMap<>();
    /** The Send and Receive connectors and the hybrid configuration. */
    public final List<Connector> connectors = new ArrayList<>();
    Optional<Thumbprint> defaultSmtp = Optional.empty();
    boolean requireSsl = true;
    /** The Exchange Management Shell does not load. */
    public boolean exchangeBroken;

    /** What {@link #exchangeShell()} says. */
    public String exchangeShell = "the Exchange Management Shell (RemoteExchange.ps1, Connect-ExchangeServer -auto)";

    @Override
    public String exchangeShell() {
        return exchangeShell;
    }

    public void add(ExchangeCertificate certificate) {
        certificates.put(certificate.thumbprint(), certificate);
    }

    @Override
    public List<ExchangeCertificate> certificates(String server) throws PowerShellFailure {
        var missing = missingOn.getOrDefault(server, Set.of());
        if (!missing.isEmpty()) {
            return certificates.values().stream().filter(known -> !missing.contains(known.thumbprint())).toList();
        }
        if (exchangeBroken) {
            throw new PowerShellFailure(PowerShellFailure.Kind.ERROR_RECORD, "The Windows PowerShell snap-in"
                    + " 'Microsoft.Exchange.Management.PowerShell.SnapIn' is not installed on this computer.");
        }
        return List.copyOf(certificates.values());
    }

    @Override
    public Optional<Thumbprint> defaultSmtpCertificate(String server) {
        return defaultSmtp;
    }

    @Override
    public boolean defaultWebSiteRequiresSsl() {
        return requireSsl;
    }

    @Override
    public void enable(String server, Thumbprint thumbprint, Set<ExchangeService> services, boolean doNotRequireSsl)
            throws PowerShellFailure {
        maybeFail("enable " + thumbprint + " " + ExchangeService.argument(services) + (doNotRequireSsl ? " -DoNotRequireSsl" : ""));
        for (var service : services) {
            if (service != ExchangeService.SMTP) {
                certificates.replaceAll((key, known) -> with(known, service, false));
            }
        }
        services.forEach(service -> certificates.computeIfPresent(thumbprint, (key, known) -> with(known, service, true)));
        if (services.contains(ExchangeService.IIS)) {
            bindings.replaceAll(binding -> binding.site().equals("Default Web Site") && binding.port() == 443
                    && binding.sslBinding().equals("0.0.0.0!443") ? moved(binding, thumbprint) : binding);
        }
        if (services.contains(ExchangeService.SMTP)) {
            defaultSmtp = Optional.of(thumbprint);
        }
    }

    private static ExchangeCertificate with(ExchangeCertificate known, ExchangeService service, boolean add) {
        var services = known.services().isEmpty() ? EnumSet.noneOf(ExchangeService.class) : EnumSet.copyOf(known.services());
        if (add) {
            services.add(service);
        } else {
            services.remove(service);
        }
        return new ExchangeCertificate(known.thumbprint(), services, known.status(), known.notAfter(), known.subject(),
                known.issuer(), known.selfSigned(), known.friendlyName(), known.domains(),
                known.privateKeyExportable());
    }

    /** Certificates that a server (other than the first) does not have. */
    public final Map<String, Set<Thumbprint>> missingOn = new java.util.HashMap<>();

    @Override
    public List<String> servers() {
        return List.of("EX01", "EX02");
    }

    @Override
    public void copy(Thumbprint thumbprint, String fromServer, String toServer) throws PowerShellFailure {
        maybeFail("copy " + thumbprint + " " + fromServer + " -> " + toServer);
        missingOn.getOrDefault(toServer, new java.util.HashSet<>()).remove(thumbprint);
    }

    public final Map<MailProtocol, Optional<String>> certificateNames = new java.util.EnumMap<>(MailProtocol.class);

    @Override
    public Optional<String> certificateName(String server, MailProtocol protocol) {
        return certificateNames.getOrDefault(protocol, Optional.empty());
    }

    @Override
    public void setCertificateName(String server, MailProtocol protocol, Optional<String> name) throws PowerShellFailure {
        maybeFail("setCertificateName " + protocol + " " + name.orElse("(none)"));
        certificateNames.put(protocol, name);
    }

    @Override
    public void restart(String server, MailProtocol protocol) throws PowerShellFailure {
        maybeFail("restart " + protocol);
    }

    @Override
    public List<Connector> connectors() {
        return List.copyOf(connectors);
    }

    @Override
    public void rename(Connector connector, TlsCertificateName name) throws PowerShellFailure {
        maybeFail("rename " + connector.identity() + " " + name);
        connectors.replaceAll(known -> known.identity().equals(connector.identity())
                ? new Connector(known.kind(), known.identity(), Optional.of(name)) : known);
    }

    @Override
    public Optional<Thumbprint> authCertificate() {
        return Optional.empty();
    }

    @Override
    public Thumbprint newSelfSigned(String server, List<String> names) throws PowerShellFailure {
        maybeFail("newSelfSigned " + server);
        var created = Thumbprint.of(dev.exacme.store.TestBundles.rsa(names.get(0)).leaf());
        add(new ExchangeCertificate(created, EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP), "Valid",
                java.time.Instant.now().plus(1825, java.time.temporal.ChronoUnit.DAYS), "CN=" + server, "CN=" + server,
                true, "Microsoft Exchange", names, true));
        return created;
    }

    @Override
    public void remove(String server, Thumbprint thumbprint) throws PowerShellFailure {
        maybeFail("remove " + thumbprint + " on " + server);
        if (missingOn.containsKey(server)) {
            missingOn.get(server).add(thumbprint);
        } else {
            certificates.remove(thumbprint);
        }
    }
}
