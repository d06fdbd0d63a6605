package dev.exacme.exchange.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.exchange.powershell.PowerShellJson;
import java.util.Optional;

/**
 * A Send or Receive connector, or the hybrid configuration, and the certificate it names for
 * STARTTLS.
 *
 * @param kind        send, receive or hybrid
 * @param identity    its identity ({@code Outbound to Office 365}, {@code EX01\Default Frontend EX01})
 * @param certificate its {@code TlsCertificateName}, empty when it lets Exchange choose
 * @param tls         what it demands of TLS
 */
public record Connector(Kind kind, String identity, Optional<TlsCertificateName> certificate, TlsSettings tls) {

    /** A connector that demands nothing of TLS beyond its certificate name. */
    public Connector(Kind kind, String identity, Optional<TlsCertificateName> certificate) {
        this(kind, identity, certificate, TlsSettings.NONE);
    }

    /**
     * What a connector demands of TLS, as {@code Get-SendConnector} and {@code Get-ReceiveConnector}
     * report it; the hybrid configuration has none of these (false, empty).
     *
     * @param requireTls       {@code RequireTLS}: no mail without TLS
     * @param domainSecure     {@code DomainSecureEnabled}: Domain Security, mutual TLS with the partner domains
     *                         of the transport configuration's TLS domain lists
     * @param cloudServices    {@code CloudServicesMailEnabled} (Send connectors): the hybrid connector to
     *                         Exchange Online, whose inbound connector recognises this organisation by the
     *                         certificate it presents
     * @param tlsAuthLevel     {@code TlsAuthLevel} (Send connectors): how the remote certificate is checked
     *                         ({@code EncryptionOnly}, {@code CertificateValidation}, {@code DomainValidation}), empty
     *                         when not set
     */
    public record TlsSettings(boolean requireTls, boolean domainSecure, boolean cloudServices, String tlsAuthLevel) {

        /** Nothing demanded. */
        public static final TlsSettings NONE = new TlsSettings(false, false, false, "");

        /** Never null. */
        public TlsSettings {
            tlsAuthLevel = tlsAuthLevel == null ? "" : tlsAuthLevel;
        }

        /** The settings in the words of the cmdlets, for plan notes: {@code RequireTLS, DomainSecureEnabled}. */
        public String describe() {
            var words = new java.util.ArrayList<String>();
            if (requireTls) {
                words.add("RequireTLS");
            }
            if (domainSecure) {
                words.add("DomainSecureEnabled");
            }
            if (cloudServices) {
                words.add("CloudServicesMailEnabled");
            }
            if (!tlsAuthLevel.isEmpty()) {
                words.add("TlsAuthLevel " + tlsAuthLevel);
            }
            return String.join(", ", words);
        }
    }

    /** Which kind, and the cmdlet that changes it. */
    public enum Kind {
        /** {@code Get-SendConnector}. */
        SEND("Send", "Set-SendConnector"),
        /** {@code Get-ReceiveConnector}. */
        RECEIVE("Receive", "Set-ReceiveConnector"),
        /** {@code Get-HybridConfiguration}: its certificate name is used for mail flow with Exchange Online. */
        HYBRID("Hybrid", "Set-HybridConfiguration");

        private final String label;
        private final String setter;

        Kind(String label, String setter) {
            this.label = label;
            this.setter = setter;
        }

        /** The label the connector query writes into its JSON. */
        public String label() {
            return label;
        }

        /** The cmdlet that sets its {@code TlsCertificateName}. */
        public String setter() {
            return setter;
        }

        /** The kind of a label. */
        public static Kind ofLabel(String label) {
            for (var kind : values()) {
                if (kind.label.equals(label)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("not a connector kind: " + label);
        }
    }

    /** Reads one object of the JSON the connector queries produce. */
    public static Connector fromJson(Kind kind, JsonNode node) {
        return new Connector(kind, PowerShellJson.text(node, "Identity"),
                TlsCertificateName.parse(PowerShellJson.text(node, "TlsCertificateName")),
                new TlsSettings(node.path("RequireTLS").asBoolean(false), node.path("DomainSecureEnabled").asBoolean(false),
                        node.path("CloudServicesMailEnabled").asBoolean(false), PowerShellJson.text(node, "TlsAuthLevel")));
    }
}
