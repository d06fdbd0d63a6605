package dev.exacme.exchange.deploy;

import dev.exacme.exchange.certificates.ExchangeService;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the person asked the deployment to do.
 *
 * @param servers            the Exchange servers to enable the certificate on (the local one by default)
 * @param services           the services to enable (default IIS and SMTP)
 * @param replaceDefaultSmtp make the new certificate the default SMTP (internal transport) certificate;
 *                           by default the previous one stays, as Microsoft's hybrid guidance advises
 * @param includeBackEnd     also rebind the Exchange Back End site (port 444), which otherwise keeps
 *                           Exchange's self-signed certificate
 * @param restartServices    consent to restart the IMAP and POP services, without which they keep
 *                           presenting the previous certificate
 * @param sniSite            an IIS site to give an SNI https binding for each name of the certificate
 * @param connectorsWithoutCn let connectors and the hybrid configuration name a certificate without a
 *                           subject common name ({@code <I>issuer<S>} with nothing after it); by default
 *                           they keep naming the previous certificate
 */
public record DeployOptions(List<String> servers, Set<ExchangeService> services, boolean replaceDefaultSmtp,
                            boolean includeBackEnd, boolean restartServices, Optional<String> sniSite,
                            boolean connectorsWithoutCn) {

    /** Options that keep connectors away from a certificate without a subject common name. */
    public DeployOptions(List<String> servers, Set<ExchangeService> services, boolean replaceDefaultSmtp,
                         boolean includeBackEnd, boolean restartServices, Optional<String> sniSite) {
        this(servers, services, replaceDefaultSmtp, includeBackEnd, restartServices, sniSite, false);
    }

    /** Options without SNI bindings. */
    public DeployOptions(List<String> servers, Set<ExchangeService> services, boolean replaceDefaultSmtp,
                         boolean includeBackEnd, boolean restartServices) {
        this(servers, services, replaceDefaultSmtp, includeBackEnd, restartServices, Optional.empty());
    }

    /** The same options for other servers. */
    public DeployOptions withServers(List<String> replacement) {
        return new DeployOptions(replacement, services, replaceDefaultSmtp, includeBackEnd, restartServices, sniSite,
                connectorsWithoutCn);
    }

    /** Copies the collections and refuses an empty choice. */
    public DeployOptions {
        servers = List.copyOf(servers);
        services = services.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(services));
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no Exchange server to deploy to");
        }
        if (services.isEmpty()) {
            throw new IllegalArgumentException("no Exchange service to enable; choose from IIS, SMTP, IMAP, POP");
        }
    }

    /** IIS and SMTP on {@code server}, the default SMTP certificate kept, Back End untouched. */
    public static DeployOptions defaults(String server) {
        return new DeployOptions(List.of(server), EnumSet.of(ExchangeService.IIS, ExchangeService.SMTP), false, false,
                false);
    }
}
