package dev.exacme.exchange.iis;

import java.util.List;

/**
 * What the person asked of IIS.
 *
 * @param sites the IIS sites to bind, as IIS Manager shows them
 * @param sni   one SNI binding per name of the certificate, instead of one binding for the address and port
 * @param port  the https port of those bindings
 */
public record IisOptions(List<String> sites, boolean sni, int port) {

    /** Copies the list and refuses an empty choice. */
    public IisOptions {
        sites = List.copyOf(sites);
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("no IIS site to bind");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }
}
