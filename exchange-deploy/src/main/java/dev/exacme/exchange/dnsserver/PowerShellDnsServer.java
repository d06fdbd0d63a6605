package dev.exacme.exchange.dnsserver;

import dev.exacme.exchange.powershell.PowerShellFailure;
import dev.exacme.exchange.powershell.PowerShellJson;
import dev.exacme.exchange.powershell.PowerShellRunner;
import dev.exacme.exchange.powershell.PowerShellScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link DnsServerShell} through the {@code DnsServer} module's cmdlets ({@code Get-DnsServerZone},
 * {@code Add-DnsServerResourceRecord -Txt}, {@code Remove-DnsServerResourceRecord -RRType Txt
 * -RecordData}), on this computer's DNS server or, with {@code -ComputerName}, on a domain
 * controller's. They run as the account exacme runs as: no credential is ever passed. Each
 * method is one short script of typed values; the server's refusals come back as PowerShell's
 * error records, whose {@code WIN32 n} id says which. Not yet run on Windows.
 */
public final class PowerShellDnsServer implements DnsServerShell {

    /** DNS_ERROR_RECORD_ALREADY_EXISTS: the same value at the same name. */
    public static final int RECORD_ALREADY_EXISTS = 9711;
    /** DNS_ERROR_ZONE_DOES_NOT_EXIST. */
    public static final int ZONE_DOES_NOT_EXIST = 9601;
    /** DNS_ERROR_RECORD_DOES_NOT_EXIST and DNS_ERROR_NAME_DOES_NOT_EXIST: nothing to remove. */
    static final Set<Integer> NOTHING_TO_REMOVE = Set.of(9701, 9714);
    /** ERROR_ACCESS_DENIED. */
    public static final int ACCESS_DENIED = 5;
    /** RPC_S_SERVER_UNAVAILABLE: the named server does not answer. */
    public static final int RPC_SERVER_UNAVAILABLE = 1722;

    private static final Pattern WIN32 = Pattern.compile("^WIN32 (\\d+),");
    private static final long MAX_TTL = Integer.MAX_VALUE;

    private final PowerShellRunner runner;
    private final Optional<String> computerName;

    /**
     * @param computerName the DNS server ({@code -ComputerName}), empty for this computer's
     */
    public PowerShellDnsServer(PowerShellRunner runner, Optional<String> computerName) {
        this.runner = runner;
        this.computerName = computerName;
    }

    /** The Win32 code of a DnsServer cmdlet's error ({@code WIN32 9711,Add-DnsServerResourceRecord}), if it has one. */
    public static OptionalInt win32(PowerShellFailure failure) {
        var match = WIN32.matcher(failure.errorId());
        return match.find() ? OptionalInt.of(Integer.parseInt(match.group(1))) : OptionalInt.empty();
    }

    /** The scripts, separate from running them so that tests can read them. */
    static final class Scripts {

        private final Optional<String> computerName;

        Scripts(Optional<String> computerName) {
            this.computerName = computerName;
        }

        /** Loaded explicitly so that a missing module is reported as such, not as an unknown cmdlet. */
        private static PowerShellScript.Builder dnsServer() {
            return PowerShellScript.builder().line("Import-Module DnsServer");
        }

        /** {@code template} with {@code -ComputerName} appended when a server is named. */
        private PowerShellScript.Builder line(PowerShellScript.Builder builder, String template, Object... values) {
            if (computerName.isEmpty()) {
                return builder.line(template, values);
            }
            var all = new ArrayList<>(List.of(values));
            all.add(computerName.get());
            return builder.line(template + " -ComputerName {}", all.toArray());
        }

        PowerShellScript zones() {
            // Plain values only: what ConvertTo-Json makes of a CIM instance differs between versions.
            // One line: Windows PowerShell 5.1 does not continue a pipeline on a line starting with '|'.
            var zones = computerName.isEmpty() ? "Get-DnsServerZone" : "Get-DnsServerZone -ComputerName {}";
            var each = " | ForEach-Object { [pscustomobject]@{ ZoneName = \"$($_.ZoneName)\";"
                    + " ZoneType = \"$($_.ZoneType)\"; IsAutoCreated = [bool]$_.IsAutoCreated;"
                    + " IsReverseLookupZone = [bool]$_.IsReverseLookupZone; IsDsIntegrated = [bool]$_.IsDsIntegrated } })";
            return dnsServer().line("@(" + zones + each, computerName.stream().toArray()).build();
        }

        PowerShellScript addTxt(String zone, String name, String value, Duration ttl) {
            return line(dnsServer(), "Add-DnsServerResourceRecord -ZoneName {} -Name {} -Txt -DescriptiveText {}"
                    + " -TimeToLive (New-TimeSpan -Seconds {})", zone, name, value, seconds(ttl)).build();
        }

        PowerShellScript removeTxt(String zone, String name, String value) {
            // -RecordData names the one value: without it every TXT value of the name would go.
            return line(dnsServer(), "Remove-DnsServerResourceRecord -ZoneName {} -Name {} -RRType Txt -RecordData {}"
                    + " -Force", zone, name, value).build();
        }

        private static long seconds(Duration ttl) {
            var seconds = ttl.toSeconds();
            if (seconds < 1 || seconds > MAX_TTL) {
                throw new IllegalArgumentException("a TXT record's TTL must be 1 s to " + MAX_TTL + " s: " + ttl);
            }
            return seconds;
        }
    }

    private static void requireName(String what, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("a TXT record needs a " + what);
        }
    }

    @Override
    public List<DnsServerZone> zones() throws PowerShellFailure {
        return PowerShellJson.list(runner.run(new Scripts(computerName).zones())).stream()
                .map(DnsServerZone::fromJson).toList();
    }

    @Override
    public boolean addTxt(String zone, String name, String value, Duration ttl) throws PowerShellFailure {
        requireName("zone", zone);
        requireName("name", name);
        requireName("value", value);
        try {
            runner.run(new Scripts(computerName).addTxt(zone, name, value, ttl));
            return true;
        } catch (PowerShellFailure failure) {
            if (win32(failure).orElse(0) == RECORD_ALREADY_EXISTS) {
                return false;
            }
            throw failure;
        }
    }

    @Override
    public boolean removeTxt(String zone, String name, String value) throws PowerShellFailure {
        requireName("zone", zone);
        requireName("name", name);
        requireName("value", value);
        try {
            runner.run(new Scripts(computerName).removeTxt(zone, name, value));
            return true;
        } catch (PowerShellFailure failure) {
            if (NOTHING_TO_REMOVE.contains(win32(failure).orElse(0))) {
                return false;
            }
            throw failure;
        }
    }
}
