package dev.exacme.exchange.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.exchange.powershell.PowerShellJson;
import java.util.Optional;

/**
 * A Send or Receive connector and the certificate it names for STARTTLS.
 *
 * @param kind        send or receive
 * @param identity    its identity ({@code Outbound to Office 365}, {@code EX01\Default Frontend EX01})
 * @param certificate its {@code TlsCertificateName}, empty when it lets Exchange choose
 */
public record Connector(Kind kind, String identity, Optional<TlsCertificateName> certificate) {

    /** Send or receive. */
    public enum Kind {
        /** {@code Get-SendConnector}. */
        SEND,
        /** {@code Get-ReceiveConnector}. */
        RECEIVE
    }

    /** Reads one object of the JSON the connector queries produce. */
    public static Connector fromJson(Kind kind, JsonNode node) {
        return new Connector(kind, PowerShellJson.text(node, "Identity"),
                TlsCertificateName.parse(PowerShellJson.text(node, "TlsCertificateName")));
    }
}
