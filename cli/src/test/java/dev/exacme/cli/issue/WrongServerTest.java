package dev.exacme.cli.issue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.exacme.acme.testing.PebbleExtension;
import dev.exacme.cli.CommandRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exacme issue} given a wrong {@code --server} or a pasted {@code -d}: exit 2 (usage)
 * with a message that names the option, what was given and what to give; exit 4 only when
 * the CA cannot be reached.
 */
class WrongServerTest {

    // Bound before Pebble reserves its ports: it cannot then take the HTTP-01 port Pebble leaves free for the test.
    @RegisterExtension
    @Order(1)
    static final WireMockExtension WIRE = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @RegisterExtension
    @Order(2)
    static final PebbleExtension PEBBLE = PebbleExtension.builder().build();

    @TempDir
    Path temp;

    private CommandRun issue(String name, String server, String... extra) throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var args = new ArrayList<>(List.of("issue", "-d", name, "--server", server, "--agree-tos",
                "--skip-self-check", "--http-port", String.valueOf(port), "--http-bind", "127.0.0.1",
                "--config-dir", temp.resolve("config").toString(), "--out", temp.resolve("out").toString(), "--json"));
        args.addAll(List.of(extra));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static JsonNode usageError(CommandRun run) throws IOException {
        assertEquals(2, run.exitCode(), run.toString());
        var error = new ObjectMapper().readTree(run.out());
        assertEquals("error", error.get("status").asText(), error.toString());
        assertEquals("usage", error.get("kind").asText(), error.toString());
        return error;
    }

    private static void assertNamesServer(JsonNode error, String server) {
        var message = error.get("message").asText();
        assertTrue(message.contains("--server " + server + " is not an ACME directory"), message);
        assertTrue(message.contains("https://acme-v02.api.letsencrypt.org/directory"), message);
        assertTrue(message.contains("https://acme-staging-v02.api.letsencrypt.org/directory"), message);
    }

    @Test
    void aDirectoryUrlAnswering404IsAUsageErrorNamingServer() throws IOException {
        WIRE.stubFor(get(urlEqualTo("/owa")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/html").withBody("<html>404 - File or directory not found.</html>")));
        var server = "http://127.0.0.1:" + WIRE.getPort() + "/owa";
        var run = issue("mail.example.com", server);
        var error = usageError(run);
        assertNamesServer(error, server);
        assertTrue(error.get("message").asText().contains("HTTP 404"), error.toString());
        assertTrue(run.err().contains("--server " + server), run.err());
    }

    @Test
    void aWebPageIsAUsageErrorNamingServer() throws IOException {
        WIRE.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/html").withBody("<html><title>IIS Windows Server</title></html>")));
        var server = "http://127.0.0.1:" + WIRE.getPort() + "/";
        assertNamesServer(usageError(issue("mail.example.com", server)), server);
    }

    @Test
    void jsonOfAnotherApiIsAUsageErrorNamingServer() throws IOException {
        WIRE.stubFor(get(urlEqualTo("/api")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"status\": \"ok\"}")));
        var server = "http://127.0.0.1:" + WIRE.getPort() + "/api";
        var error = usageError(issue("mail.example.com", server));
        assertNamesServer(error, server);
        assertTrue(error.get("message").asText().contains("newNonce, newAccount, newOrder"), error.toString());
    }

    @Test
    void plainHttpToPebbleSaysToUseHttps() throws IOException {
        var https = PEBBLE.directoryUrl();
        var plain = "http://" + https.getRawAuthority() + https.getRawPath();
        var error = usageError(issue("mail.example.com", plain, "--trust", PEBBLE.trustAnchorPem().toString()));
        assertNamesServer(error, plain);
        assertTrue(error.get("message").asText().contains("give --server " + https), error.toString());
    }

    @Test
    void aClosedPortIsANetworkFailure() throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var run = issue("mail.example.com", "https://127.0.0.1:" + port + "/dir");
        assertEquals(4, run.exitCode(), run.toString());
        assertEquals("network", new ObjectMapper().readTree(run.out()).get("kind").asText(), run.out());
    }

    @Test
    void aPastedUrlIsAUsageErrorSayingWhatToType() throws IOException {
        var error = usageError(issue("https://mail.contoso.com/owa", "https://127.0.0.1:1/dir"));
        assertTrue(error.get("message").asText().contains("'https://mail.contoso.com/owa' appears to be a URL; give"
                + " the host name alone: -d mail.contoso.com."), error.toString());
    }
}
