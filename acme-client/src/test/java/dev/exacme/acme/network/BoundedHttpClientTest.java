package dev.exacme.acme.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every client built from {@link OutboundNetwork#httpClient()} (ACME, DNS provider APIs,
 * notifications) ends an exchange at the request timeout, body included, and refuses bodies
 * above {@link OutboundNetwork#MAX_RESPONSE_BYTES}, whatever body handler its caller uses.
 * The JUnit timeouts only guard against a hang.
 */
class BoundedHttpClientTest {

    @TempDir
    Path temp;

    private static OutboundNetwork network(ScriptedTlsServer server, Duration requestTimeout) throws Exception {
        return new OutboundNetwork(Optional.empty(), NoProxyList.none(), Duration.ofSeconds(5), requestTimeout,
                TrustedCertificates.withPemFiles(List.of(server.rootPem())));
    }

    private static void trickle(OutputStream out) throws IOException, InterruptedException {
        var body = "{\"result\": [], \"success\": true, \"errors\": [], \"messages\": []}";
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (var b : body.getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            Thread.sleep(500);
        }
    }

    private static void huge(OutputStream out) throws IOException {
        out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        var chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        for (long sent = 0; sent < 100L * 1024 * 1024; sent += chunk.length) {
            out.write(chunk);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aTrickledBodyReadAsAStringEndsAtTheRequestTimeout() throws Exception {
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> trickle(out))) {
            var client = network(server, Duration.ofSeconds(2)).httpClient().build();
            var url = server.url("/zones");
            // As the DNS provider APIs ask: with the request timeout on the request.
            var request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build();
            var failure = assertThrows(ResponseDeadlineExceeded.class,
                    () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
            assertEquals(url, failure.uri());
            assertTrue(failure.getMessage().contains("request timeout of 2 s"), failure.getMessage());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aRequestWithoutATimeoutGetsTheNetworksOne() throws Exception {
        // Route 53's instance-metadata calls set no timeout of their own.
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> trickle(out))) {
            var client = network(server, Duration.ofSeconds(2)).httpClient().build();
            var failure = assertThrows(ResponseDeadlineExceeded.class, () -> client.send(
                    HttpRequest.newBuilder(server.url("/latest/api/token")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            assertEquals(Duration.ofSeconds(2), failure.limit());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aTrickledBodyReadAsAStreamEndsAtTheRequestTimeout() throws Exception {
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> trickle(out))) {
            var client = network(server, Duration.ofSeconds(2)).httpClient().build();
            var response = client.send(HttpRequest.newBuilder(server.url("/dir")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (var body = response.body()) {
                var failure = assertThrows(IOException.class, body::readAllBytes);
                assertTrue(failure.getCause() instanceof ResponseDeadlineExceeded, failure.toString());
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aHugeBodyReadAsBytesIsRefusedAtTheLimit() throws Exception {
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> huge(out))) {
            var client = network(server, Duration.ofMinutes(1)).httpClient().build();
            var url = server.url("/zones");
            var failure = assertThrows(ResponseTooLarge.class, () -> client.send(
                    HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray()));
            assertEquals(url, failure.uri());
            assertEquals(OutboundNetwork.MAX_RESPONSE_BYTES, failure.limit());
            assertTrue(failure.getMessage().contains("1 MiB"), failure.getMessage());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aDnsProviderApiSaysItRefusedAHugeAnswer() throws Exception {
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> huge(out))) {
            var api = new dev.exacme.acme.dns.api.JsonApi("cloudflare", network(server, Duration.ofMinutes(1)),
                    node -> "");
            var url = server.url("/client/v4/zones?name=example.com");
            var failure = assertThrows(IOException.class,
                    () -> api.send("finding the zone example.com", "GET", url, java.util.Map.of(), null, false));
            assertTrue(failure.getMessage().startsWith("cloudflare: refused the answer while finding the zone"),
                    failure.getMessage());
            assertTrue(failure.getMessage().contains(url.toString()), failure.getMessage());
            assertTrue(failure.getMessage().contains("1 MiB"), failure.getMessage());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aPromptAnswerIsUntouched() throws Exception {
        var body = "{\"ok\": true}";
        try (var server = ScriptedTlsServer.start(temp, (request, out) -> out.write(
                ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1)))) {
            var client = network(server, Duration.ofSeconds(30)).httpClient().build();
            var response = client.send(HttpRequest.newBuilder(server.url("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(body, response.body());
        }
    }
}
