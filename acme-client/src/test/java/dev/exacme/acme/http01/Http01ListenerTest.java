package dev.exacme.acme.http01;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The listener on real sockets, spoken to with a real HTTP client. */
class Http01ListenerTest {

    private static final ChallengeToken TOKEN = new ChallengeToken("tok_123-ABC", "tok_123-ABC.thumbprint");
    private final HttpClient client = HttpClient.newHttpClient();

    /**
     * How long a test waits for something that should happen at once before it calls it a
     * failure: a guard against hanging for ever, never a measure of speed.
     */
    private static final Duration GUARD = Duration.ofSeconds(30);
    /** Long enough that no test sees the server's own deadline unless it asks for a short one. */
    private static final Http01Listener.Limits PATIENT = Http01Listener.Limits.DEFAULT.withHeadDeadline(Duration.ofMinutes(10));
    private static final String HEAD_START = "GET /.well-known/acme";
    private static final String HEAD_REST = "-challenge/tok_123-ABC HTTP/1.1\r\nHost: stalled.example\r\n\r\n";

    private HttpResponse<String> send(String method, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(GUARD).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Http01Listener loopbackListener(Http01Listener.Limits limits) throws IOException {
        return Http01Listener.start(List.of(InetAddress.getLoopbackAddress()), 0, limits);
    }

    /** A client on {@code from} that sends {@code text} and then says nothing more. */
    private static Socket stalled(Http01Listener listener, String from, byte[] text) throws IOException {
        var socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.port()));
        socket.setSoTimeout((int) GUARD.toMillis());
        socket.getOutputStream().write(text);
        socket.getOutputStream().flush();
        return socket;
    }

    private static Socket stalled(Http01Listener listener) throws IOException {
        return stalled(listener, "127.0.0.1", HEAD_START.getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends the rest of a stalled request and returns the whole answer, read until the server closes. */
    private static String finish(Socket socket) throws IOException {
        socket.getOutputStream().write(HEAD_REST.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        var answer = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(answer);
        return answer.toString(StandardCharsets.US_ASCII);
    }

    /** Whether the server ended this connection without an answer (an end of stream or a reset). */
    private static void assertDisconnected(Socket socket) {
        try {
            var read = socket.getInputStream().read();
            assertEquals(-1, read, "the server answered instead of disconnecting");
        } catch (SocketTimeoutException e) {
            fail("the server kept the connection open for " + GUARD);
        } catch (IOException e) {
            // A reset: the server closed with bytes of ours still unread, which is as good.
        }
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

    @Test
    void aStalledClientDoesNotHoldUpTheCa() throws Exception {
        // 111 bytes of a TLS ClientHello: what a scanner speaking https to port 80 leaves behind.
        var clientHello = new byte[111];
        clientHello[0] = 0x16;
        clientHello[1] = 0x03;
        clientHello[2] = 0x01;
        try (var listener = loopbackListener(PATIENT);
             var stalled = stalled(listener);
             var tls = stalled(listener, "127.0.0.1", clientHello)) {
            listener.publish(TOKEN);

            var answer = send("GET", "http://127.0.0.1:" + listener.port() + "/.well-known/acme-challenge/tok_123-ABC");

            assertEquals(200, answer.statusCode());
            assertEquals("tok_123-ABC.thumbprint", answer.body());
            // The stalled client was connected all along: it gets its answer once it finishes.
            var late = finish(stalled);
            assertTrue(late.startsWith("HTTP/1.1 200 "), late);
            assertTrue(late.endsWith("\r\n\r\ntok_123-ABC.thumbprint"), late);
            // So was the TLS one, which is told that it is not speaking HTTP once it ends a "head".
            tls.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            var refused = new String(tls.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(refused.startsWith("HTTP/1.1 400 "), refused);
        }
    }

    @Test
    void aClientSendingOneByteAtATimeIsCutOffAtTheDeadlineForTheWholeHead() throws Exception {
        var request = ("GET /.well-known/acme-challenge/tok_123-ABC HTTP/1.1\r\nHost: slow.example\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        var sent = new AtomicInteger();
        try (var listener = loopbackListener(Http01Listener.Limits.DEFAULT.withHeadDeadline(Duration.ofSeconds(1)));
             var slow = stalled(listener, "127.0.0.1", new byte[0])) {
            listener.publish(TOKEN);
            // Each byte arrives well within a second of the previous one; only a deadline for the
            // whole head, not for each read, ends this.
            var writer = new Thread(() -> {
                try {
                    for (var b : request) {
                        slow.getOutputStream().write(b);
                        slow.getOutputStream().flush();
                        sent.incrementAndGet();
                        Thread.sleep(500);
                    }
                } catch (IOException | InterruptedException e) {
                    // Disconnected, or the test is over.
                }
            }, "slow client");
            writer.setDaemon(true);
            writer.start();

            assertDisconnected(slow);
            assertTrue(sent.get() < request.length, "cut off before the request was complete: " + sent + " bytes");
            writer.interrupt();
            writer.join(GUARD.toMillis());
        }
    }

    @Test
    void oneAddressGetsEightConnectionsAndTheNinthIsClosedAtOnce() throws Exception {
        try (var listener = loopbackListener(PATIENT)) {
            listener.publish(TOKEN);
            var eight = new ArrayList<Socket>();
            try {
                for (int i = 0; i < 8; i++) {
                    eight.add(stalled(listener));
                }
                try (var ninth = stalled(listener)) {
                    assertDisconnected(ninth);
                }
                for (var socket : eight) {
                    var answer = finish(socket);
                    assertTrue(answer.startsWith("HTTP/1.1 200 "), "the eight stayed open: " + answer);
                }
            } finally {
                for (var socket : eight) {
                    socket.close();
                }
            }
            var answer = send("GET", "http://127.0.0.1:" + listener.port() + "/.well-known/acme-challenge/tok_123-ABC");
            assertEquals("tok_123-ABC.thumbprint", answer.body(), "their slots are free again once they are done");
        }
    }

    @Test
    void anotherAddressIsServedWhileOneAddressHoldsAllItsConnections() throws Exception {
        try (var probe = new Socket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
        } catch (IOException e) {
            assumeTrue(false, "127.0.0.2 is not a loopback address here: " + e.getMessage());
        }
        try (var listener = loopbackListener(PATIENT)) {
            listener.publish(TOKEN);
            var eight = new ArrayList<Socket>();
            try {
                for (int i = 0; i < 8; i++) {
                    eight.add(stalled(listener));
                }
                try (var other = stalled(listener, "127.0.0.2", HEAD_START.getBytes(StandardCharsets.US_ASCII))) {
                    var answer = finish(other);
                    assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
                }
            } finally {
                for (var socket : eight) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void connectionsBeyondTheOverallBoundAreClosedAtOnce() throws Exception {
        try (var listener = loopbackListener(new Http01Listener.Limits(Duration.ofMinutes(10), 8192, 8, 2));
             var first = stalled(listener);
             var second = stalled(listener)) {
            listener.publish(TOKEN);
            try (var third = stalled(listener)) {
                assertDisconnected(third);
            }
            assertTrue(finish(first).startsWith("HTTP/1.1 200 "));
            assertTrue(finish(second).startsWith("HTTP/1.1 200 "));
        }
    }

    @Test
    void anOversizedRequestHeadIsRefused() throws Exception {
        var huge = ("GET /.well-known/acme-challenge/tok_123-ABC HTTP/1.1\r\nX-Padding: " + "a".repeat(20_000))
                .getBytes(StandardCharsets.US_ASCII);
        try (var listener = loopbackListener(PATIENT); var client = stalled(listener, "127.0.0.1", new byte[0])) {
            listener.publish(TOKEN);
            try {
                client.getOutputStream().write(huge);
                client.getOutputStream().flush();
            } catch (IOException e) {
                // The server may close before it has everything; that is the point.
            }
            assertDisconnected(client);
        }
    }

    /** What the listener, the token published, answers to {@code request} sent as it is on a raw connection. */
    private String answerTo(String request) throws Exception {
        try (var listener = loopbackListener(PATIENT);
             var client = stalled(listener, "127.0.0.1", request.getBytes(StandardCharsets.US_ASCII))) {
            listener.publish(TOKEN);
            return new String(client.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void leadingEmptyLinesBareLineFeedsAndHttp10AreAccepted() throws Exception {
        var answer = answerTo("\r\nGET /.well-known/acme-challenge/tok_123-ABC?x=1 HTTP/1.0\nHost: x\n\n");
        assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
        assertTrue(answer.contains("\r\nContent-Length: 22\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\ntok_123-ABC.thumbprint"), answer);
    }

    @Test
    void headGivesTheLengthWithoutTheBody() throws Exception {
        var answer = answerTo("HEAD /.well-known/acme-challenge/tok_123-ABC HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 200 OK\r\n"), answer);
        assertTrue(answer.contains("\r\nContent-Length: 22\r\n"), answer);
        assertTrue(answer.endsWith("\r\n\r\n"), answer);
    }

    @Test
    void aMalformedRequestGetsBadRequest() throws Exception {
        var answer = answerTo("nonsense\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
    }

    @Test
    void closingEndsStalledConnectionsAndEveryThread() throws Exception {
        var listener = loopbackListener(PATIENT);
        try (var stalled = stalled(listener); var another = stalled(listener)) {
            listener.publish(TOKEN);
            // Both are being read by a worker (the second answer proves the pool is running).
            assertEquals(200, send("GET", "http://127.0.0.1:" + listener.port() + "/.well-known/acme-challenge/tok_123-ABC")
                    .statusCode());
            assertFalse(listenerThreads().isEmpty(), "the listener names its threads");
            assertTrue(listenerThreads().stream().allMatch(Thread::isDaemon), "none of them keeps the JVM alive");

            listener.close();

            assertDisconnected(stalled);
            assertDisconnected(another);
            assertEquals(List.of(), listenerThreads(), "close() returns once every thread of the listener has ended");
        }
    }

    private static List<Thread> listenerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(Http01Listener.THREAD_NAME_PREFIX) && thread.isAlive())
                .toList();
    }
}
