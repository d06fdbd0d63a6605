package dev.exacme.exchange.deploy;

import dev.exacme.exchange.certificates.ExchangeService;
import dev.exacme.exchange.certificates.MailProtocol;
import dev.exacme.exchange.connectors.Connector;
import dev.exacme.exchange.connectors.TlsCertificateName;
import dev.exacme.exchange.iis.BindingChange;
import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.rollout.Change;
import dev.exacme.store.Thumbprint;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One change the deployment makes to Exchange, with the change that takes it back. Every step
 * records what was there before it, so a failed verification can restore exactly that. The
 * IIS bindings an Exchange deployment moves or creates are {@link BindingChange}s, which need
 * only the IIS part of the shell.
 */
public sealed interface DeployStep extends Change<ExchangeShell> {

    /**
     * Copies the certificate and its key to another server of the organisation; undone by
     * removing it there.
     */
    record Copy(Thumbprint thumbprint, String fromServer, String toServer) implements DeployStep {

        @Override
        public String describe() {
            return "Export-ExchangeCertificate -Server " + fromServer + " | Import-ExchangeCertificate -Server "
                    + toServer + " (" + thumbprint + "; needs an exportable key)";
        }

        @Override
        public void apply(ExchangeShell shell) throws PowerShellFailure {
            shell.copy(thumbprint, fromServer, toServer);
        }

        @Override
        public void undo(ExchangeShell shell) throws PowerShellFailure {
            shell.remove(toServer, thumbprint);
        }
    }

    /**
     * Sets the name IMAP or POP choose their certificate by; undone by the previous name.
     *
     * @param from the name before, empty if none was set
     */
    record CertificateName(String server, MailProtocol protocol, Optional<String> from, String to)
            implements DeployStep {

        @Override
        public String describe() {
            return "Set-" + protocol.settings() + " -Server " + server + " -X509CertificateName " + to + " (was "
                    + from.orElse("not set") + ")";
        }

        @Override
        public void apply(ExchangeShell shell) throws PowerShellFailure {
            shell.setCertificateName(server, protocol, Optional.of(to));
        }

        @Override
        public void undo(ExchangeShell shell) throws PowerShellFailure {
            shell.setCertificateName(server, protocol, from);
        }
    }

    /** Restarts the IMAP or POP services, with the person's consent; undone by restarting once everything is restored. */
    record Restart(String server, MailProtocol protocol) implements DeployStep {

        @Override
        public String describe() {
            return "restart " + String.join(" and ", protocol.windowsServices()) + " on " + server;
        }

        @Override
        public void apply(ExchangeShell shell) throws PowerShellFailure {
            shell.restart(server, protocol);
        }

        @Override
        public void undo(ExchangeShell shell) throws PowerShellFailure {
            shell.restart(server, protocol);
        }

        @Override
        public boolean undoLast() {
            return true;
        }
    }

    /**
     * A certificate that held some of the services before, and which of them.
     *
     * @param thumbprint the certificate
     * @param services   the services it held that the new certificate takes over
     */
    record Holder(Thumbprint thumbprint, Set<ExchangeService> services) {
    }

    /**
     * {@code Enable-ExchangeCertificate} for the new certificate; undone by enabling the
     * previous holders again for the services they had, and then the previous default SMTP
     * certificate last, since every SMTP enable with {@code -Force} makes its certificate the default.
     */
    record Enable(String server, Thumbprint thumbprint, Set<ExchangeService> services, boolean doNotRequireSsl,
                  List<Holder> previous, Optional<Thumbprint> previousDefaultSmtp) implements DeployStep {

        @Override
        public String describe() {
            return "Enable-ExchangeCertificate -Server " + server + " -Thumbprint " + thumbprint + " -Services "
                    + ExchangeService.argument(services) + " -Force" + (doNotRequireSsl ? " -DoNotRequireSsl" : "")
                    + (previous.isEmpty() ? "" : " (taking over from " + previous.stream()
                    .map(holder -> holder.thumbprint() + " " + ExchangeService.argument(holder.services()))
                    .toList() + ")");
        }

        @Override
        public void apply(ExchangeShell shell) throws PowerShellFailure {
            shell.enable(server, thumbprint, services, doNotRequireSsl);
        }

        @Override
        public void undo(ExchangeShell shell) throws PowerShellFailure {
            for (var holder : previous) {
                shell.enable(server, holder.thumbprint(), holder.services(), doNotRequireSsl);
            }
            if (services.contains(ExchangeService.SMTP) && previousDefaultSmtp.isPresent()) {
                shell.enable(server, previousDefaultSmtp.get(), Set.of(ExchangeService.SMTP), false);
            }
        }
    }

    /**
     * Makes the previous default SMTP certificate the default again after the new one took
     * that role: {@code Enable-ExchangeCertificate -Services SMTP -Force} cannot be told
     * "keep the default" without a prompt, so the old default is re-enabled for SMTP instead.
     */
    record KeepDefaultSmtp(String server, Thumbprint previousDefault) implements DeployStep {

        @Override
        public String describe() {
            return "keep " + previousDefault + " as the default SMTP (internal transport) certificate of " + server
                    + ": Enable-ExchangeCertificate -Thumbprint " + previousDefault + " -Services SMTP -Force"
                    + " (its overwrite prompt cannot be answered \"no\" in a non-interactive run)";
        }

        @Override
        public void apply(ExchangeShell shell) throws PowerShellFailure {
            shell.enable(server, previousDefault, Set.of(ExchangeService.SMTP), false);
        }

        @Override
        public void undo(ExchangeShell shell) {
            // Nothing to take back: the previous default is what undoing Enable restores anyway.
        }
    }

    /** Points a connector's {@code TlsCertificateName} at the new certificate; undone by the old name. */
    record Rename(Connector connector, TlsCertificateName from, TlsCertificateName to) implements DeployStep {

        @Override
        public String describe() {
            return connector.kind().name().toLowerCase() + " connector '" + connector.identity()
                    + "' TlsCertificateName: " + from + " -> " + to;
        }

        @Override
        public void apply(ExchangeShell shell) throws PowerShellFailure {
            shell.rename(connector, to);
        }

        @Override
        public void undo(ExchangeShell shell) throws PowerShellFailure {
            shell.rename(connector, from);
        }
    }
}
