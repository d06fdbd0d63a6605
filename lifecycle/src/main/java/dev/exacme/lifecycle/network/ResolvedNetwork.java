package dev.exacme.lifecycle.network;

import dev.exacme.acme.network.OutboundNetwork;

/**
 * The network configuration in force and where it came from.
 *
 * @param network the configuration
 * @param source  which source supplied the proxy (or decided on none)
 * @param origin  the exact origin, e.g. the variable name or the file
 */
public record ResolvedNetwork(OutboundNetwork network, ProxySource source, String origin) {

    /** One line for failure messages about connections. */
    public String route() {
        return network.proxy().map(proxy -> "The connection went through the proxy " + proxy.display() + " (from "
                + origin + "); check it, or bypass it with --no-proxy HOST or --proxy direct.")
                .orElse("The connection was direct (no proxy configured: " + origin + ").");
    }
}
