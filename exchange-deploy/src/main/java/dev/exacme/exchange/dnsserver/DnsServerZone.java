package dev.exacme.exchange.dnsserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.exacme.exchange.powershell.PowerShellJson;
import java.util.Locale;

/**
 * One zone as {@code Get-DnsServerZone} reports it.
 *
 * @param name        the zone's name, without trailing dot ({@code contoso.com})
 * @param type        {@code Primary}, {@code Secondary}, {@code Stub} or {@code Forwarder}
 * @param autoCreated a zone the server made itself ({@code 0.in-addr.arpa}, {@code TrustAnchors})
 * @param reverse     a reverse lookup zone
 * @param dsIntegrated stored in Active Directory
 */
public record DnsServerZone(String name, String type, boolean autoCreated, boolean reverse, boolean dsIntegrated) {

    /** Reads one element of the zones script's output. */
    static DnsServerZone fromJson(JsonNode node) {
        return new DnsServerZone(PowerShellJson.text(node, "ZoneName"), PowerShellJson.text(node, "ZoneType"),
                node.path("IsAutoCreated").asBoolean(false), node.path("IsReverseLookupZone").asBoolean(false),
                node.path("IsDsIntegrated").asBoolean(false));
    }

    /** Only a primary zone takes new records; secondaries and stubs are copies. */
    public boolean writable() {
        return "Primary".equalsIgnoreCase(type);
    }

    /** Whether {@code fqdn} (without trailing dot) is this zone's apex or inside it, case-insensitively. */
    public boolean contains(String fqdn) {
        var zone = name.toLowerCase(Locale.ROOT);
        var host = fqdn.toLowerCase(Locale.ROOT);
        return !zone.isEmpty() && (host.equals(zone) || host.endsWith("." + zone));
    }
}
