package dev.exacme.acme.http01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listener on real sockets, spoken to with a real HTTP client. */
class Http01ListenerTest {

    private static final ChallengeToken TOKEN = new ChallengeToken("tok_123-ABC", "tok_123-ABC.thumbprint");
    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersOnlyPublishedTokens() throws Exception {
        try (var listener = Http01Listener.start(List.of(InetAddress.getLoopbackAddress()), 0)) {
            var base = "http://127.0.0.1:" + listener.port();
            assertEquals(404, send("GET", base + "/.well-known/acme-challenge/tok_123-ABC").statusCode());

            listener.publish(TOKEN);
            var answer = send("GET", base + "/.well-known/acme-challenge/tok_123-ABC");
            assertEquals(200, answer.statusCode());
            assertEquals("tok_123-ABC.thumbprint", answer.body());
            assertEquals("text/plain", answer.headers().firstValue("Content-Type").orElse(""));
            assertEquals(200, send("HEAD", base + "/.well-known/acme-challenge/tok_123-ABC").statusCode());
            assertEquals(405, send("POST", base + "/.well-known/acme-challenge/tok_123-ABC").statusCode());
            assertEquals(404, send("GET", base + "/.well-known/acme-challenge/other").statusCode());
            assertEquals(404, send("GET", base + "/tok_123-ABC").statusCode());
            assertEquals(404, send("GET", base + "/").statusCode());

            listener.withdraw(TOKEN);
            assertEquals(404, send("GET", base + "/.well-known/acme-challenge/tok_123-ABC").statusCode());
        }
    }

    @Test
    void closingFreesThePort() throws Exception {
        var listener = Http01Listener.start(List.of(InetAddress.getLoopbackAddress()), 0);
        var port = listener.port();
        listener.publish(TOKEN);
        listener.close();
        listener.close();
        assertThrows(ConnectException.class,
                () -> send("GET", "http://127.0.0.1:" + port + "/.well-known/acme-challenge/tok_123-ABC"));
        try (var again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void aTakenPortIsReportedWithWhatToDo() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var failure = assertThrows(IOException.class,
                    () -> Http01Listener.start(List.of(InetAddress.getLoopbackAddress()), taken.getLocalPort()));
            assertTrue(failure.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), failure.getMessage());
            assertTrue(failure.getMessage().contains("--webroot"), failure.getMessage());
        }
    }

    @Test
    void servesIpv6() throws Exception {
        var loopback6 = InetAddress.getByName("::1");
        assumeTrue(Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .anyMatch(address -> address instanceof Inet6Address && address.isLoopbackAddress()),
                "this host has no IPv6 loopback");
        try (var listener = Http01Listener.start(List.of(loopback6, InetAddress.getByName("127.0.0.1")), 0)) {
            listener.publish(TOKEN);
            var answer = send("GET", "http://[::1]:" + listener.port() + "/.well-known/acme-challenge/tok_123-ABC");
            assertEquals("tok_123-ABC.thumbprint", answer.body());
            assertTrue(listener.describe().contains("0:0:0:0:0:0:0:1"), listener.describe());
        }
    }

    @Test
    void tokensThatCouldNameAnotherPathAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChallengeToken("../etc/passwd", "x"));
        assertThrows(IllegalArgumentException.class, () -> new ChallengeToken("a/b", "x"));
    }
}
