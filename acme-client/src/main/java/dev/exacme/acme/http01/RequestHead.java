package dev.exacme.acme.http01;

import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request line of an HTTP/1.x request: all the listener needs, since an answer depends on
 * the method and the path only.
 *
 * @param method  the method, as sent (methods are case-sensitive)
 * @param rawPath the path of the request target, not percent-decoded, without the query
 */
record RequestHead(String method, String rawPath) {

    private static final Pattern METHOD = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/[0-9]\\.[0-9]");

    /**
     * Reads a request head (everything up to the first empty line) from {@code socket}.
     *
     * <p>The deadline is for the whole head, not for each read: a client that sends a byte
     * now and then must not hold a worker any longer than one that sends nothing.
     *
     * @return the request line, or empty when what came is not an HTTP request
     * @throws SocketTimeoutException when the head is not complete by the deadline
     * @throws EOFException           when the client closed before the head was complete
     * @throws IOException            when the head exceeds {@code maxBytes}, or on a socket error
     */
    static Optional<RequestHead> read(Socket socket, Duration deadline, int maxBytes) throws IOException {
        var in = socket.getInputStream();
        var end = System.nanoTime() + deadline.toNanos();
        var buffer = new byte[maxBytes];
        var length = 0;
        var scanned = 0;
        while (true) {
            var remainingMillis = (end - System.nanoTime() + 999_999) / 1_000_000;
            if (remainingMillis <= 0) {
                throw new SocketTimeoutException("request head not complete within " + deadline);
            }
            socket.setSoTimeout((int) Math.min(remainingMillis, Integer.MAX_VALUE));
            var read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                throw new EOFException("closed before the end of the request head");
            }
            length += read;
            // RFC 9112 2.2: empty lines before the request line are to be ignored.
            var start = 0;
            while (start < length && (buffer[start] == '\r' || buffer[start] == '\n')) {
                start++;
            }
            // Resumes where the last search stopped, less the two bytes an end of head may span.
            for (var i = Math.max(start, scanned - 2); i < length; i++) {
                if (buffer[i] == '\n' && endsHead(buffer, i + 1, length)) {
                    return parse(new String(buffer, start, i - start, StandardCharsets.ISO_8859_1));
                }
            }
            scanned = length;
            if (length == buffer.length) {
                throw new IOException("request head longer than " + maxBytes + " bytes");
            }
        }
    }

    /** Whether an empty line ({@code LF} or {@code CR LF}, leniently as RFC 9112 allows) starts at {@code at}. */
    private static boolean endsHead(byte[] buffer, int at, int length) {
        return at < length && (buffer[at] == '\n' || (buffer[at] == '\r' && at + 1 < length && buffer[at + 1] == '\n'));
    }

    /** Parses the first line of {@code head}: {@code METHOD SP request-target SP HTTP/x.y}. */
    static Optional<RequestHead> parse(String head) {
        var lineEnd = head.indexOf('\n');
        var line = lineEnd < 0 ? head : head.substring(0, lineEnd);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        var parts = line.split(" ", -1);
        if (parts.length != 3 || !METHOD.matcher(parts[0]).matches() || !VERSION.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        return rawPath(parts[1]).map(path -> new RequestHead(parts[0], path));
    }

    /** The raw path of an origin-form ({@code /path?query}) or absolute-form ({@code http://host/path}) target. */
    private static Optional<String> rawPath(String target) {
        if (target.startsWith("/")) {
            var cut = target.length();
            for (var stop : new char[] {'?', '#'}) {
                var at = target.indexOf(stop);
                if (at >= 0 && at < cut) {
                    cut = at;
                }
            }
            return Optional.of(target.substring(0, cut));
        }
        try {
            var uri = new URI(target);
            return uri.isAbsolute() && uri.getRawPath() != null
                    ? Optional.of(uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
