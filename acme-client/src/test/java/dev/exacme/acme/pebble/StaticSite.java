package dev.exacme.acme.pebble;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal real web server serving files from a document root, standing in for the IIS
 * or nginx site a {@code --webroot} user already runs.
 */
final class StaticSite implements AutoCloseable {

    private final HttpServer server;

    private StaticSite(HttpServer server) {
        this.server = server;
    }

    static StaticSite serve(Path root, int port) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10);
        server.createContext("/", exchange -> {
            try (exchange) {
                var file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
                if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                var body = Files.readAllBytes(file);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        return new StaticSite(server);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
