package dev.exacme.acme.network;

import dev.exacme.acme.failure.InvalidRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP forward proxy that exacme tunnels its HTTPS connections through (CONNECT).
 *
 * @param host        the proxy's host name or address
 * @param port        its port
 * @param credentials basic-authentication credentials, when the proxy asks for them
 */
public record ProxyServer(String host, int port, Optional<ProxyCredentials> credentials) {

    /**
     * Parses {@code http://host:port}, {@code host:port} or, where credentials may come from
     * the same text (environment variables), {@code http://user:password@host:port}.
     *
     * @param source names where the text came from, for messages ("--proxy", "HTTPS_PROXY")
     * @throws InvalidRequest naming the source; never repeating a password
     */
    public static ProxyServer parse(String text, String source) throws InvalidRequest {
        var trimmed = text.trim();
        var withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new InvalidRequest(source + " is not a proxy URL like http://proxy.example.com:8080.");
        }
        var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new InvalidRequest(source + " uses '" + scheme + "://'; exacme speaks to proxies over plain http "
                    + "(http://host:port), through which it tunnels its TLS connections.");
        }
        if (uri.getHost() == null || uri.getPort() == -1) {
            throw new InvalidRequest(source + " needs a host and a port, like http://proxy.example.com:8080.");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65535) {
            throw new InvalidRequest(source + " names port " + uri.getPort() + "; a port is 1 to 65535.");
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new InvalidRequest(source + " has a path; give only http://host:port.");
        }
        Optional<ProxyCredentials> credentials = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            var parts = uri.getRawUserInfo().split(":", 2);
            credentials = Optional.of(new ProxyCredentials(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : ""));
        }
        return new ProxyServer(uri.getHost(), uri.getPort(), credentials);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The same proxy with these credentials. */
    public ProxyServer withCredentials(ProxyCredentials newCredentials) {
        return new ProxyServer(host, port, Optional.of(newCredentials));
    }

    /** {@code http://host:port}, and the user when there is one; never the password. */
    public String display() {
        var hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + hostPart + ":" + port
                + credentials.map(c -> " (user " + c.user() + ", password hidden)").orElse("");
    }

    @Override
    public String toString() {
        return display();
    }
}
