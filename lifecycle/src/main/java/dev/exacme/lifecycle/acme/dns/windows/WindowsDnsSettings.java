package dev.exacme.lifecycle.acme.dns.windows;

import java.time.Duration;
import java.util.Optional;

/**
 * Where the {@code windows} provider writes.
 *
 * @param server    the DNS server ({@code -ComputerName}), empty for this computer's
 * @param zoneGiven {@code --dns-zone} named the zone, so it is used as it is instead of the
 *                  longest of the server's zones that holds the name
 * @param ttl       the TTL of the TXT records written
 */
public record WindowsDnsSettings(Optional<String> server, boolean zoneGiven, Duration ttl) {

    /** The server in words, for messages. */
    String describe() {
        return server.map(name -> "the DNS server " + name).orElse("this computer's DNS server");
    }
}
