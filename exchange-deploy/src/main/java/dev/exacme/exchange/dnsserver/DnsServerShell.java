package dev.exacme.exchange.dnsserver;

import dev.exacme.exchange.powershell.PowerShellFailure;
import java.time.Duration;
import java.util.List;

/**
 * What the {@code windows} DNS-01 provider asks of a Windows DNS server. Names inside a zone are
 * relative ({@code _acme-challenge.mail}, {@code @} for the apex), as the cmdlets take them.
 */
public interface DnsServerShell {

    /** The server's zones, as {@code Get-DnsServerZone} lists them. */
    List<DnsServerZone> zones() throws PowerShellFailure;

    /**
     * Adds one TXT value.
     *
     * @return {@code true} if it was added, {@code false} if that very value was already there
     *         (the server refuses a duplicate with {@code WIN32 9711})
     * @throws PowerShellFailure any other refusal, with the cmdlet's error
     */
    boolean addTxt(String zone, String name, String value, Duration ttl) throws PowerShellFailure;

    /**
     * Removes one TXT value, leaving the name's other values.
     *
     * @return {@code true} if it was removed, {@code false} if it was no longer there
     *         ({@code WIN32 9701} or {@code 9714})
     * @throws PowerShellFailure any other refusal, with the cmdlet's error
     */
    boolean removeTxt(String zone, String name, String value) throws PowerShellFailure;
}
