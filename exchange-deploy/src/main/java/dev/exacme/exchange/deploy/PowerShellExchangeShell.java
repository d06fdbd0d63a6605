package dev.exacme.exchange.deploy;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.certificates.MailProtocol;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.iis.PowerShellIisShell;
import dev.exacme.exchange.iis.WebBinding;
import dev.exacme.exchange.powershell.ExchangeSession;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.powershell.PowerShellJson;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.exchange.powershell.PowerShellScript;
import dev.exacme.store.Thumbprint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ExchangeShell} through Windows PowerShell 5.1: each method one short script of
 * Exchange and WebAdministration cmdlets whose output is selected into plain values (enum
 * names as text, lists as arrays) before it becomes JSON. The IIS bindings go through
 * {@link PowerShellIisShell}, the same scripts a plain IIS host runs. Not yet run on Windows.
 */
public final class PowerShellExchangeShell implements ExchangeShell {

    private final PowerShellRunner runner;
    /**
     * How the Exchange cmdlets load; on this computer not known until tried ({@link #local}), then
     * kept, so that every script of a deployment loads them the way its plan says.
     */
    private ExchangeSession session;
    /** IIS's part: its scripts need no Exchange session, so they run as they do for a plain IIS host. */
    private final PowerShellIisShell iis;

    /** A shell running scripts with {@code runner} in {@code session}. */
    public PowerShellExchangeShell(PowerShellRunner runner, ExchangeSession session) {
        this.runner = runner;
        this.session = session;
        this.iis = new PowerShellIisShell(runner);
    }

    /**
     * A shell for the Exchange of this computer: the Exchange Management Shell when it loads,
     * otherwise the snap-in, with the reason. Tried at the first script that needs Exchange.
     */
    public static PowerShellExchangeShell local(PowerShellRunner runner) {
        return new PowerShellExchangeShell(runner, null);
    }

    /** The session the scripts load, trying the Management Shell and then the snap-in the first time. */
    synchronized ExchangeSession session() throws PowerShellFailure {
        if (session == null) {
            session = choose();
        }
        return session;
    }

    private ExchangeSession choose() throws PowerShellFailure {
        var managementShell = new ExchangeSession.ManagementShell();
        try {
            runner.run(Scripts.probe(managementShell));
            return managementShell;
        } catch (PowerShellFailure failed) {
            var snapIn = new ExchangeSession.SnapIn(failed.getMessage());
            try {
                runner.run(Scripts.probe(snapIn));
            } catch (PowerShellFailure alsoFailed) {
                throw new PowerShellFailure(alsoFailed.kind(), "the Exchange cmdlets cannot be loaded: the Exchange"
                        + " Management Shell (RemoteExchange.ps1, Connect-ExchangeServer -auto) failed ("
                        + failed.getMessage() + "), and so did the snap-in (" + alsoFailed.getMessage() + "). Run"
                        + " exacme on an Exchange server or a computer with the Exchange management tools, or name a"
                        + " server's endpoint with --exchange-uri.");
            }
            return snapIn;
        }
    }

    /** The scripts, separate from running them so that tests can read them. */
    static final class Scripts {

        private final ExchangeSession session;

        Scripts(ExchangeSession session) {
            this.session = session;
        }

        private PowerShellScript.Builder exchange() {
            return PowerShellScript.builder().append(session.prelude());
        }

        private static PowerShellScript.Builder iis() {
            return PowerShellScript.builder().append(PowerShellIisShell.prelude());
        }

        /** Loads the cmdlets and fails unless they are there, since a failed connection need not stop the prelude. */
        static PowerShellScript probe(ExchangeSession session) {
            return PowerShellScript.builder().append(session.prelude())
                    .line("if (-not (Get-Command -Name 'Get-ExchangeCertificate' -ErrorAction SilentlyContinue)) {"
                            + " throw 'Get-ExchangeCertificate is not available after loading the Exchange cmdlets' }")
                    .build();
        }

        PowerShellScript servers() {
            return exchange().line("@(Get-ExchangeServer | ForEach-Object { \"$($_.Name)\" })").build();
        }

        PowerShellScript copy(Thumbprint thumbprint, String fromServer, String toServer) {
            return exchange()
                    // The password never leaves this process: made here, used here.
                    .line("$exacmePassword = ConvertTo-SecureString -String ([guid]::NewGuid().ToString()) -AsPlainText"
                            + " -Force")
                    .line("$exacmeExport = Export-ExchangeCertificate -Server {} -Thumbprint {} -BinaryEncoded"
                            + " -Password $exacmePassword", fromServer, thumbprint)
                    .line("Import-ExchangeCertificate -Server {} -FileData $exacmeExport.FileData -Password $exacmePassword"
                            + " | Out-Null", toServer)
                    .build();
        }

