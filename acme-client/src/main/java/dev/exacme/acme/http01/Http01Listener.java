package dev.exacme.acme.http01;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * exacme's own HTTP server for HTTP-01: answers {@code GET} and {@code HEAD} for the tokens
 * of the current order and nothing else (404 for every other path, 405 for other methods).
 *
 * <p>Binds when created, so that a port that is taken or needs privileges is reported
 * before the CA is contacted. With no bind address it listens on the wildcard address,
 * which on a dual-stack host serves IPv4 and IPv6 alike; explicit addresses (IPv4 or IPv6)
 * each get their own socket.
 */
public final class Http01Listener implements Http01Responder {

    private final ChallengeAnswers answers = new ChallengeAnswers();
    private final List<HttpServer> servers;
    private final int port;

    private Http01Listener(List<HttpServer> servers, int port) {
        this.servers = servers;
        this.port = port;
    }

    /**
     * Starts listening.
     *
     * @param addresses where to bind; empty for the wildcard address
     * @param port      the port; 80 unless the CA reaches this host through a port-forward
     * @throws IOException with a message naming the address and port that could not be bound
     */
    public static Http01Listener start(List<InetAddress> addresses, int port) throws IOException {
        var listener = new Http01Listener(new ArrayList<>(), port);
        var endpoints = addresses.isEmpty()
                ? List.of(new InetSocketAddress(port))
                : addresses.stream().map(address -> new InetSocketAddress(address, port)).toList();
        try {
            for (var endpoint : endpoints) {
                listener.bind(endpoint);
            }
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        return listener;
    }

    private void bind(InetSocketAddress endpoint) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(endpoint, 50);
        } catch (BindException e) {
            var where = (endpoint.getAddress().isAnyLocalAddress() ? "*" : endpoint.getAddress().getHostAddress())
                    + ":" + endpoint.getPort();
            throw new IOException("Cannot listen on " + where + " for HTTP-01 (" + e.getMessage() + "): "
                    + (endpoint.getPort() < 1024
                        ? "another web server holds the port, or this user may not bind ports below 1024. "
                        : "another program holds the port. ")
                    + "Stop it, use --webroot with the existing web server, or pick another port with --http-port "
                    + "if port 80 is forwarded to it.", e);
        }
        server.createContext("/", this::handle);
        server.start();
        servers.add(server);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var method = exchange.getRequestMethod();
            var answer = answers.answer(method, exchange.getRequestURI().getRawPath());
            if (answer.status() == 405) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            }
            if (answer.status() != 200) {
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, answer.body().length);
            exchange.getResponseBody().write(answer.body());
        }
    }

    @Override
    public void publish(ChallengeToken token) {
        answers.publish(token);
    }

    @Override
    public void withdraw(ChallengeToken token) {
        answers.withdraw(token);
    }

    /** The port actually bound (useful when asked for port 0). */
    public int port() {
        return servers.isEmpty() ? port : servers.get(0).getAddress().getPort();
    }

    @Override
    public String describe() {
        return "exacme's HTTP-01 listener on " + servers.stream()
                .map(server -> server.getAddress().getAddress().isAnyLocalAddress()
                        ? "port " + server.getAddress().getPort()
                        : server.getAddress().getAddress().getHostAddress() + " port " + server.getAddress().getPort())
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        answers.clear();
        for (var server : servers) {
            server.stop(0);
        }
        servers.clear();
    }
}
