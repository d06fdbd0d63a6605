package dev.exacme.exchange.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * One place where a certificate is served: the address to connect to, how TLS is reached
 * there and the server name to send in SNI.
 *
 * <p>Exchange and IIS can serve one certificate to clients that send SNI and another to
 * clients that do not (the {@code 0.0.0.0:443} binding), so both are separate endpoints.
 * The host is where to connect, which lets one check a single node behind a load balancer
 * with the public name as SNI.
 *
 * @param host       host name or IP literal to connect to
 * @param port       TCP port, 1 to 65535
 * @param protocol   implicit TLS or the STARTTLS dialogue to run first
 * @param serverName the SNI host name to send; empty to send no SNI at all
 */
public record Endpoint(String host, int port, Protocol protocol, Optional<String> serverName) {

    /** Checks the values. */
    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(serverName, "serverName (use Optional.empty() for no SNI)");
        if (host.isBlank()) {
            throw new IllegalArgumentException("an endpoint needs a host to connect to");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of " + host + " is not between 1 and 65535");
        }
        serverName.ifPresent(name -> {
            if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ')) {
                throw new IllegalArgumentException("'" + name + "' is not a host name to send as SNI");
            }
        });
    }

    /** An endpoint that sends {@code serverName} as SNI. */
    public static Endpoint withSni(String host, int port, Protocol protocol, String serverName) {
        return new Endpoint(host, port, protocol, Optional.of(serverName));
    }

    /** An endpoint reached without SNI, as old clients and IP-only bindings are. */
    public static Endpoint withoutSni(String host, int port, Protocol protocol) {
        return new Endpoint(host, port, protocol, Optional.empty());
    }

    /** For messages: {@code smtp+starttls://mail.example.com:25 (SNI mail.example.com)} or {@code ... (no SNI)}. */
    public String describe() {
        var address = host.contains(":") ? "[" + host + "]" : host;
        return protocol.scheme() + "://" + address + ":" + port + serverName.map(name -> " (SNI " + name + ")")
                .orElse(" (no SNI)");
    }

    @Override
    public String toString() {
        return describe();
    }
}
