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
 */
public record Connector(Kind kind, String identity, Optional<TlsCertificateName> certificate) {

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
                TlsCertificateName.parse(PowerShellJson.text(node, "TlsCertificateName")));
    }
}
