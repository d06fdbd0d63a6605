package dev.exacme.exchange.deploy;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.certificates.MailProtocol;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.ConnectorCertificate;
import dev.exacme.exchange.iis.BindingChange;
import dev.exacme.exchange.iis.CertificateNames;
import dev.exacme.exchange.iis.NewBindings;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.rollout.Change;
import dev.exacme.exchange.rollout.DeployRefused;
import dev.exacme.exchange.rollout.RolloutPlan;
import dev.exacme.exchange.verify.Endpoint;
import dev.exacme.exchange.verify.Protocol;
import dev.exacme.store.KeyAccess;
import dev.exacme.store.Thumbprint;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a deployment will change, computed from what Exchange and IIS report now and
 * printed before anything happens ({@code --dry-run} stops there):
 *
 * <ol>
 * <li>preconditions: the key's access rules pass, Exchange sees the certificate as Valid, and
 * a copy to another server has an exportable key to copy;</li>
 * <li>{@code Enable-ExchangeCertificate} for the chosen services on each server, then the
 * previous default SMTP certificate made the default again unless asked otherwise;</li>
 * <li>every other IIS https binding that served a previous certificate moved to the new one,
 * the Exchange Back End site only when asked (refused with several servers: the bindings are
 * those of the computer exacme runs on);</li>
 * <li>every connector whose {@code TlsCertificateName} named a previous certificate renamed, but
 * not to a certificate without a subject common name unless the person allows it; a warning
 * where a connector will present a certificate without clientAuth as a TLS client;</li>
 * <li>the endpoints that must then present the new certificate.</li>
 * </ol>
 *
 * @param thumbprint the certificate being deployed
 * @param steps      the changes in order
 * @param notes      what the person should know about this plan
 * @param endpoints  what is checked on the wire afterwards
 */
