package dev.exacme.acme.network;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How exacme reaches the internet: through which proxy, except for which hosts, with which
 * timeouts, trusting which roots. Every outbound HTTP client of exacme (the ACME server, DNS
 * provider APIs, notifications) is built from one of these, so that a proxy configured once
 * applies everywhere. DNS itself (propagation checks, RFC 2136) never goes through it.
 *
 * @param proxy          the proxy, or empty for direct connections
 * @param noProxy        hosts reached directly anyway
 * @param connectTimeout limit for establishing a connection (to the proxy, or the server)
 * @param requestTimeout limit for one whole exchange: the request, the answer's headers and its
 *                       whole body
 * @param trust          roots trusted for TLS
 */
public record OutboundNetwork(Optional<ProxyServer> proxy, NoProxyList noProxy, Duration connectTimeout,
                              Duration requestTimeout, TrustedCertificates trust) {

    /** The JDK property listing authentication schemes refused for proxy tunnels. */
    public static final String TUNNELING_PROPERTY = "jdk.http.auth.tunneling.disabledSchemes";

    /** Connect timeout unless configured. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Request timeout unless configured. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The largest answer body any client of these reads: 1 MiB. The largest answers exacme
     * expects are an ACME certificate chain (a few KiB), an order for many names or a problem
     * document with a sub-problem per name (tens of KiB), and a DNS provider's page of zones
     * or records filtered by name (tens of KiB); 1 MiB leaves room for all of them, and
     * refuses a server that would fill the heap.
     */
    public static final long MAX_RESPONSE_BYTES = 1024 * 1024;

    /** Direct connections with the default timeouts. */
    public static OutboundNetwork direct(TrustedCertificates trust) {
        return new OutboundNetwork(Optional.empty(), NoProxyList.none(), DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT, trust);
    }

    /** Whether a request to {@code uri} goes through the proxy. */
    public boolean proxies(URI uri) {
        return proxy.isPresent() && uri.getHost() != null && !noProxy.bypasses(uri.getHost());
    }

    /**
     * A builder for an HTTP client that follows this configuration; callers add what is
     * specific to them (redirect policy, version) and build it. Every exchange of the client
     * ends within the request's timeout ({@link #requestTimeout()} when the request sets none),
     * body included, with a {@link ResponseDeadlineExceeded}; an answer larger than
     * {@link #MAX_RESPONSE_BYTES} ends with a {@link ResponseTooLarge}.
     */
    public HttpClient.Builder httpClient() {
        return httpClient(MAX_RESPONSE_BYTES);
    }

    /**
     * {@link #httpClient()} with another limit on answer bodies, for the one kind of download
     * that can be legitimately larger than {@link #MAX_RESPONSE_BYTES}: a CA's certificate
     * revocation list.
     */
    public HttpClient.Builder httpClient(long maxResponseBytes) {
        var builder = new BoundedHttpClient.Builder(HttpClient.newBuilder(), requestTimeout, maxResponseBytes)
                .connectTimeout(connectTimeout)
                .sslContext(trust.sslContext())
                .proxy(new Selector());
        proxy.flatMap(ProxyServer::credentials).ifPresent(credentials ->
                builder.authenticator(new ProxyOnlyAuthenticator(proxy.get(), credentials)));
        return builder;
    }

    /** Chooses the proxy per request, so that the no-proxy list applies to every URL. */
    private final class Selector extends ProxySelector {
        @Override
        public List<Proxy> select(URI uri) {
            if (!proxies(uri)) {
                return List.of(Proxy.NO_PROXY);
            }
            var server = proxy.get();
            return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(server.host(), server.port())));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            // The failure itself reaches the caller with its message; nothing to remember.
        }
    }

    /** Answers only the proxy's authentication challenge, never a server's. */
    private static final class ProxyOnlyAuthenticator extends Authenticator {
        private final ProxyServer server;
        private final ProxyCredentials credentials;

        ProxyOnlyAuthenticator(ProxyServer server, ProxyCredentials credentials) {
            this.server = server;
            this.credentials = credentials;
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            if (getRequestorType() != RequestorType.PROXY || !server.host().equalsIgnoreCase(getRequestingHost())
                    || server.port() != getRequestingPort()) {
                return null;
            }
            return new PasswordAuthentication(credentials.user(), credentials.password().toCharArray());
        }
    }
}
