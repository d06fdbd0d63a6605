package dev.exacme.lifecycle.acme.dns.windows;

import dev.exacme.acme.dns.ChallengeRecord;
import dev.exacme.acme.dns.DnsProvider;
import dev.exacme.exchange.dnsserver.DnsServerShell;
import dev.exacme.exchange.dnsserver.DnsServerZone;
import dev.exacme.exchange.dnsserver.PowerShellDnsServer;
import dev.exacme.exchange.powershell.PowerShellFailure;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DNS-01 on Windows DNS Server, where many Exchange organisations keep their public or
 * split-brain zones (Active Directory integrated), through the {@code DnsServer} module as the
 * account exacme runs as: no secret. The zone is the longest of the server's own zones that
 * holds the name ({@code Get-DnsServerZone}, once per run), unless {@code --dns-zone} names it.
 * Clean-up removes exactly the values this run added: a value that was already there (the
 * server refuses a duplicate) is left as it was found. Not yet run on Windows.
 */
public final class WindowsDnsProvider implements DnsProvider {

    private final DnsServerShell shell;
    private final WindowsDnsSettings settings;
    /** What present() added, by record: the zone and name it went to. */
    private final Map<ChallengeRecord, Placement> added = new HashMap<>();
    private List<DnsServerZone> zones;

    /** Where one value went on the server. */
    private record Placement(String zone, String name) {
    }

    public WindowsDnsProvider(DnsServerShell shell, WindowsDnsSettings settings) {
        this.shell = shell;
        this.settings = settings;
    }

    @Override
    public String id() {
        return "windows";
    }

    @Override
    public void present(ChallengeRecord record) throws IOException {
        var zone = settings.zoneGiven() ? record.zoneName() : zoneOf(record.fqdn());
        var placement = new Placement(zone, relative(record.fqdn(), zone));
        try {
            if (shell.addTxt(placement.zone(), placement.name(), record.value(), settings.ttl())) {
                added.put(record, placement);
            }
        } catch (PowerShellFailure failure) {
            throw failed("add", record, zone, failure);
        }
    }

    @Override
    public void cleanUp(ChallengeRecord record) throws IOException {
        var placement = added.remove(record);
        if (placement == null) {
            return;
        }
        try {
            shell.removeTxt(placement.zone(), placement.name(), record.value());
        } catch (PowerShellFailure failure) {
            throw failed("remove", record, placement.zone(), failure);
        }
    }

    /** The longest primary zone of the server that holds {@code fqdn}. */
    private String zoneOf(String fqdn) throws IOException {
        if (zones == null) {
            try {
                // A server's own zones (0.in-addr.arpa, TrustAnchors) and reverse zones never hold a challenge.
                zones = shell.zones().stream().filter(zone -> !zone.autoCreated() && !zone.reverse()
                        && !"TrustAnchors".equalsIgnoreCase(zone.name())).toList();
            } catch (PowerShellFailure failure) {
                throw new IOException("windows: the zones of " + settings.describe() + " cannot be listed"
                        + " (Get-DnsServerZone): " + explain(failure, "list its zones"), failure);
            }
        }
        var holder = zones.stream().filter(zone -> zone.contains(fqdn))
                .max(Comparator.comparingInt(zone -> zone.name().length()));
        if (holder.isEmpty()) {
            throw new IOException("windows: " + settings.describe() + " holds no zone that contains " + fqdn
                    + " (its zones: " + (zones.isEmpty() ? "none" : String.join(", ",
                    zones.stream().map(DnsServerZone::name).toList())) + "). Name the server that holds it with"
                    + " --windows-dns-server, or the zone with --dns-zone.");
        }
        var zone = holder.get();
        if (!zone.writable()) {
            throw new IOException("windows: the zone " + zone.name() + " on " + settings.describe() + " is a "
                    + zone.type() + " zone, a copy that takes no new records. Name a server with a primary copy"
                    + " (an Active Directory integrated zone's domain controller) with --windows-dns-server.");
        }
        return zone.name();
    }

    /** {@code fqdn} inside {@code zone} as the cmdlets take it: {@code @} for the apex. */
    static String relative(String fqdn, String zone) {
        return fqdn.length() == zone.length() ? "@" : fqdn.substring(0, fqdn.length() - zone.length() - 1);
    }

    private IOException failed(String action, ChallengeRecord record, String zone, PowerShellFailure failure) {
        return new IOException("windows: " + settings.describe() + " did not " + action + " TXT " + record.name()
                + " in zone " + zone + ": " + explain(failure, "change the zone " + zone), failure);
    }

    private String explain(PowerShellFailure failure, String what) {
        if (failure.kind() == PowerShellFailure.Kind.TIMEOUT || failure.kind() == PowerShellFailure.Kind.NOT_STARTED) {
            return failure.getMessage() + ".";
        }
        if (failure.cmdlet().filter("Import-Module"::equalsIgnoreCase).isPresent()) {
            return "the DnsServer PowerShell module is not installed on this computer; install it with"
                    + " 'Install-WindowsFeature RSAT-DNS-Server' (Windows Server) or the RSAT DNS Server tools.";
        }
        var code = PowerShellDnsServer.win32(failure);
        var said = failure.getMessage() + " (" + failure.errorId() + ")";
        if (code.isEmpty()) {
            return said + ".";
        }
        return switch (code.getAsInt()) {
            case PowerShellDnsServer.ACCESS_DENIED -> said + ". The account exacme runs as may not " + what
                    + ": make it a member of DnsAdmins, or grant it the right to create and write records in the"
                    + " zone (its security in DNS Manager).";
            case PowerShellDnsServer.ZONE_DOES_NOT_EXIST -> said + ". The server has no such zone: check --dns-zone,"
                    + " or leave it out to use the server's zone that holds the name.";
            case PowerShellDnsServer.RPC_SERVER_UNAVAILABLE -> said + ". Check --windows-dns-server, and that the"
                    + " server's RPC ports are open from this computer.";
            default -> said + ".";
        };
    }
}
