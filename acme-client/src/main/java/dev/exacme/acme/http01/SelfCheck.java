package dev.exacme.acme.http01;

import dev.exacme.acme.failure.InvalidRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Fetches {@code http://NAME/.well-known/acme-challenge/TOKEN} from this host the way the CA
 * will, before the CA is asked: port 80, following up to ten redirects to http or https on
 * the default ports, and compares the body. A CA counts every failed validation against its
 * limits (Let's Encrypt: five per hour per account and name), so a setup that cannot work
 * (IIS redirecting to /owa, Require SSL, the wrong site) is explained here instead.
 *
 * <p>Like the CA, it does not verify certificates after a redirect to https: it only reads a
 * public token and sends nothing secret. This is the one place in exacme that does so.
 */
public final class SelfCheck {

    /** Resolves host names; a seam so that tests can point names at loopback. */
    @FunctionalInterface
    public interface HostResolver {
        HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private static final int MAX_REDIRECTS = 10;
    private static final int MAX_BODY = 64 * 1024;

    private final HostResolver resolver;
    private final int httpPort;
    private final int httpsPort;
    private final Duration timeout;

    /**
     * @param httpPort  where the CA connects for http (80; tests use another)
     * @param httpsPort where it connects after a redirect to https (443)
     */
    public SelfCheck(HostResolver resolver, int httpPort, int httpsPort, Duration timeout) {
        this.resolver = resolver;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        this.timeout = timeout;
    }

    /** The check as the CA does it: system resolver, ports 80 and 443, 10 s per request. */
    public static SelfCheck likeTheCa() {
        return new SelfCheck(HostResolver.SYSTEM, 80, 443, Duration.ofSeconds(10));
    }

    /**
     * Checks one name's answer.
     *
     * @throws InvalidRequest explaining what was seen and what to change
     */
    public void check(String name, ChallengeToken token) throws InvalidRequest {
        var uri = URI.create("http://" + name + ChallengeToken.PATH_PREFIX + token.token());
        var seen = new ArrayList<String>();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            Response response;
            try {
                response = fetch(uri);
            } catch (IOException e) {
                throw refuse(name, uri, seen, "no answer (" + e.getMessage() + ")",
                        "Open port " + (uri.getScheme().equals("https") ? httpsPort : httpPort) + " to this server from "
                                + "the internet; if this host cannot reach itself by its public name (no NAT "
                                + "hairpin) but the CA can, use --skip-self-check.");
            }
            seen.add(uri + " -> HTTP " + response.status());
            if (response.status() == 200) {
                var body = response.body().trim();
                if (body.equals(token.keyAuthorization())) {
                    return;
                }
                throw refuse(name, uri, seen, "HTTP 200 with the wrong body ('" + abbreviate(body) + "')",
                        "Another site or web server answers for " + name + ": point --webroot at the site that serves "
                                + "http://" + name + "/, or stop the other server.");
            }
            if (response.status() >= 300 && response.status() < 400 && response.location() != null) {
                var next = uri.resolve(response.location());
                var scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw refuse(name, uri, seen, "a redirect to " + next, "The CA follows only http and https.");
                }
                if (next.getPath() != null && next.getPath().toLowerCase(Locale.ROOT).startsWith("/owa")) {
                    throw refuse(name, uri, seen, "a redirect to Outlook on the web (" + next + ")",
                            "IIS redirects the site to /owa: exclude /.well-known/acme-challenge from the HTTP "
                                    + "redirect (or use exacme's listener on another port, or DNS-01).");
                }
                uri = next;
                continue;
            }
            var hint = switch (response.status()) {
                case 401 -> "The folder requires authentication: allow anonymous access to /.well-known/acme-challenge.";
                case 403 -> "Access is forbidden, typically IIS 'Require SSL' or an IP restriction on the site: turn "
                        + "it off for /.well-known/acme-challenge.";
                case 404 -> "The token is not served: the web server's document root is not the --webroot given, "
                        + "or it does not serve extensionless files.";
                default -> "Make http://" + name + "/.well-known/acme-challenge/ serve the token files.";
            };
            throw refuse(name, uri, seen, "HTTP " + response.status(), hint);
        }
        throw refuse(name, uri, seen, "more than " + MAX_REDIRECTS + " redirects", "Remove the redirect loop.");
    }

    private InvalidRequest refuse(String name, URI uri, List<String> seen, String what, String hint) {
        return new InvalidRequest("Self-check for " + name + ": fetching " + uri + " gave " + what + ", so the CA would "
                + "fail to validate it. Nothing was sent to the CA for validation." + System.lineSeparator()
                + (!seen.isEmpty() ? "  path: " + String.join(" ; ", seen) + System.lineSeparator() : "")
                + "  " + hint + System.lineSeparator() + "  (--skip-self-check asks the CA anyway.)");
    }

    private record Response(int status, String location, String body) {
    }

    private Response fetch(URI uri) throws IOException {
        var https = "https".equalsIgnoreCase(uri.getScheme());
        var port = uri.getPort() != -1 ? uri.getPort() : https ? httpsPort : httpPort;
        IOException last = null;
        for (var address : resolver.resolve(uri.getHost())) {
            try (var plain = new Socket()) {
                plain.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
                plain.setSoTimeout((int) timeout.toMillis());
                var socket = https ? tls(plain, uri.getHost(), port) : plain;
                var path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                var request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nUser-Agent: exacme "
                        + "self-check\r\nAccept: */*\r\nConnection: close\r\n\r\n";
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                return parse(socket.getInputStream());
            } catch (IOException e) {
                last = new IOException(address.getHostAddress() + " port " + port + ": " + e.getMessage(), e);
            }
        }
        throw last != null ? last : new IOException(uri.getHost() + " has no address");
    }

    private Socket tls(Socket plain, String host, int port) throws IOException {
        try {
            var context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyCertificate()}, null);
            var socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
            socket.startHandshake();
            return socket;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS unavailable: " + e.getMessage(), e);
        }
    }

    private static Response parse(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1 && bytes.size() < MAX_BODY) {
            bytes.write(buffer, 0, read);
        }
        var text = bytes.toString(StandardCharsets.ISO_8859_1);
        var headerEnd = text.indexOf("\r\n\r\n");
        var head = headerEnd < 0 ? text : text.substring(0, headerEnd);
        var lines = head.split("\r\n");
        var statusParts = lines[0].split(" ", 3);
        if (statusParts.length < 2 || !statusParts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer");
        }
        String location = null;
        var chunked = false;
        for (var line : lines) {
            var lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("location:")) {
                location = line.substring(9).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        var body = headerEnd < 0 ? "" : text.substring(headerEnd + 4);
        return new Response(Integer.parseInt(statusParts[1]), location, chunked ? unchunk(body) : body);
    }

    private static String unchunk(String body) {
        var result = new StringBuilder();
        var rest = body;
        while (true) {
            var end = rest.indexOf("\r\n");
            if (end < 0) {
                return result.toString();
            }
            int size;
            try {
                size = Integer.parseInt(rest.substring(0, end).split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                return result.toString();
            }
            if (size == 0 || rest.length() < end + 2 + size) {
                return result.toString();
            }
            result.append(rest, end + 2, end + 2 + size);
            rest = rest.substring(Math.min(rest.length(), end + 2 + size + 2));
        }
    }

    private static String abbreviate(String text) {
        var oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }

    /** The CA does not verify certificates after a redirect to https; neither does this check. */
    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Never used: this is a client.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Deliberately accepted, as the CA does; only a public token is read.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
