package dev.exacme.lifecycle.deploy.revocation;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a loopback port that serves CRLs (or anything else) by path, answers
 * 404 for every other path, and remembers the paths asked for.
 */
final class CrlServer implements AutoCloseable {

    private record Answer(String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    CrlServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                var path = exchange.getRequestURI().getPath();
                requested.add(path);
                var answer = answers.get(path);
                if (answer == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
                exchange.sendResponseHeaders(200, answer.body().length);
                exchange.getResponseBody().write(answer.body());
            }
        });
        server.start();
    }

    /** Serves {@code der} at {@code path} as {@code application/pkix-crl}, as CAs do. */
    void crl(String path, byte[] der) {
        answers.put(path, new Answer("application/pkix-crl", der));
    }

    /** Serves a page that is no CRL, as a captive portal does. */
    void page(String path, String html) {
        answers.put(path, new Answer("text/html", html.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The paths asked for so far, in order. */
    List<String> requested() {
        return List.copyOf(requested);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