public record DeployPlan(Thumbprint thumbprint, List<Change<? super ExchangeShell>> steps, List<String> notes,
                         List<Endpoint> endpoints) implements RolloutPlan<Change<? super ExchangeShell>> {

    /** Copies the lists. */
    public DeployPlan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
        endpoints = List.copyOf(endpoints);
    }

    /**
     * The plan for deploying {@code certificate} (already in {@code LocalMachine\My}, its key
     * access as {@code keyAccess} reports it).
     *
     * @throws DeployRefused when a precondition fails; nothing has been changed
     */
    public static DeployPlan of(ExchangeShell shell, X509Certificate certificate, KeyAccess keyAccess,
                                DeployOptions options) throws PowerShellFailure, DeployRefused {
        var thumbprint = Thumbprint.of(certificate);
        if (!keyAccess.fit()) {
            throw new DeployRefused("the private key of " + thumbprint + " is not fit for Exchange: "
                    + String.join("; ", keyAccess.problems()) + ". Run 'exacme store grant " + thumbprint + "' first.");
        }
        var steps = new ArrayList<Change<? super ExchangeShell>>();
        var notes = new ArrayList<String>();
        notes.add("Exchange cmdlets through " + shell.exchangeShell() + ".");
        var previous = new LinkedHashSet<ExchangeCertificate>();
        var installed = new ArrayList<ExchangeCertificate>();
        var domains = List.<String>of();
        var doNotRequireSsl = options.services().contains(ExchangeService.IIS) && !shell.defaultWebSiteRequiresSsl();
        if (doNotRequireSsl) {
            notes.add("the Default Web Site does not require SSL now; -DoNotRequireSsl keeps it that way.");
        }
        var local = options.servers().get(0);
        ExchangeCertificate original = null;
        for (var server : options.servers()) {
            var certificates = shell.certificates(server);
            installed.addAll(certificates);
            var found = certificates.stream().filter(known -> known.thumbprint().equals(thumbprint)).findFirst();
            ExchangeCertificate deployed;
            if (found.isPresent()) {
                deployed = found.get();
            } else if (original != null) {
                // Refused here, not found out half way through: Export-ExchangeCertificate fails on a key
                // that is not exportable, and exacme imports keys that way unless asked.
                if (!original.privateKeyExportable()) {
                    throw new DeployRefused("copying " + thumbprint + " from " + local + " to " + server + " goes"
                            + " through Export-ExchangeCertificate, which needs an exportable private key, and"
                            + " Get-ExchangeCertificate -Server " + local + " reports PrivateKeyExportable False."
                            + " Import it exportable (--store windows --exportable; for a managed certificate"
                            + " 'exacme edit NAME --exportable', then 'exacme renew NAME --force'), or install it on "
                            + server + " yourself, then deploy again.");
                }
                // Exchange's own management plane carries it to the other servers.
                steps.add(new DeployStep.Copy(thumbprint, local, server));
                notes.add("copied to " + server + " with Export-ExchangeCertificate and Import-ExchangeCertificate;"
                        + " its private key is exportable there too.");
                deployed = original;
            } else {
                throw new DeployRefused("Get-ExchangeCertificate -Server " + server + " does not list " + thumbprint
                        + ": install it on " + local + " first (exacme issue --store windows); exacme copies it to"
                        + " the other servers.");
            }
            if (original == null) {
                original = deployed;
            }
            if (!deployed.valid()) {
                throw new DeployRefused("Exchange reports " + thumbprint + " on " + server + " as " + deployed.status()
                        + (deployed.status().equalsIgnoreCase("RevocationCheckFailure")
                        ? ": the server cannot reach the CA's revocation lists (check its proxy and firewall)."
                        : ": the chain must be complete and trusted on that server (intermediates in"
                        + " LocalMachine\\CA, root in LocalMachine\\Root)."));
            }
            domains = deployed.domains();
            var holders = new ArrayList<DeployStep.Holder>();
            for (var known : certificates) {
                var taken = EnumSet.noneOf(ExchangeService.class);
                known.services().stream().filter(options.services()::contains).forEach(taken::add);
                if (!known.thumbprint().equals(thumbprint) && !taken.isEmpty()) {
                    holders.add(new DeployStep.Holder(known.thumbprint(), taken));
                    previous.add(known);
                }
            }
            var defaultSmtp = options.services().contains(ExchangeService.SMTP)
                    ? shell.defaultSmtpCertificate(server).filter(current -> !current.equals(thumbprint))
                    : Optional.<Thumbprint>empty();
            steps.add(new DeployStep.Enable(server, thumbprint, options.services(), doNotRequireSsl, holders,
                    defaultSmtp));
            if (options.services().contains(ExchangeService.SMTP)) {
                if (defaultSmtp.isPresent() && !options.replaceDefaultSmtp()) {
                    steps.add(new DeployStep.KeepDefaultSmtp(server, defaultSmtp.get()));
                } else if (defaultSmtp.isPresent()) {
                    notes.add("the new certificate becomes the default SMTP certificate of " + server
                            + " (--replace-default-smtp); hybrid mail flow may rely on the previous one.");
                }
            }
            mailProtocols(shell, server, options, deployed.domains(), steps, notes);
        }
        var superseded = superseded(installed, previous, thumbprint, domains);
        rebinds(shell, options, thumbprint, superseded, domains, steps, notes);
        severalServers(options, steps, notes);
        renames(shell, certificate, installed, thumbprint, superseded, options, steps, notes);
        return new DeployPlan(thumbprint, steps, notes, endpoints(options, domains));
    }

    /**
     * IMAP and POP choose their certificate by {@code X509CertificateName} and read it when
     * their services start: the name is set to one the certificate covers, and the services
     * restart only with the person's consent.
     */
    private static void mailProtocols(ExchangeShell shell, String server, DeployOptions options, List<String> domains,
                                      List<Change<? super ExchangeShell>> steps, List<String> notes) throws PowerShellFailure {
        for (var protocol : MailProtocol.values()) {
            if (!options.services().contains(protocol.service())) {
                continue;
            }
            var current = shell.certificateName(server, protocol);
            if (current.isEmpty() || !covers(domains, current.get())) {
                var name = domains.stream().filter(domain -> !domain.startsWith("*.")).findFirst()
                        .orElse(domains.get(0).substring(2));
                steps.add(new DeployStep.CertificateName(server, protocol, current, name));
            }
            if (options.restartServices()) {
                steps.add(new DeployStep.Restart(server, protocol));
            } else {
                notes.add(protocol + " on " + server + " presents the new certificate only after "
                        + String.join(" and ", protocol.windowsServices()) + " restart (--restart-services does it);"
                        + " port " + protocol.tlsPort() + " is not checked until then.");
            }
        }
    }

    /** Whether a certificate for {@code domains} covers {@code name} (exactly, or by a wildcard for one label). */
    static boolean covers(List<String> domains, String name) {
        return new CertificateNames(domains).covers(name);
    }

    /**
     * The certificates the new one replaces: those that held a chosen service, and those not
     * self-signed that cover one of its names. Exchange's self-signed certificates are never
     * superseded: the Back End site, internal transport and Auth rely on them.
     */
    private static Set<Thumbprint> superseded(List<ExchangeCertificate> installed, Set<ExchangeCertificate> previous,
                                              Thumbprint thumbprint, List<String> domains) {
        var superseded = new HashSet<Thumbprint>();
        for (var known : installed) {
            if (known.thumbprint().equals(thumbprint) || known.selfSigned()) {
                continue;
            }
            var sharesName = known.domains().stream().anyMatch(name -> domains.stream().anyMatch(name::equalsIgnoreCase));
            if (previous.contains(known) || sharesName) {
                superseded.add(known.thumbprint());
            }
        }
        return superseded;
    }

    private static void rebinds(ExchangeShell shell, DeployOptions options, Thumbprint thumbprint,
                                Set<Thumbprint> superseded, List<String> domains, List<Change<? super ExchangeShell>> steps,
                                List<String> notes) throws PowerShellFailure, DeployRefused {
        var exchangeBindsDefault = options.services().contains(ExchangeService.IIS);
        var seen = new HashSet<String>();
        var bindings = shell.webBindings();
        if (options.sniSite().isPresent()) {
            sniBindings(options.sniSite().get(), new NewBindings(bindings, shell.sslBindings()), bindings, thumbprint,
                    domains, seen, steps, notes);
        }
        for (var binding : bindings) {
            var current = binding.certificate();
            if (current.isEmpty() || current.get().equals(thumbprint) || !seen.add(binding.sslBinding())) {
                continue;
            }
            if (binding.backEnd()) {
                if (options.includeBackEnd()) {
                    steps.add(new BindingChange.Rebind(binding, current.get(), thumbprint));
                } else {
                    notes.add("the Exchange Back End site keeps " + current.get() + " (Microsoft's advice;"
                            + " --include-backend changes it).");
                }
                continue;
            }
            var defaultSite = binding.site().equalsIgnoreCase("Default Web Site") && binding.sslBinding()
                    .equals("0.0.0.0!" + binding.port()) && binding.port() == 443;
            if (exchangeBindsDefault && defaultSite) {
                continue;
            }
            if (superseded.contains(current.get())) {
                steps.add(new BindingChange.Rebind(binding, current.get(), thumbprint));
            }
        }
    }

    /**
     * An SNI binding on {@code site} for every name of the certificate: created, or moved when it
     * exists. Created only as IIS's own plan creates one ({@link NewBindings}): never over an SSL
     * binding another site's binding or another program holds, which the creation would take over
     * and the undo delete.
     *
     * @throws DeployRefused naming every binding that cannot be created
     */
    private static void sniBindings(String site, NewBindings created, List<WebBinding> bindings, Thumbprint thumbprint,
                                    List<String> domains, Set<String> seen, List<Change<? super ExchangeShell>> steps,
                                    List<String> notes) throws DeployRefused {
        var refusals = new ArrayList<String>();
        for (var name : domains) {
            if (name.startsWith("*.")) {
                notes.add("no SNI binding for " + name + ": IIS binds host names, not wildcards.");
                continue;
            }
            var wanted = new WebBinding(site, "*", 443, name.toLowerCase(Locale.ROOT), Optional.empty(), true);
            var existing = bindings.stream().filter(known -> known.sni() && known.port() == 443
                    && known.site().equalsIgnoreCase(site) && known.host().equalsIgnoreCase(name)).findFirst();
            if (existing.isEmpty()) {
                var conflict = created.claim(wanted, "an SNI binding https " + wanted.bindingInformation());
                if (conflict.isPresent()) {
                    refusals.add(conflict.get().reason() + switch (conflict.get().kind()) {
                        case HELD_BY_A_SITE -> " Name that site with --sni-site instead, or remove its binding.";
                        case PLANNED_TWICE -> " Name it once.";
                        case NOT_IIS -> " Remove it (netsh http delete sslcert) if nothing needs it, or deploy"
                                + " without --sni-site.";
                    });
                    continue;
                }
                steps.add(new BindingChange.CreateBinding(wanted, thumbprint));
                seen.add(wanted.sslBinding());
            } else if (existing.get().certificate().isPresent()
                    && !existing.get().certificate().get().equals(thumbprint) && seen.add(existing.get().sslBinding())) {
                steps.add(new BindingChange.Rebind(existing.get(), existing.get().certificate().get(), thumbprint));
            }
        }
        if (!refusals.isEmpty()) {
            throw new DeployRefused(String.join(" ", refusals));
        }
    }

    /**
     * With more than one server, IIS's part is refused rather than done on this computer only:
     * the IIS scripts read and change the bindings of the computer exacme runs on, while the wire
     * check connects to port 443 of every server, so a binding moved here and not there would
     * fail the check and roll everything back. Remoting those scripts to each server would lift
     * this; until then only what {@code Enable-ExchangeCertificate -Server} does on each server is
     * done there.
     */
    private static void severalServers(DeployOptions options, List<Change<? super ExchangeShell>> steps,
                                       List<String> notes) throws DeployRefused {
        if (options.servers().size() < 2) {
            return;
        }
        var moves = steps.stream().filter(step -> step instanceof BindingChange).map(Change::describe).toList();
        var servers = String.join(", ", options.servers());
        if (!moves.isEmpty()) {
            throw new DeployRefused("with several Exchange servers (" + servers + ") exacme reads and changes IIS"
                    + " bindings only on the computer exacme runs on, but checks port 443 on every server, so these"
                    + " changes would be made here and missed on the others: " + String.join("; ", moves)
                    + ". Deploy to one server at a time (run exacme on each server with --exchange-server naming"
                    + " only that one), or move those bindings first; nothing was changed.");
        }
        if (options.services().contains(ExchangeService.IIS)) {
            notes.add("on " + servers + " IIS changes only as Enable-ExchangeCertificate -Services IIS changes it"
                    + " (the Default Web Site's binding); other IIS bindings were read on this computer only, and"
                    + " one on another server that serves a previous certificate for one of its names fails the"
                    + " check on the wire, which restores everything.");
        }
    }

    /**
     * Every connector (and the hybrid configuration) whose {@code TlsCertificateName} named a
     * certificate the new one supersedes is renamed, unless the new one has no subject common
     * name and the person did not allow that ({@link DeployOptions#connectorsWithoutCn()}); then
     * why is noted. A connector that will name a certificate without clientAuth where the other
     * end may ask for a client certificate is noted too.
     */
    private static void renames(ExchangeShell shell, X509Certificate certificate, List<ExchangeCertificate> installed,
                                Thumbprint thumbprint, Set<Thumbprint> superseded, DeployOptions options,
                                List<Change<? super ExchangeShell>> steps, List<String> notes) throws PowerShellFailure {
        var offered = new ConnectorCertificate(certificate);
        var name = offered.name();
        var withoutCn = !offered.hasCommonName();
        var replaced = installed.stream().filter(known -> superseded.contains(known.thumbprint())).toList();
        var held = new ArrayList<String>();
        var renamed = new ArrayList<String>();
        var using = new ArrayList<Connector>();
        for (var connector : shell.connectors()) {
            if (connector.certificate().isEmpty()) {
                continue;
            }
            var current = connector.certificate().get();
            if (current.names(name.issuer(), name.subject())) {
                using.add(connector);
                continue;
            }
            var old = replaced.stream().filter(known -> current.names(known.issuer(), known.subject())).findFirst();
            if (old.isEmpty()) {
                continue;
            }
            if (withoutCn && !options.connectorsWithoutCn()) {
                held.add(describe(connector) + " (keeps " + old.get().thumbprint() + ", valid until "
                        + old.get().notAfter() + ")");
                continue;
            }
            steps.add(new DeployStep.Rename(connector, current, name));
            renamed.add(describe(connector));
            using.add(connector);
        }
        if (!held.isEmpty()) {
            notes.add("not renamed: " + String.join("; ", held) + ". The new certificate has no subject common name"
                    + " (ACME profiles such as tlsserver and shortlived issue it so): its TlsCertificateName " + name
                    + " ends in an empty subject, which names every such certificate of that issuer, and whether"
                    + " Exchange transport still selects a certificate by it is unknown. The previous certificate"
                    + " stays installed while they name it; order with --profile classic for a certificate with a"
                    + " common name, or allow it with --connectors-without-cn.");
        }
        if (withoutCn && !renamed.isEmpty()) {
            notes.add("renamed although the new certificate has no subject common name (--connectors-without-cn): "
                    + String.join("; ", renamed) + " now name " + name + ", which every certificate of that issuer"
                    + " with an empty subject matches; Exchange takes the longest-lived of them.");
        }
        if (!offered.allowsClientAuth()) {
            for (var connector : using) {
                if (asksForClientCertificate(connector)) {
                    notes.add("warning: " + describe(connector) + " (" + (connector.kind() == Connector.Kind.HYBRID
                            ? "mail flow with Exchange Online" : connector.tls().describe()) + ") presents " + thumbprint
                            + " as its TLS client certificate, which lacks the clientAuth extended key usage (Let's"
                            + " Encrypt dropped it in February 2026): a partner or Exchange Online that authenticates"
                            + " this organisation by its certificate may refuse the connection. Check mail flow"
                            + " through it after the deployment.");
                }
            }
        }
        // Exchange takes the longest-lived of the certificates a name matches.
        var newNotAfter = certificate.getNotAfter().toInstant();
        installed.stream().filter(known -> !known.thumbprint().equals(thumbprint))
                .filter(known -> name.names(known.issuer(), known.subject()) && known.notAfter().isAfter(newNotAfter))
                .map(ExchangeCertificate::thumbprint).distinct()
                .forEach(other -> notes.add("certificate " + other + " has the same issuer and subject and expires"
                        + " later: connectors naming " + name + " would use it, not the new one. Remove it."));
    }

    /**
     * Whether the other end of {@code connector} may authenticate this organisation by the
     * certificate it names. Only outgoing mail makes Exchange a TLS client: a Send connector that
     * requires TLS or Domain Security (mutual TLS), or the hybrid one to Exchange Online (whose
     * inbound connector checks the sender's certificate). A Receive connector presents the
     * certificate as a server, where clientAuth plays no part.
     */
    private static boolean asksForClientCertificate(Connector connector) {
        return switch (connector.kind()) {
            case HYBRID -> true;
            case SEND -> connector.tls().requireTls() || connector.tls().domainSecure() || connector.tls().cloudServices();
            case RECEIVE -> false;
        };
    }

    private static String describe(Connector connector) {
        return connector.kind() == Connector.Kind.HYBRID ? "the hybrid configuration"
                : connector.kind().label().toLowerCase(Locale.ROOT) + " connector '" + connector.identity() + "'";
    }

    /** Every port of every server, with and without SNI for IIS, that must present the new certificate. */
    static List<Endpoint> endpoints(DeployOptions options, List<String> domains) {
        var endpoints = new ArrayList<Endpoint>();
        for (var server : options.servers()) {
            if (options.services().contains(ExchangeService.IIS)) {
                endpoints.add(Endpoint.withoutSni(server, 443, Protocol.TLS));
                domains.stream().filter(name -> !name.startsWith("*.")).map(name -> name.toLowerCase(Locale.ROOT))
                        .distinct().forEach(name -> endpoints.add(Endpoint.withSni(server, 443, Protocol.TLS, name)));
            }
            if (options.services().contains(ExchangeService.SMTP)) {
                endpoints.add(Endpoint.withoutSni(server, 25, Protocol.SMTP_STARTTLS));
                endpoints.add(Endpoint.withoutSni(server, 587, Protocol.SMTP_STARTTLS));
            }
            for (var protocol : MailProtocol.values()) {
                if (options.services().contains(protocol.service()) && options.restartServices()) {
                    endpoints.add(Endpoint.withoutSni(server, protocol.tlsPort(), Protocol.TLS));
                }
            }
        }
        return endpoints;
    }
}
