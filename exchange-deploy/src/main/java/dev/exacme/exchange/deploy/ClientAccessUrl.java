package dev.exacme.exchange.deploy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One client access URL of an Exchange server.
 *
 * @param source where it was found, e.g. {@code owa external}, {@code autodiscover}
 * @param url    the URL as Exchange has it
 */
public record ClientAccessUrl(String source, String url) {

    /** The URL's host name in lower case, empty when the URL has none. */
    public Optional<String> host() {
        try {
            var host = new URI(url.strip()).getHost();
            return host == null || host.isBlank() ? Optional.empty()
                    : Optional.of(host.toLowerCase(Locale.ROOT).replaceAll("\\.$", ""));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether this is an external URL, which clients outside the network use. */
    public boolean external() {
        return source.endsWith("external");
    }

    /**
     * The names to propose: the external hosts first, then the internal ones and Autodiscover's,
     * each once; then {@code autodiscover.DOMAIN} for each external host's parent domain, which
     * Outlook looks up by the mail address's domain whether or not Exchange names it, so a
     * certificate for Exchange normally covers it.
     */
    public static List<String> names(List<ClientAccessUrl> urls) {
        var hosts = new LinkedHashSet<String>();
        urls.stream().filter(ClientAccessUrl::external).forEach(url -> url.host().ifPresent(hosts::add));
        urls.stream().filter(url -> !url.external()).forEach(url -> url.host().ifPresent(hosts::add));
        var autodiscover = new ArrayList<String>();
        for (var url : urls) {
            if (url.external()) {
                url.host().map(host -> host.substring(host.indexOf('.') + 1))
                        .filter(parent -> parent.contains("."))
                        .ifPresent(parent -> autodiscover.add("autodiscover." + parent));
            }
        }
        hosts.addAll(autodiscover);
        return List.copyOf(hosts);
    }
}
