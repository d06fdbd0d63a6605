package dev.exacme.exchange.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.exchange.powershell.PowerShellJson;
import dev.exacme.store.Thumbprint;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A certificate as {@code Get-ExchangeCertificate} reports it.
 *
 * @param thumbprint   the thumbprint
 * @param services     the services it is enabled for
 * @param status       Exchange's verdict ({@code Valid}, {@code RevocationCheckFailure}, {@code Untrusted}...)
 * @param notAfter     expiry
 * @param subject      subject DN as Windows writes it
 * @param issuer       issuer DN as Windows writes it
 * @param selfSigned   whether it is self-signed (Exchange's own certificates are)
 * @param friendlyName the friendly name
 * @param domains      the names it covers
 * @param privateKeyExportable whether its private key may be exported ({@code PrivateKeyExportable}),
 *                     which {@code Export-ExchangeCertificate}, and so a copy to another server, needs
 */
public record ExchangeCertificate(Thumbprint thumbprint, Set<ExchangeService> services, String status,
                                  Instant notAfter, String subject, String issuer, boolean selfSigned,
                                  String friendlyName, List<String> domains, boolean privateKeyExportable) {

    /** Copies the collections. */
    public ExchangeCertificate {
        services = Set.copyOf(services);
        domains = List.copyOf(domains);
    }

    /** Reads one object of {@code Get-ExchangeCertificate}'s JSON. */
    public static ExchangeCertificate fromJson(JsonNode node) {
        var services = node.get("Services");
        return new ExchangeCertificate(Thumbprint.parse(PowerShellJson.text(node, "Thumbprint")),
                services == null || services.isNull() ? Set.of() : ExchangeService.parse(services.asText()),
                PowerShellJson.text(node, "Status"),
                PowerShellJson.date(node.get("NotAfter")).orElseThrow(() ->
                        new IllegalArgumentException("a certificate without NotAfter: " + node)),
                PowerShellJson.text(node, "Subject"), PowerShellJson.text(node, "Issuer"),
                node.path("IsSelfSigned").asBoolean(false), PowerShellJson.text(node, "FriendlyName"),
                PowerShellJson.strings(node.get("CertificateDomains")),
                // Absent or null (no private key, or a key Exchange cannot read) is not exportable.
                node.path("PrivateKeyExportable").asBoolean(false));
    }

    /** Whether Exchange finds the certificate usable (chain complete, dates valid). */
    public boolean valid() {
        return status.equalsIgnoreCase("Valid");
    }
}