        /**
         * Services and Status as text: through a remote session they may arrive as deserialized
         * objects, which ConvertTo-Json writes as objects; their text is the names either way.
         */
        PowerShellScript certificates(String server) {
            return exchange()
                    .line("Get-ExchangeCertificate -Server {} | Select-Object Thumbprint,"
                            + " @{n='Services';e={\"$($_.Services)\"}}, @{n='Status';e={\"$($_.Status)\"}}, NotAfter, Subject, Issuer, IsSelfSigned, FriendlyName,"
                            + " @{n='CertificateDomains';e={@($_.CertificateDomains | ForEach-Object { \"$_\" })}},"
                            + " PrivateKeyExportable", server)
                    .build();
        }

        PowerShellScript defaultSmtpCertificate(String server) {
            return exchange().line("\"$((Get-TransportService -Identity {}).InternalTransportCertificateThumbprint)\"",
                    server).build();
        }

        PowerShellScript defaultWebSiteSslFlags() {
            return iis().line("\"$(Get-WebConfigurationProperty -PSPath 'IIS:\\' -Location 'Default Web Site'"
                    + " -Filter 'system.webServer/security/access' -Name sslFlags)\"").build();
        }

        PowerShellScript enable(String server, Thumbprint thumbprint, Set<ExchangeService> services,
                                boolean doNotRequireSsl) {
            return exchange().line("Enable-ExchangeCertificate -Server {} -Thumbprint {} -Services {} -Force"
                            + (doNotRequireSsl ? " -DoNotRequireSsl" : ""), server, thumbprint,
                    ExchangeService.argument(services)).build();
        }

        PowerShellScript certificateName(String server, MailProtocol protocol) {
            return exchange().line("\"$((Get-" + protocol.settings() + " -Server {}).X509CertificateName)\"", server)
                    .build();
        }

        PowerShellScript setCertificateName(String server, MailProtocol protocol, Optional<String> name) {
            if (name.isEmpty()) {
                return exchange().line("Set-" + protocol.settings() + " -Server {} -X509CertificateName $null", server)
                        .build();
            }
            return exchange().line("Set-" + protocol.settings() + " -Server {} -X509CertificateName {}", server,
                    name.get()).build();
        }

        PowerShellScript restart(String server, MailProtocol protocol) {
            return PowerShellScript.builder().line("Get-Service -ComputerName {} -Name {} | Restart-Service -Force",
                    server, protocol.windowsServices()).build();
        }

        PowerShellScript connectors() {
            // RequireTLS, DomainSecureEnabled, CloudServicesMailEnabled and TlsAuthLevel decide whether the
            // certificate serves as a TLS client certificate (clientAuth); the hybrid configuration and Receive
            // connectors lack some of them, which then come out false or empty. TlsAuthLevel is an enum, which
            // ConvertTo-Json in 5.1 would write as a number: its name is taken instead.
            var selection = " | Select-Object @{n='Kind';e={'%s'}}, @{n='Identity';e={\"$($_.Identity)\"}},"
                    + " @{n='TlsCertificateName';e={\"$($_.TlsCertificateName)\"}},"
                    + " @{n='RequireTLS';e={[bool]$_.RequireTLS}}, @{n='DomainSecureEnabled';e={[bool]$_.DomainSecureEnabled}},"
                    + " @{n='CloudServicesMailEnabled';e={[bool]$_.CloudServicesMailEnabled}},"
                    + " @{n='TlsAuthLevel';e={\"$($_.TlsAuthLevel)\"}})";
            return exchange()
                    .line("@(Get-SendConnector" + selection.formatted("Send") + " + @(Get-ReceiveConnector"
                            + selection.formatted("Receive") + " + @(Get-HybridConfiguration"
                            + selection.formatted("Hybrid"))
                    .build();
        }

        PowerShellScript rename(Connector connector, TlsCertificateName name) {
            if (connector.kind() == Connector.Kind.HYBRID) {
                return exchange().line("Set-HybridConfiguration -TlsCertificateName {}", name.toString()).build();
            }
            return exchange().line(connector.kind().setter() + " -Identity {} -TlsCertificateName {}",
                    connector.identity(), name.toString()).build();
        }

        PowerShellScript authCertificate() {
            return exchange().line("\"$((Get-AuthConfig).CurrentCertificateThumbprint)\"").build();
        }

        PowerShellScript newSelfSigned(String server, List<String> names) {
            return exchange().line("$exacmeNew = New-ExchangeCertificate -Server {} -KeySize 2048 -SubjectName {}"
                            + " -DomainName {} -Services 'IIS,SMTP' -PrivateKeyExportable $true -Force", server,
                    "cn=" + server, names)
                    .line("\"$($exacmeNew.Thumbprint)\"").build();
        }

