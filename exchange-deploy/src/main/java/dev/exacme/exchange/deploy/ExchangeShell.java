package dev.exacme.exchange.deploy;

import dev.exacme.exchange.certificates.ExchangeCertificate;
import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.certificates.MailProtocol;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.iis.IisShell;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.store.Thumbprint;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the deployment asks of Exchange and IIS, one method per cmdlet or short, fixed
 * script; IIS's part is the {@link IisShell} it extends. {@link PowerShellExchangeShell} runs
 * them in Windows PowerShell; the deployment's logic is tested through this interface on Linux.
 */
public interface ExchangeShell extends IisShell {

    /**
     * How the Exchange cmdlets are loaded, in words, which the plan says: the Exchange
     * Management Shell, the snap-in as a fallback (with why), or a remote session.
     */
    String exchangeShell() throws PowerShellFailure;

    /** The Exchange servers of the organisation ({@code Get-ExchangeServer}). */
    List<String> servers() throws PowerShellFailure;

    /**
     * Copies a certificate with its key from one server to another: {@code Export-ExchangeCertificate}
     * (which needs an exportable key) then {@code Import-ExchangeCertificate -Server}, under a
     * password made and used inside the script.
     */
    void copy(Thumbprint thumbprint, String fromServer, String toServer) throws PowerShellFailure;

    /** {@code Get-ExchangeCertificate -Server}. */
    List<ExchangeCertificate> certificates(String server) throws PowerShellFailure;

    /** The server's default (internal transport) SMTP certificate, from {@code Get-TransportService}. */
    Optional<Thumbprint> defaultSmtpCertificate(String server) throws PowerShellFailure;

    /** Whether the Default Web Site requires SSL now ({@code sslFlags} of {@code system.webServer/security/access}). */
    boolean defaultWebSiteRequiresSsl() throws PowerShellFailure;

    /**
     * {@code Enable-ExchangeCertificate -Force}: adds {@code services} to the certificate,
     * which makes it the default SMTP certificate when SMTP is among them (the prompt that
     * asks otherwise cannot be answered in a non-interactive run).
     */
    void enable(String server, Thumbprint thumbprint, Set<ExchangeService> services, boolean doNotRequireSsl)
            throws PowerShellFailure;

    /** The {@code X509CertificateName} of IMAP or POP settings on a server, empty when not set. */
    Optional<String> certificateName(String server, MailProtocol protocol) throws PowerShellFailure;

    /** Sets the {@code X509CertificateName} of IMAP or POP settings (empty: clears it). */
    void setCertificateName(String server, MailProtocol protocol, Optional<String> name) throws PowerShellFailure;

    /** Restarts the protocol's Windows services on a server, which then read their certificate anew. */
    void restart(String server, MailProtocol protocol) throws PowerShellFailure;

    /** Every Send and Receive connector with its {@code TlsCertificateName}. */
    List<Connector> connectors() throws PowerShellFailure;

    /** Sets a connector's {@code TlsCertificateName}. */
    void rename(Connector connector, TlsCertificateName name) throws PowerShellFailure;

    /** The certificate of the Exchange Auth configuration ({@code Get-AuthConfig}). */
    Optional<Thumbprint> authCertificate() throws PowerShellFailure;

    /**
     * {@code New-ExchangeCertificate}: a new self-signed certificate for the server's names,
     * enabled for IIS and SMTP, as Exchange setup creates it; returns its thumbprint.
     */
    Thumbprint newSelfSigned(String server, List<String> names) throws PowerShellFailure;

    /** {@code Remove-ExchangeCertificate -Server -Thumbprint -Confirm:$false}. */
    void remove(String server, Thumbprint thumbprint) throws PowerShellFailure;
}