        PowerShellScript remove(String server, Thumbprint thumbprint) {
            return exchange().line("Remove-ExchangeCertificate -Server {} -Thumbprint {} -Confirm:$false", server,
                    thumbprint).build();
        }
    }

    private Scripts scripts() throws PowerShellFailure {
        return new Scripts(session());
    }

    @Override
    public String exchangeShell() throws PowerShellFailure {
        return session().describe();
    }

    @Override
    public List<String> servers() throws PowerShellFailure {
        return PowerShellJson.strings(runner.run(scripts().servers()));
    }

    @Override
    public void copy(Thumbprint thumbprint, String fromServer, String toServer) throws PowerShellFailure {
        runner.run(scripts().copy(thumbprint, fromServer, toServer));
    }

    @Override
    public List<ExchangeCertificate> certificates(String server) throws PowerShellFailure {
        return PowerShellJson.list(runner.run(scripts().certificates(server))).stream()
                .map(ExchangeCertificate::fromJson).toList();
    }

    @Override
    public Optional<Thumbprint> defaultSmtpCertificate(String server) throws PowerShellFailure {
        return thumbprint(runner.run(scripts().defaultSmtpCertificate(server)).asText(""));
    }

    @Override
    public boolean defaultWebSiteRequiresSsl() throws PowerShellFailure {
        // sslFlags reads as "Ssl,SslNegotiateCert" or "None"; "Ssl" is the Require SSL box.
        var flags = runner.run(scripts().defaultWebSiteSslFlags()).asText("");
        return Arrays.stream(flags.split(",")).map(String::trim).anyMatch("Ssl"::equalsIgnoreCase);
    }

    @Override
    public void enable(String server, Thumbprint thumbprint, Set<ExchangeService> services, boolean doNotRequireSsl)
            throws PowerShellFailure {
        runner.run(scripts().enable(server, thumbprint, services, doNotRequireSsl));
    }

    @Override
    public Optional<String> certificateName(String server, MailProtocol protocol) throws PowerShellFailure {
        var name = runner.run(scripts().certificateName(server, protocol)).asText("");
        return name.isBlank() ? Optional.empty() : Optional.of(name);
    }

    @Override
    public void setCertificateName(String server, MailProtocol protocol, Optional<String> name)
            throws PowerShellFailure {
        runner.run(scripts().setCertificateName(server, protocol, name));
    }

    @Override
    public void restart(String server, MailProtocol protocol) throws PowerShellFailure {
        runner.run(scripts().restart(server, protocol));
    }

    @Override
    public List<String> sites() throws PowerShellFailure {
        return iis.sites();
    }

    @Override
    public List<WebBinding> webBindings() throws PowerShellFailure {
        return iis.webBindings();
    }

    @Override
    public List<String> sslBindings() throws PowerShellFailure {
        return iis.sslBindings();
    }

    @Override
    public void bind(WebBinding binding, Thumbprint thumbprint) throws PowerShellFailure {
        iis.bind(binding, thumbprint);
    }

    @Override
    public void create(WebBinding binding, Thumbprint thumbprint) throws PowerShellFailure {
        iis.create(binding, thumbprint);
    }

    @Override
    public void delete(WebBinding binding) throws PowerShellFailure {
        iis.delete(binding);
    }

    @Override
    public List<Connector> connectors() throws PowerShellFailure {
        var connectors = new ArrayList<Connector>();
        for (var node : PowerShellJson.list(runner.run(scripts().connectors()))) {
            connectors.add(Connector.fromJson(Connector.Kind.ofLabel(PowerShellJson.text(node, "Kind")), node));
        }
        return connectors;
    }

    @Override
    public void rename(Connector connector, TlsCertificateName name) throws PowerShellFailure {
        runner.run(scripts().rename(connector, name));
    }

    @Override
    public Optional<Thumbprint> authCertificate() throws PowerShellFailure {
        return thumbprint(runner.run(scripts().authCertificate()).asText(""));
    }

    @Override
    public Thumbprint newSelfSigned(String server, List<String> names) throws PowerShellFailure {
        var thumbprint = runner.run(scripts().newSelfSigned(server, names)).asText("");
        return thumbprint(thumbprint).orElseThrow(() -> new PowerShellFailure(PowerShellFailure.Kind.NO_RESULT,
                "New-ExchangeCertificate returned no thumbprint"));
    }

    @Override
    public void remove(String server, Thumbprint thumbprint) throws PowerShellFailure {
        runner.run(scripts().remove(server, thumbprint));
    }

    private static Optional<Thumbprint> thumbprint(String text) {
        return text.isBlank() ? Optional.empty() : Optional.of(Thumbprint.parse(text));
    }
}
